package io.gryt.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A pipeline run was recorded and is about to schedule its first step ({@value #TYPE}).
 *
 * @param runId    the run's id
 * @param pipeline the pipeline's name
 * @param at       when it started
 */
public record RunStarted(String runId, String pipeline, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "run.started";

    public RunStarted {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
