package io.gryt.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An evolution got its RC number, was recorded {@code pending}, and is about to start its pipeline ({@value #TYPE}).
 *
 * @param generation the generation's version
 * @param tag        its RC tag, e.g. {@code v2.2.0-rc.3}
 * @param rc         its RC number
 * @param changes    the ids of the changes it proves, in the contract's declaration order
 * @param commit     the commit it runs on
 * @param allowDirty true when it runs on a work tree with uncommitted changes
 * @param at         when its RC number was allocated
 */
public record EvolutionStarted(String generation, String tag, int rc, List<String> changes, String commit,
                               boolean allowDirty, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "evolution.started";

    public EvolutionStarted {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(tag, "tag");
        changes = List.copyOf(changes);
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
