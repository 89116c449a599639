package io.gryt.api;

import java.util.Locale;

/** The state of one step in a run. Stored and printed in lower case ({@code pass}, {@code fail}...). */
public enum StepStatus {
    /** Started and not finished. */
    RUNNING,
    /** Finished with exit code 0 (or a lambda that returned). */
    PASS,
    /** Finished with a non-zero exit code, or a lambda that threw. */
    FAIL,
    /** Killed after its timeout (last attempt). */
    TIMEOUT,
    /** Never started: a dependency failed, or the pipeline stopped after a failure. */
    SKIPPED,
    /** Killed because the run was cancelled. */
    CANCELLED,
    /** Its gryt process died (crash, kill -9); found and marked when the store was next opened. */
    INTERRUPTED;

    /** True for a status that lets dependents run. */
    public boolean isSuccess() {
        return this == PASS;
    }

    /** The lower-case name used in storage and output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}. */
    public static StepStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
