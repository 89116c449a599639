package io.gryt.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How reports write times, durations, sizes and hashes. */
final class Formats {
    private Formats() {
    }

    /** A stored ISO-8601 time in {@link Instant#toString()} form (as audit entries are written), or null. */
    static String iso(String stored) {
        if (stored == null) return null;
        try {
            return Instant.parse(stored).toString();
        } catch (DateTimeParseException e) {
            return stored; // shown as recorded
        }
    }

    /** A time for people: {@code 2025-01-31 09:30:00Z} (seconds), or {@code -}. */
    static String display(String iso) {
        if (iso == null) return "-";
        try {
            String s = Instant.parse(iso).toString();
            int dot = s.indexOf('.');
            String seconds = dot < 0 ? s : s.substring(0, dot) + "Z";
            return seconds.replace('T', ' ');
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** A duration in milliseconds for people: {@code 0.41s}, {@code 12.3s}, {@code 2m 05s}, or {@code -}. */
    static String duration(Long millis) {
        if (millis == null) return "-";
        if (millis < 10_000) return String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
        if (millis < 60_000) return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        long s = millis / 1000;
        return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }

    /** A size in bytes for people. */
    static String size(Double bytes) {
        if (bytes == null) return "-";
        long b = bytes.longValue();
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }

    /** The first 12 characters of a commit id or hash, or {@code -}. */
    static String abbrev(String id) {
        return id == null ? "-" : id.substring(0, Math.min(12, id.length()));
    }

    /** A number as written in reports: whole numbers without a fraction. */
    static String number(Double d) {
        if (d == null) return "-";
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        return Double.toString(d);
    }
}
