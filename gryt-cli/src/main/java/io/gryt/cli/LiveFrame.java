package io.gryt.cli;

import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Lays out the rows of a run's steps: the live display's block while the run goes on, its final rendering,
 * and the single result lines of plain output. A pure function of its arguments (no clock, no I/O), so that
 * every frame can be checked without a terminal.
 *
 * <pre>
 *   pass      lint           0.41s
 *   running   unit-tests     3.4s    attempt 2  Tests run: 120, Failures: 0
 *   queued    package
 *   1/3 done · 1 running · 1 queued · 4.2s
 * </pre>
 *
 * Every line fits in {@code width - 1} columns (text that does not is cut and ends with {@code ...}), so a
 * terminal never wraps it and the block can be redrawn in place.
 */
final class LiveFrame {
    private static final int MIN_NAME_WIDTH = 12;
    private static final int LABEL_WIDTH = 9;
    private static final int TIME_WIDTH = 7;

    private final ConsoleStyle style;
    private final int width;
    private final int maxLines;

    /**
     * @param style    colours or not
     * @param width    the terminal's columns ({@link Integer#MAX_VALUE}: never cut)
     * @param maxLines the most lines the live block may take (at least 3)
     */
    LiveFrame(ConsoleStyle style, int width, int maxLines) {
        this.style = style;
        this.width = width;
        this.maxLines = Math.max(3, maxLines);
    }

