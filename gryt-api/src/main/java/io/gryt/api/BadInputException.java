package io.gryt.api;

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
}
