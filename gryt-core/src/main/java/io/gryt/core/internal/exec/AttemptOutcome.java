package io.gryt.core.internal.exec;

import io.gryt.api.StepStatus;

/**
 * How one attempt of a step ended.
 *
 * @param status   {@link StepStatus#PASS}, {@code FAIL}, {@code TIMEOUT} or {@code CANCELLED}
 * @param exitCode the process's exit code, or {@code null} when no process ran
 * @param error    a one-line reason when it did not pass, else {@code null}
 */
record AttemptOutcome(StepStatus status, Integer exitCode, String error) {
    static AttemptOutcome passed(Integer exitCode) {
        return new AttemptOutcome(StepStatus.PASS, exitCode, null);
    }

    static AttemptOutcome failed(Integer exitCode, String error) {
        return new AttemptOutcome(StepStatus.FAIL, exitCode, error);
    }

    static AttemptOutcome timedOut(Integer exitCode, String error) {
        return new AttemptOutcome(StepStatus.TIMEOUT, exitCode, error);
    }

    static AttemptOutcome cancelled(Integer exitCode, String error) {
        return new AttemptOutcome(StepStatus.CANCELLED, exitCode, error);
    }

    /** True for an outcome another attempt may fix: a failure or a timeout. */
    boolean retryable() {
        return status == StepStatus.FAIL || status == StepStatus.TIMEOUT;
    }
}
