package io.gryt.bench;

import java.util.Arrays;
import java.util.Locale;

/** The Markdown a benchmark writes to bench/results.md: sections, lines and tables; each row echoed to stderr. */
final class MarkdownReport {
    private final StringBuilder text = new StringBuilder();

    void section(String format, Object... args) {
        text.append('\n').append("### ").append(String.format(Locale.ROOT, format, args)).append("\n\n");
    }

    void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    void table(String... headers) {
        row((Object[]) headers);
        text.append("|").append("---|".repeat(headers.length)).append('\n');
    }

    void row(Object... cells) {
        text.append("|");
        for (Object cell : cells) text.append(' ').append(cell).append(" |");
        text.append('\n');
        System.err.println(String.join(" ", Arrays.stream(cells).map(String::valueOf).toList()));
    }

    /** Appends text as it is. */
    MarkdownReport append(Object more) {
        text.append(more);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
