package io.gryt.api.release;

import java.util.Locale;
import java.util.Optional;

/** The kind of a declared change. Written in lower case in files and storage. */
public enum ChangeType {
    /** A defect corrected. */
    FIX,
    /** Existing behaviour improved. */
    REFINE,
    /** A new capability. */
    ADD,
    /** A capability taken away. */
    REMOVE;

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type called {@code label} (case-insensitive), if any. */
    public static Optional<ChangeType> parse(String label) {
        for (ChangeType t : values()) if (t.label().equalsIgnoreCase(label)) return Optional.of(t);
        return Optional.empty();
    }
}
