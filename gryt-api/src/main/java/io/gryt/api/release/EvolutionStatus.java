package io.gryt.api.release;

import java.util.Locale;

/** Where an evolution stands: pending, then running, then pass, fail or interrupted. */
public enum EvolutionStatus {
    /** Its RC number is allocated; the pipeline has not started. */
    PENDING,
    /** The pipeline is running. */
    RUNNING,
    /** The pipeline passed: the changes it names are proven on its commit. */
    PASS,
    /** The pipeline failed. */
    FAIL,
    /** Its process died or it was cancelled before it finished. */
    INTERRUPTED;

    /** True for pass, fail and interrupted. */
    public boolean isFinal() {
        return this == PASS || this == FAIL || this == INTERRUPTED;
    }

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}. */
    public static EvolutionStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
