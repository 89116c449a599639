package io.gryt.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A generation file was written and the generation recorded ({@value #TYPE}). A hot-fix generation publishes
 * {@link HotfixCreated} instead.
 *
 * @param generation the version, e.g. {@code v2.2.0}
 * @param file       its file, relative to the project ({@code .gryt/generations/v2.2.0.yaml})
 * @param changes    the ids of the changes it declares, in declaration order
 * @param at         when it was created
 */
public record GenerationCreated(String generation, String file, List<String> changes, Instant at) implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "generation.created";

    public GenerationCreated {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(file, "file");
        changes = List.copyOf(changes);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
