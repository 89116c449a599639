package io.gryt.api.event;

import io.gryt.api.release.GateResult;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A promotion was refused by at least one gate and recorded {@code blocked}; nothing was tagged ({@value #TYPE}).
 *
 * @param generation the generation's version
 * @param commit     the commit it would have released, or {@code null} when none was proven
 * @param gates      every gate's result, passing ones included, in evaluation order
 * @param at         when it was decided
 */
public record PromotionBlocked(String generation, String commit, List<GateResult> gates, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "promotion.blocked";

    public PromotionBlocked {
        Objects.requireNonNull(generation, "generation");
        gates = List.copyOf(gates);
        Objects.requireNonNull(at, "at");
    }

    /** The gates that blocked it. */
    public List<GateResult> failedGates() {
        return gates.stream().filter(g -> !g.passed()).toList();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
