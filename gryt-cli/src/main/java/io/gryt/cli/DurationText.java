package io.gryt.cli;

import java.time.Duration;
import java.util.Locale;

/** How durations read in run output: {@code 1.23s}, {@code 3m05s}, {@code 1h02m}; a ticking timer shows tenths. */
final class DurationText {
    private DurationText() {
    }

    /** A finished duration: hundredths under a minute. */
    static String of(Duration d) {
        long ms = Math.max(0, d.toMillis());
        return ms < 60_000 ? String.format(Locale.ROOT, "%.2fs", ms / 1000.0) : coarse(ms);
    }

    /** A running timer, redrawn several times a second: tenths under a minute. */
    static String ticking(Duration d) {
        long ms = Math.max(0, d.toMillis());
        return ms < 60_000 ? String.format(Locale.ROOT, "%d.%ds", ms / 1000, (ms % 1000) / 100) : coarse(ms);
    }

    private static String coarse(long ms) {
        long s = ms / 1000;
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s / 60) % 60);
    }
}
