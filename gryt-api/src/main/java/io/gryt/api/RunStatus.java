package io.gryt.api;

import java.util.Locale;

/** The state of a pipeline run. Stored and printed in lower case. */
public enum RunStatus {
    /** In progress. */
    RUNNING,
    /** Every step passed (or failed with continue-on-error). */
    PASS,
    /** A step failed or timed out. */
    FAIL,
    /** Cancelled through {@link RunHandle#cancel()} (or Ctrl-C in the CLI). */
    CANCELLED,
    /** Its gryt process died; found and marked when the store was next opened. */
    INTERRUPTED;

    /** The lower-case name used in storage and output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}. */
    public static RunStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
