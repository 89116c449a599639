package io.gryt.api;

/**
 * Receives a run's events as they happen, on the threads that produce them (so implementations must be
 * thread-safe and quick). Every method has an empty default; implement what you need. An exception thrown
 * by a listener is logged and ignored: it never changes the run or what is recorded.
 */
public interface RunListener {
    /** The run was recorded and is about to schedule its first step. */
    default void runStarted(String runId, Pipeline pipeline) {
    }

    /** An attempt of a step started ({@code attempt} counts from 1). */
    default void stepStarted(String runId, String step, int attempt) {
    }

    /** An attempt failed and another will follow. */
    default void stepRetrying(String runId, String step, int failedAttempt, String reason) {
    }

    /** A line of a step's output (stdout or stderr), secrets masked. */
    default void stepOutput(String runId, String step, String line) {
    }

    /** A step ended (also called for skipped steps). */
    default void stepFinished(String runId, StepResult result) {
    }

    /** The run ended and its result is recorded. */
    default void runFinished(RunResult result) {
    }
}
