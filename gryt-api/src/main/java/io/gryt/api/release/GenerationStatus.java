package io.gryt.api.release;

import java.util.Locale;

/** Where a generation stands. */
public enum GenerationStatus {
    /** Being proven: its file may still change. */
    DRAFT,
    /** Released: tagged, deployable, its contract frozen. */
    PROMOTED;

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}. */
    public static GenerationStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
