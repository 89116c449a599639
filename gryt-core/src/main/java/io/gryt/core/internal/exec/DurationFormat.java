package io.gryt.core.internal.exec;

import java.time.Duration;

/** Short human-readable durations for messages: {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 2h}. */
final class DurationFormat {
    private DurationFormat() {
    }

    static String format(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) return d.toMillis() + "ms";
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) out.append(d.toHours()).append('h');
        if (d.toMinutesPart() > 0) out.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0 || d.toMillisPart() > 0) {
            out.append(d.toSecondsPart());
            if (d.toMillisPart() > 0) out.append('.').append(String.format("%03d", d.toMillisPart()).replaceAll("0+$", ""));
            out.append('s');
        }
        return out.toString();
    }
}
