package io.gryt.api.event;

import io.gryt.api.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A step ended, whatever its status (skipped steps too), and its result is recorded ({@value #TYPE}). A step
 * that failed or timed out is followed by a {@link StepFailed}.
 *
 * @param runId    the run's id
 * @param step     the step's name
 * @param status   how it ended
 * @param attempts how many attempts ran (0 when skipped)
 * @param duration from its first start to its last end (zero when skipped)
 * @param at       when it ended
 */
public record StepFinished(String runId, String step, StepStatus status, int attempts, Duration duration, Instant at)
        implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "step.finished";

    public StepFinished {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
