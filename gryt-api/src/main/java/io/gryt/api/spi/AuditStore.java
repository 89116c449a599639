package io.gryt.api.spi;

import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.audit.VerifyReport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit trail of a store: every state change the store records appends a hash-chained entry in the same
 * transaction. Also snapshots and rollback of the whole database.
 */
public interface AuditStore {
    /**
     * Appends an entry recording what no table holds (a hook's veto, a hook that failed): {@code event} (e.g.
     * {@code hook.vetoed}) with {@code facts} as its payload, in one transaction. Stores that cannot throw
     * {@link StoreException}.
     */
    default AuditEntry note(String event, Map<String, String> facts) {
        throw new StoreException("this store's audit trail cannot record " + event);
    }

    /** Streams entries with {@code seq >= fromSeq} in order, without holding them all in memory. */
    void entries(long fromSeq, Consumer<AuditEntry> consumer);

    /**
     * Streams, in order, the entries about generation {@code version}: those whose written or removed rows
     * belong to it (the generation, its changes, evolutions and promotions, and its evolutions' runs, steps and
     * data rows). Nothing for an unknown version.
     */
    void entriesAbout(String version, Consumer<AuditEntry> consumer);

    /** The last entry. */
    Optional<AuditEntry> head();

    /** The entry with sequence number {@code seq}. */
    Optional<AuditEntry> entry(long seq);

    /**
     * Recomputes the chain and checks every domain row (runs, steps, data rows, generations, changes,
     * evolutions, promotions) against the entries that describe it.
     */
    VerifyReport verify();

    /**
     * Where the entry {@code seq} whose hash is {@code hash} is kept, for checking an anchor (a release tag that
     * recorded the trail's head): {@code "the trail"} when this trail holds it, else a description of the
     * snapshot that keeps a trail a rollback replaced (each {@code audit.rollback} entry names its safety
     * snapshot and that snapshot's SHA-256); empty when no trail holds it.
     */
    default Optional<String> locate(long seq, String hash) {
        return entry(seq).filter(e -> e.hash().equals(hash)).map(e -> "the trail");
    }

    /** Takes a consistent snapshot named {@code name} (generated when {@code null}), even while others write. */
    Snapshot snapshot(String name);

    /** The snapshots, oldest first. */
    List<Snapshot> snapshots();

    /**
     * Restores snapshot {@code name}: first takes a safety snapshot of the current state, checks the target's
     * integrity and recorded hash, then replaces the database and records the rollback in the restored trail.
     * Returns the safety snapshot, so that the rollback can itself be undone.
     */
    Snapshot rollback(String name);
}
