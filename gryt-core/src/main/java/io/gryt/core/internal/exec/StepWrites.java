package io.gryt.core.internal.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files a step writes its outputs and metrics to, in the way GitHub Actions' {@code $GITHUB_OUTPUT} works:
 * {@code $GRYT_OUTPUT} takes {@code name=value} lines (or {@code name<<EOF}, lines, {@code EOF} for a multi-line
 * value) and {@code $GRYT_METRICS} takes {@code name=number} lines. Neither is created for the step: one that writes
 * creates it ({@code >>} appends to a new file), so a step that writes neither costs no file. Both are removed
 * before each attempt and read, where they exist, after the last one.
 *
 * @param output  the outputs file ({@code <run dir>/<step>.output})
 * @param metrics the metrics file ({@code <run dir>/<step>.metrics})
 */
record StepWrites(Path output, Path metrics) {
    /** The variable naming the outputs file. */
    static final String OUTPUT_VARIABLE = "GRYT_OUTPUT";
    /** The variable naming the metrics file. */
    static final String METRICS_VARIABLE = "GRYT_METRICS";
    /** The prefix of the variables that carry a dependency's outputs: {@code GRYT_OUTPUTS_<STEP>_<NAME>}, upper case,
     * other characters than letters and digits as {@code _}. */
    static final String PASSED_PREFIX = "GRYT_OUTPUTS_";
    /** Larger files are refused: outputs are values, not artifacts. */
    static final long MAX_BYTES = 1 << 20;

    private static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,199}");

    /** What a step wrote: outputs and metrics, in the order written (a later line wins). */
    record Values(Map<String, String> outputs, Map<String, Double> metrics) {
        static final Values NONE = new Values(Map.of(), Map.of());
    }

    /** A file a step wrote is not in the expected format; the message names {@code file:line}. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /** The files of step {@code step} in run directory {@code runDir}. */
    static StepWrites in(Path runDir, String step) {
        return new StepWrites(runDir.resolve(step + ".output"), runDir.resolve(step + ".metrics"));
    }

    /** The variables that name the two files. */
    Map<String, String> variables() {
        return Map.of(OUTPUT_VARIABLE, output.toAbsolutePath().toString(),
                METRICS_VARIABLE, metrics.toAbsolutePath().toString());
    }

    /** Removes both files, so that an attempt starts from nothing; the step creates what it writes. */
    void reset() throws IOException {
        Files.deleteIfExists(output);
        Files.deleteIfExists(metrics);
    }

    /**
     * Rewrites both files with {@code mask} applied to their text, once they were read: a secret value a step wrote
     * there does not stay in {@code .gryt/runs} (the values themselves were already handed on).
     */
    void scrub(java.util.function.UnaryOperator<String> mask) throws IOException {
        for (Path file : List.of(output, metrics)) {
            if (!Files.isRegularFile(file)) continue;
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String masked = mask.apply(text);
            if (!masked.equals(text)) Files.writeString(file, masked, StandardCharsets.UTF_8);
        }
    }

    /** Reads both files; {@code shown} turns a path into how the message shows it. */
    Values read(java.util.function.Function<Path, String> shown) throws MalformedException {
        return new Values(readOutputs(shown.apply(output)), readMetrics(shown.apply(metrics)));
    }

    private Map<String, String> readOutputs(String shown) throws MalformedException {
        List<String> lines = lines(output, shown);
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            int lineNo = i + 1;
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String name = name(line.substring(0, heredoc), OUTPUT_NAME, "output", shown, lineNo);
                String delimiter = line.substring(heredoc + 2);
                if (delimiter.isBlank()) throw malformed(shown, lineNo, "missing delimiter after '<<'");
                StringBuilder value = new StringBuilder();
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).equals(delimiter)) {
                    if (end > i + 1) value.append('\n');
                    value.append(lines.get(end));
                    end++;
                }
                if (end == lines.size()) {
                    throw malformed(shown, lineNo, "output '" + name + "' is not closed by a line '" + delimiter + "'");
                }
                outputs.put(name, value.toString());
                i = end;
            } else if (equals > 0) {
                outputs.put(name(line.substring(0, equals), OUTPUT_NAME, "output", shown, lineNo), line.substring(equals + 1));
            } else {
                throw malformed(shown, lineNo, "expected 'name=value' or 'name<<DELIMITER', found '" + abbreviate(line) + "'");
            }
        }
        return outputs;
    }

    private Map<String, Double> readMetrics(String shown) throws MalformedException {
        List<String> lines = lines(metrics, shown);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            int equals = line.indexOf('=');
            if (equals <= 0) throw malformed(shown, i + 1, "expected 'name=number', found '" + abbreviate(line) + "'");
            String name = name(line.substring(0, equals), METRIC_NAME, "metric", shown, i + 1);
            String text = line.substring(equals + 1).strip();
            double value = NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
            if (!Double.isFinite(value)) {
                throw malformed(shown, i + 1, "metric '" + name + "' is not a finite number: '" + abbreviate(text) + "'");
            }
            values.put(name, value);
        }
        return values;
    }

    private static List<String> lines(Path file, String shown) throws MalformedException {
        try {
            if (!Files.exists(file)) return List.of();
            if (Files.size(file) > MAX_BYTES) {
                throw new MalformedException(shown + ": larger than " + (MAX_BYTES >> 10) + " KiB");
            }
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r?\n", -1));
        } catch (IOException e) {
            throw new MalformedException(shown + ": cannot read: " + e.getMessage());
        }
    }

    private static String name(String raw, Pattern pattern, String what, String shown, int line)
            throws MalformedException {
        String name = raw.strip();
        if (!pattern.matcher(name).matches()) {
            throw malformed(shown, line, "invalid " + what + " name '" + abbreviate(name) + "' (expected " + pattern.pattern() + ")");
        }
        return name;
    }

    private static MalformedException malformed(String shown, int line, String what) {
        return new MalformedException(shown + ":" + line + ": " + what);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** The variable through which dependents see output {@code name} of step {@code step}. */
    static String passedVariable(String step, String name) {
        return PASSED_PREFIX + step.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_"
                + name.toUpperCase(Locale.ROOT);
    }
}
