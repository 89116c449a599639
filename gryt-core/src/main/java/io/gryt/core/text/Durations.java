package io.gryt.core.text;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in gryt files: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    private static final Pattern FORMAT =
            Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

    private Durations() {
    }

    /** The duration {@code text} stands for; bare digits are seconds. Null when it is not a duration. */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,9}")) return Duration.ofSeconds(Long.parseLong(t));
        Matcher m = FORMAT.matcher(t);
        if (t.isEmpty() || !m.matches()) return null;
        return Duration.ofHours(number(m.group(1)))
                .plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3)))
                .plusMillis(number(m.group(4)));
    }

    /** {@code duration} in the form {@link #parse} reads; fails below millisecond precision. */
    public static String format(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(duration + " has a fraction of a millisecond");
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) text.append(amount).append(unit);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
