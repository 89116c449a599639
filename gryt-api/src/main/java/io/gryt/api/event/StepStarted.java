package io.gryt.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An attempt of a step started ({@value #TYPE}); a retried step starts once per attempt.
 *
 * @param runId   the run's id
 * @param step    the step's name
 * @param attempt the attempt, counting from 1
 * @param at      when it started
 */
public record StepStarted(String runId, String step, int attempt, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "step.started";

    public StepStarted {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
