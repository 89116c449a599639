package io.gryt.dashboard;

import org.jline.utils.AttributedStyle;

/** The dashboard's styles: colours for statuses unless {@code NO_COLOR}; bold and inverse either way. */
record Palette(boolean colour) {
    AttributedStyle title() {
        return AttributedStyle.DEFAULT.inverse().bold();
    }

    AttributedStyle heading() {
        return AttributedStyle.DEFAULT.bold();
    }

    AttributedStyle selected() {
        return AttributedStyle.DEFAULT.inverse();
    }

    AttributedStyle muted() {
        return colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
    }

    AttributedStyle alert() {
        return colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold() : AttributedStyle.DEFAULT.bold();
    }

    /** The style of a status label: pass green, failures red, work in progress yellow. */
    AttributedStyle status(String label) {
        if (!colour) return AttributedStyle.DEFAULT;
        return switch (label) {
            case "pass", "promoted", "completed" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case "fail", "timeout", "interrupted", "blocked", "cancelled" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
            case "running", "pending", "in progress", "draft", "hot-fix", "unproven" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default -> AttributedStyle.DEFAULT;
        };
    }
}
