package io.gryt.api.event;

import io.gryt.api.RunStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A pipeline run ended and its result is recorded ({@value #TYPE}).
 *
 * @param runId    the run's id
 * @param pipeline the pipeline's name
 * @param status   how it ended
 * @param duration its wall-clock duration
 * @param at       when it ended
 */
public record RunFinished(String runId, String pipeline, RunStatus status, Duration duration, Instant at)
        implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "run.finished";

    public RunFinished {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