    /** For plain output: one line per result, never cut. */
    static LiveFrame unbounded(ConsoleStyle style) {
        return new LiveFrame(style, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The block while the run goes on: a row per step and a progress line. When the steps do not all fit in
     * {@code maxLines}, the most telling rows are shown (running, then failed, then queued ones) and a line
     * counts the others.
     */
    List<String> render(List<StepRow> rows, Instant runStartedAt, Instant now) {
        int nameWidth = nameWidth(rows);
        List<StepRow> shown = rows.size() + 1 <= maxLines ? rows : mostTelling(rows, maxLines - 2);
        List<String> lines = new ArrayList<>();
        for (StepRow row : shown) lines.add(row(row, nameWidth, now));
        if (shown.size() < rows.size()) {
            List<StepRow> hidden = new ArrayList<>(rows);
            hidden.removeAll(shown);
            lines.add(fit("  ... and " + hidden.size() + " more: " + counts(hidden), style::dim));
        }
        lines.add(fit("  " + progress(rows) + " · " + DurationText.ticking(between(runStartedAt, now)), style::dim));
        return lines;
    }

    /** The block once the run has ended: every step's row, however many. */
    List<String> renderFinal(List<StepRow> rows) {
        int nameWidth = nameWidth(rows);
        return rows.stream().map(r -> row(r, nameWidth, null)).toList();
    }

    /** The width of the name column for {@code rows}. */
    static int nameWidth(List<StepRow> rows) {
        return Math.max(MIN_NAME_WIDTH, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
    }

    /** One step's row; {@code now} times running steps. */
    String row(StepRow r, int nameWidth, Instant now) {
        Line line = new Line(width);
        line.add("  ", UnaryOperator.identity());
        switch (r.phase()) {
            case QUEUED -> line.add(label("queued") + " " + r.name(), style::dim);
            case RUNNING -> {
                line.add(label("running"), style::cyan);
                line.add(" " + pad(r.name(), nameWidth) + "  " + pad(DurationText.ticking(between(r.startedAt(), now)), TIME_WIDTH),
                        UnaryOperator.identity());
                if (r.attempt() > 1) line.add("  attempt " + r.attempt(), style::dim);
                if (r.detail() != null) line.add("  " + ControlCodes.strip(r.detail()).strip(), style::dim);
            }
            case RETRYING -> {
                line.add(label("retry"), style::yellow);
                line.add(" " + pad(r.name(), nameWidth) + "  " + pad(DurationText.ticking(between(r.startedAt(), now)), TIME_WIDTH),
                        UnaryOperator.identity());
                line.add("  attempt " + r.attempt() + " failed" + (r.detail() == null ? "" : ": " + ControlCodes.strip(r.detail())),
                        style::dim);
            }
            case DONE -> result(line, r.result(), nameWidth);
        }
        return line.toString();
    }

    private void result(Line line, StepResult r, int nameWidth) {
        StepStatus status = r.status();
        line.add(label(status.label()), s -> style.status(status, s));
        boolean timed = status != StepStatus.SKIPPED;
        boolean attempts = r.attempts() > 1;
        boolean error = r.error() != null && !r.passed();
        boolean more = timed || attempts || error;
        line.add(" " + (more ? pad(r.name(), nameWidth) : r.name()), UnaryOperator.identity());
        if (timed) line.add("  " + (attempts || error ? pad(DurationText.of(r.duration()), TIME_WIDTH) : DurationText.of(r.duration())),
                UnaryOperator.identity());
        if (attempts) line.add("  " + r.attempts() + " attempts", style::dim);
        if (error) line.add("  " + ControlCodes.strip(r.error()), style::dim);
    }

    /** {@code rows} that best say what is going on, at most {@code n}, in declaration order. */
    private static List<StepRow> mostTelling(List<StepRow> rows, int n) {
        return IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> rank(rows.get(i))).thenComparingInt(i -> i))
                .limit(Math.max(0, n))
                .sorted()
                .map(rows::get)
                .toList();
    }

    private static int rank(StepRow r) {
        return switch (r.phase()) {
            case RUNNING, RETRYING -> 0;
            case DONE -> r.result().status() == StepStatus.FAIL || r.result().status() == StepStatus.TIMEOUT ? 1 : 3;
            case QUEUED -> 2;
        };
    }

    private static String progress(List<StepRow> rows) {
        long done = rows.stream().filter(r -> r.phase() == StepRow.Phase.DONE).count();
        long running = rows.stream().filter(r -> r.phase() == StepRow.Phase.RUNNING || r.phase() == StepRow.Phase.RETRYING).count();
        long queued = rows.stream().filter(r -> r.phase() == StepRow.Phase.QUEUED).count();
        return done + "/" + rows.size() + " done · " + running + " running · " + queued + " queued";
    }

    /** {@code 3 pass, 2 queued}: how many rows are in each state. */
    private static String counts(List<StepRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (StepRow r : rows) {
            String state = switch (r.phase()) {
                case QUEUED -> "queued";
                case RUNNING -> "running";
                case RETRYING -> "retry";
                case DONE -> r.result().status().label();
            };
            counts.merge(state, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((state, count) -> parts.add(count + " " + state));
        return String.join(", ", parts);
    }

    private String fit(String text, UnaryOperator<String> paint) {
        Line line = new Line(width);
        line.add(text, paint);
        return line.toString();
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? Duration.ZERO : Duration.between(from, to);
    }

    private static String label(String s) {
        return pad(s, LABEL_WIDTH);
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    /** A line of painted segments, cut to fit {@code width - 1} columns with {@code ...} where it was cut. */
    private static final class Line {
        private final List<String> texts = new ArrayList<>();
        private final List<UnaryOperator<String>> paints = new ArrayList<>();
        private final int limit;

        Line(int width) {
            this.limit = width == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, width - 1);
        }

        void add(String s, UnaryOperator<String> paint) {
            if (s.isEmpty()) return;
            texts.add(s);
            paints.add(paint);
        }

        @Override
        public String toString() {
            long total = texts.stream().mapToLong(Line::columns).sum();
            int budget = total <= limit ? Integer.MAX_VALUE : Math.max(0, limit - 3);
            StringBuilder b = new StringBuilder();
            int used = 0;
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                int columns = columns(text);
                if (used + columns <= budget) {
                    b.append(paints.get(i).apply(text));
                    used += columns;
                    continue;
                }
                b.append(paints.get(i).apply(cut(text, budget - used) + "...".substring(0, Math.min(3, limit))));
                break;
            }
            return b.toString();
        }

        /** The start of {@code s} that fits in {@code room} columns. */
        private static String cut(String s, int room) {
            StringBuilder b = new StringBuilder();
            int used = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int w = columns(cp);
                if (used + w > room) break;
                b.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
            return b.toString();
        }

        private static int columns(String s) {
            return s.codePoints().map(Line::columns).sum();
        }

        /** Columns a character takes: 2 for East Asian wide characters and emoji, else 1. */
        private static int columns(int cp) {
            boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                    || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                    || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
            return wide ? 2 : 1;
        }
    }
}
