package io.gryt.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A hot-fix generation of a promoted one was written and recorded ({@value #TYPE}).
 *
 * @param generation the hot-fix's version, e.g. {@code v2.2.1}
 * @param hotfixOf   the promoted generation it patches
 * @param file       its file, relative to the project
 * @param changes    the ids of its fix changes, in declaration order
 * @param at         when it was created
 */
public record HotfixCreated(String generation, String hotfixOf, String file, List<String> changes, Instant at)
        implements GrytEvent {
    /** The event's type name. */
    public static final String TYPE = "hotfix.created";

    public HotfixCreated {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(hotfixOf, "hotfixOf");
        Objects.requireNonNull(file, "file");
        changes = List.copyOf(changes);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
