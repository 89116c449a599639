package io.gryt.api.event;

import io.gryt.api.release.GenerationStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A draft generation's file was read and its contract synchronised into the store ({@value #TYPE}).
 *
 * @param generation the version
 * @param status     its recorded status
 * @param at         when it was synchronised
 */
public record GenerationSynced(String generation, GenerationStatus status, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "generation.synced";

    public GenerationSynced {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
