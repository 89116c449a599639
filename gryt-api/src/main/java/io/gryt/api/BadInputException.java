package io.gryt.api;

import java.util.List;

/**
 * The user's input is wrong (a malformed file, an unknown step or id, a cycle, a missing repository):
 * nothing ran. The CLI exits with code 2.
 */
public class BadInputException extends GrytException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Every problem, one line each, for a reader to print one per line: a file with several mistakes names each
     * ({@code file:line:col: field: what is wrong}). By default the message as its one problem.
     */
    public List<String> problems() {
        return List.of(getMessage() == null ? getClass().getSimpleName() : getMessage());
    }
}
