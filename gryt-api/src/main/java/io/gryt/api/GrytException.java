package io.gryt.api;

/**
 * Base of gryt's exceptions. The message is written for the user: one line that says what is wrong
 * and where (file, line, step or id), so that a CLI can print it as it is.
 */
public class GrytException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GrytException(String message) {
        super(message);
    }

    public GrytException(String message, Throwable cause) {
        super(message, cause);
    }
}
