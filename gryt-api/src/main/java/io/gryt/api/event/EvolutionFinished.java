package io.gryt.api.event;

import io.gryt.api.release.EvolutionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An evolution ended (pass, fail or interrupted), was recorded and, in a repository, tagged ({@value #TYPE}).
 *
 * @param generation the generation's version
 * @param tag        its RC tag
 * @param rc         its RC number
 * @param changes    the ids of the changes it proves, in the contract's declaration order
 * @param status     how it ended
 * @param commit     the commit it ran on
 * @param runId      its pipeline run, or {@code null} when the pipeline never started
 * @param duration   from its RC allocation to its end
 * @param at         when it ended
 */
public record EvolutionFinished(String generation, String tag, int rc, List<String> changes, EvolutionStatus status,
                                String commit, String runId, Duration duration, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "evolution.finished";

    public EvolutionFinished {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(tag, "tag");
        changes = List.copyOf(changes);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
    }

    /** Its pipeline run, when one started. */
    public Optional<String> run() {
        return Optional.ofNullable(runId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
