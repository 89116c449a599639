package io.gryt.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A test event sent by {@code gryt destinations test <name>} to one destination, whatever it subscribes to
 * ({@value #TYPE}).
 *
 * @param destination the destination's name
 * @param at          when it was sent
 */
public record DestinationTested(String destination, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "destination.test";

    public DestinationTested {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
