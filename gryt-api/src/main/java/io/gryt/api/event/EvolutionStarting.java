package io.gryt.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An evolution is about to be recorded and run: nothing is recorded yet, no RC number is allocated
 * ({@value #TYPE}). A {@link io.gryt.api.spi.Hook} may veto it; the evolution is then refused.
 *
 * @param generation the generation's version
 * @param changes    the ids of the changes it would prove
 * @param commit     the commit it would run on
 * @param pipeline   the name of the pipeline that would prove them
 * @param at         when it was asked for
 */
public record EvolutionStarting(String generation, List<String> changes, String commit, String pipeline, Instant at)
        implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "evolution.starting";

    public EvolutionStarting {
        Objects.requireNonNull(generation, "generation");
        changes = List.copyOf(changes);
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
