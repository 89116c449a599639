package io.gryt.core.audit;

import io.gryt.api.audit.Snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What {@link io.gryt.core.Gryt#rollback(String)} did: the snapshot it restored, the safety snapshot that undoes
 * it, and what outside the database it left as it was although the restored record no longer knows it.
 *
 * @param target    the snapshot restored
 * @param safety    the snapshot of the state before, which undoes the rollback
 * @param leftovers generation files and gryt's git tags the restored record does not know (gryt deletes neither)
 */
public record RollbackReport(String target, Snapshot safety, List<Leftover> leftovers) {
    public RollbackReport {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(safety, "safety");
        leftovers = List.copyOf(leftovers);
    }

    /** What a leftover is. */
    public enum Kind {
        /** A generation file whose generation the restored database does not have. */
        GENERATION_FILE,
        /** A generation file whose contract differs from the one the restored database records. */
        EDITED_GENERATION_FILE,
        /** A release tag {@code vX.Y.Z} gryt made for a promotion the restored database does not have. */
        RELEASE_TAG,
        /** An evolution tag {@code vX.Y.Z-rc.N} gryt made for an evolution the restored database does not have. */
        EVOLUTION_TAG
    }

    /**
     * Something outside the database that a rollback leaves as it was, and that no longer matches the restored
     * record.
     *
     * @param kind    what it is
     * @param name    the generation's version or the tag's name
     * @param where   the file ({@code .gryt/generations/v2.3.0.yaml}) or the tag ({@code tag v2.2.0})
     * @param what    what is wrong with it now, and what gryt does about it
     * @param command the command that removes it (or shows it), for whoever decides to
     */
    public record Leftover(Kind kind, String name, String where, String what, String command) {
        public Leftover {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(command, "command");
        }
    }
}
