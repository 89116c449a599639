package io.gryt.core.yaml;

import io.gryt.api.BadInputException;

/**
 * A gryt YAML file is wrong. The message is one line that names the file, the line and column, and the field:
 * {@code .gryt/pipelines/ci.yaml:7:14: steps[1].timeout: '10x' is not a duration (use 30s, 10m, 1h30m)}.
 */
public class YamlException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    /** A problem at a position (1-based line and column) in {@code file}. */
    public YamlException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** A problem with {@code file} as a whole (it cannot be read, it is empty...). */
    public YamlException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
        this.column = 0;
    }

    /** The file, as it was given to gryt. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0 when it concerns the whole file. */
    public int column() {
        return column;
    }
}
