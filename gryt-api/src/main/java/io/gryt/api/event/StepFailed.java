package io.gryt.api.event;

import io.gryt.api.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A step failed or timed out, after all its attempts; its result is recorded ({@value #TYPE}). Follows the
 * step's {@link StepFinished}.
 *
 * @param runId    the run's id
 * @param step     the step's name
 * @param status   {@link StepStatus#FAIL} or {@link StepStatus#TIMEOUT}
 * @param exitCode the last attempt's exit code, or {@code null} when no process ran (a lambda step, a command
 *                 that could not start)
 * @param error    a one-line reason ("exit code 2", "timed out after 5s"), secrets masked; empty when unknown
 * @param attempts how many attempts ran
 * @param duration from its first start to its last end
 * @param at       when it ended
 */
public record StepFailed(String runId, String step, StepStatus status, Integer exitCode, String error, int attempts,
                         Duration duration, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "step.failed";

    public StepFailed {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        error = error == null ? "" : error;
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
    }

    /** The last attempt's exit code, when a process ran. */
    public Optional<Integer> exit() {
        return Optional.ofNullable(exitCode);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
