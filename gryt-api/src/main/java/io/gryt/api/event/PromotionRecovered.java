package io.gryt.api.event;

import io.gryt.api.release.PromotionStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A promotion interrupted by a crash was repaired when gryt next opened the project ({@value #TYPE}): completed
 * when its tag had been created, rolled back otherwise.
 *
 * @param generation the generation's version
 * @param tag        the release tag it was making
 * @param outcome    {@link PromotionStatus#COMPLETED} or {@link PromotionStatus#ROLLED_BACK}
 * @param at         when it was repaired
 */
public record PromotionRecovered(String generation, String tag, PromotionStatus outcome, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "promotion.recovered";

    public PromotionRecovered {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
