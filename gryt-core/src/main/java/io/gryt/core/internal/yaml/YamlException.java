package io.gryt.core.internal.yaml;

import io.gryt.api.BadInputException;
import java.util.Comparator;
import java.util.List;

/**
 * A gryt YAML file is wrong. Each problem is one line that names the file, the line and column, and the field:
 * {@code .gryt/pipelines/ci.yaml:7:14: steps[1].timeout: '10x' is not a duration (use 30s, 10m, 1h30m)}. When
 * a file holds several problems the message is their lines in file order ({@link #problems()});
 * {@link #line()} and {@link #column()} are those of the first.
 */
public class YamlException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final List<String> problems;

    /** A problem at a position (1-based line and column) in {@code file}. */
    public YamlException(String file, int line, int column, String problem) {
        this(file, line, column, List.of(file + ":" + line + ":" + column + ": " + problem));
    }

    /** A problem with {@code file} as a whole (it cannot be read, it is empty...). */
    public YamlException(String file, String problem) {
        this(file, 0, 0, List.of(file + ": " + problem));
    }

    private YamlException(String file, int line, int column, List<String> problems) {
        super(String.join("\n", problems));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problems = List.copyOf(problems);
    }

    /** The problems of one file as one exception: every one's lines in file order, the first one's position. */
    static YamlException all(List<YamlException> each) {
        List<YamlException> ordered = each.stream()
                .sorted(Comparator.comparingInt(YamlException::line).thenComparingInt(YamlException::column))
                .toList();
        if (ordered.size() == 1) return ordered.get(0);
        YamlException first = ordered.get(0);
        return new YamlException(first.file, first.line, first.column,
                ordered.stream().flatMap(e -> e.problems.stream()).toList());
    }

    /** Every problem, one line each ({@code <file>:<line>:<col>: <field>: <what is wrong>}), in file order. */
    @Override
    public List<String> problems() {
        return problems;
    }

    /** The file, as it was given to gryt. */
    public String file() {
        return file;
    }

    /** The 1-based line of the (first) problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column of the (first) problem, or 0 when it concerns the whole file. */
    public int column() {
        return column;
    }
}
