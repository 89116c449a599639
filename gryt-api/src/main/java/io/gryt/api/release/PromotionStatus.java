package io.gryt.api.release;

import java.util.Locale;

/** The outcome of a promotion attempt. */
public enum PromotionStatus {
    /** Gates passed and the release is being written (database, then tag); a crash here is repaired on next open. */
    PENDING,
    /** Released: tag created, generation promoted. */
    COMPLETED,
    /** A gate failed; nothing was released. */
    BLOCKED,
    /** A promotion interrupted before its tag existed was undone on the next open. */
    ROLLED_BACK,
    /** A dry run: gates evaluated, nothing recorded or tagged. */
    DRY_RUN;

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}. */
    public static PromotionStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
