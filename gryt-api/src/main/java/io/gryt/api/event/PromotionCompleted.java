package io.gryt.api.event;

import io.gryt.api.release.GateResult;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A generation passed every gate, was tagged and recorded promoted ({@value #TYPE}).
 *
 * @param generation the generation's version
 * @param tag        the release tag (the version)
 * @param commit     the released commit
 * @param gates      every gate's result, in evaluation order
 * @param at         when it was promoted
 */
public record PromotionCompleted(String generation, String tag, String commit, List<GateResult> gates, Instant at)
        implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "promotion.completed";

    public PromotionCompleted {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(commit, "commit");
        gates = List.copyOf(gates);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
