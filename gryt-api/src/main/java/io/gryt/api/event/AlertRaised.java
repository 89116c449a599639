package io.gryt.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy threshold was crossed after an evolution ({@value #TYPE}): a pass rate fell below its floor, a step ran
 * slower than its limit, a change failed too often, or an evolution did not run a step its changes require.
 * Recorded in the audit trail before it is published.
 *
 * @param rule       the policy rule's name
 * @param value      what was measured ({@code 40%}, {@code 2m10s}, {@code 4 failed evolutions}, {@code skipped})
 * @param threshold  the rule's limit ({@code below 80%}, {@code 1m}, {@code 3}, {@code pass})
 * @param generation the generation's version
 * @param evolution  the evolution after which it was raised (its tag), or {@code null}
 * @param message    one line saying what happened
 * @param at         when it was raised
 */
public record AlertRaised(String rule, String value, String threshold, String generation, String evolution,
                          String message, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "alert.raised";

    public AlertRaised {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
