package io.gryt.api;

/**
 * The body of a Java lambda step: {@code step("check").action(ctx -> ...)}.
 * Returning normally means the step passed; throwing means it failed (the exception's message is
 * recorded as the step's error).
 */
@FunctionalInterface
public interface StepAction {
    /** Runs the step. */
    void run(StepContext context) throws Exception;
}
