package io.gryt.api.event;

import io.gryt.api.release.GateResult;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every gate of a promotion passed and the generation is about to be recorded promoted and tagged ({@value #TYPE}).
 * A {@link io.gryt.api.spi.Hook} may veto it; the promotion is then recorded blocked, the veto as a failed gate.
 *
 * @param generation the generation's version
 * @param commit     the commit it would release
 * @param gates      every gate's result, in evaluation order
 * @param at         when the gates were decided
 */
public record PromotionStarting(String generation, String commit, List<GateResult> gates, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "promotion.starting";

    public PromotionStarting {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(commit, "commit");
        gates = List.copyOf(gates);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
