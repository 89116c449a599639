package io.gryt.api.release;

import io.gryt.api.Artifact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A promotion attempt and its gate report.
 *
 * @param generation the generation's version
 * @param tag        the release tag ({@code vX.Y.Z})
 * @param commit     the commit promoted (or that would be), or {@code null} when none qualifies
 * @param status     its outcome
 * @param gates      every gate's result, in evaluation order
 * @param artifacts  the artifacts the proving evolutions recorded (path and SHA-256)
 * @param at         when it was decided
 */
public record Promotion(String generation, String tag, String commit, PromotionStatus status, List<GateResult> gates,
                        List<Artifact> artifacts, Instant at) {
    public Promotion {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(status, "status");
        gates = List.copyOf(gates);
        artifacts = List.copyOf(artifacts);
    }

    /** True when every gate passed. */
    public boolean gatesPassed() {
        return gates.stream().allMatch(GateResult::passed);
    }

    /** The gates that blocked. */
    public List<GateResult> failedGates() {
        return gates.stream().filter(g -> !g.passed()).toList();
    }
}
