package io.gryt.api;

/** A pipeline cannot run: a cycle, an unknown dependency, an unresolved step reference, a duplicate name. */
public class InvalidPipelineException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public InvalidPipelineException(String message) {
        super(message);
    }
}
