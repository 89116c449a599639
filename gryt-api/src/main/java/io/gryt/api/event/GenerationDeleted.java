package io.gryt.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A draft generation with no evidence was deleted, its file and its records ({@value #TYPE}).
 *
 * @param generation the version, e.g. {@code v2.3.0}
 * @param file       its file as it was, relative to the project ({@code .gryt/generations/v2.3.0.yaml})
 * @param at         when it was deleted
 */
public record GenerationDeleted(String generation, String file, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "generation.deleted";

    public GenerationDeleted {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
