package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.ChangeSet;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ProcessOwner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocates evolutions: the next RC number and the rows of a new pending evolution (and their audit entry), in
 * one write transaction.
 */
final class EvolutionRecords {
    private EvolutionRecords() {
    }

    /**
     * Records a pending evolution of {@code version} proving {@code changeIds}. Must run inside a write
     * transaction taken with {@code BEGIN IMMEDIATE}: the write lock, held from before the generation is read
     * until the commit, is what makes {@code MAX(rc_number) + 1} unique and gap-free across processes.
     *
     * @throws BadInputException for an unknown or promoted generation, one being promoted, or an unknown change
     */
    static Evolution create(Handle h, AuditLog audit, String location, String version, List<String> changeIds,
                            String commit, boolean allowDirty, ProcessOwner owner, Instant at) {
        long generationId = draftGeneration(h, location, version);
        Map<String, Long> declared = new LinkedHashMap<>();
        h.createQuery("SELECT id, change_id FROM generation_changes WHERE generation_id = :g ORDER BY position")
                .bind("g", generationId)
                .map((rs, ctx) -> Map.entry(rs.getString("change_id"), rs.getLong("id")))
                .forEach(e -> declared.put(e.getKey(), e.getValue()));
        // checked again under the write lock: the contract may have been synced since the caller read it
        ChangeSet changes = ChangeSet.of(version, List.copyOf(declared.keySet()), changeIds);
        int rc = h.createQuery("SELECT COALESCE(MAX(rc_number), 0) + 1 FROM evolutions WHERE generation_id = :g")
                .bind("g", generationId)
                .mapTo(Integer.class)
                .one();
        String tag = Evolution.tagOf(version, rc);
        h.createUpdate("""
                        INSERT INTO evolutions (generation_id, rc_number, tag, status, commit_sha, allow_dirty,
                                                owner_pid, owner_host, owner_start, created_at)
                        VALUES (:g, :rc, :tag, :pending, :commit, :dirty, :pid, :host, :processStart, :at)""")
                .bind("g", generationId)
                .bind("rc", rc)
                .bind("tag", tag)
                .bind("pending", EvolutionStatus.PENDING.label())
                .bind("commit", commit)
                .bind("dirty", allowDirty ? 1 : 0)
                .bind("pid", owner == null ? null : owner.pid())
                .bind("host", owner == null ? null : owner.host())
                .bindByType("processStart", owner == null ? null : owner.processStart(), Instant.class)
                .bindByType("at", at, Instant.class)
                .execute();
        long evolutionId = h.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
        PreparedBatch proves = h.prepareBatch("INSERT INTO evolution_changes (evolution_id, change_id) VALUES (:e, :c)");
        for (String id : changes.ids()) proves.bind("e", evolutionId).bind("c", declared.get(id)).add();
        proves.execute();
        audit.append(h, "evolution.created", EntryPayload.on(h)
                .rows(AuditedTable.EVOLUTIONS, "id = ?", evolutionId)
                .rows(AuditedTable.EVOLUTION_CHANGES, "evolution_id = ?", evolutionId));
        return new Evolution(tag, version, rc, changes.ids(), EvolutionStatus.PENDING, commit, null, allowDirty, at, null);
    }

    private static long draftGeneration(Handle h, String location, String version) {
        Map.Entry<Long, String> generation = h.createQuery("SELECT id, status FROM generations WHERE version = :version")
                .bind("version", version)
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("status")))
                .findOne()
                .orElseThrow(() -> new BadInputException("unknown generation " + version + ": it is not recorded in "
                        + location + " (load its file first)"));
        if (GenerationStatus.fromLabel(generation.getValue()) == GenerationStatus.PROMOTED) {
            throw new BadInputException("generation " + version + " is promoted and takes no more evolutions");
        }
        // checked under the write lock that recording a promotion takes too: an evolution cannot slip in between
        // a promotion's decision and its tag
        if (h.createQuery("SELECT 1 FROM promotions WHERE generation_id = :g AND status = :pending")
                .bind("g", generation.getKey())
                .bind("pending", PromotionStatus.PENDING.label())
                .mapTo(Integer.class)
                .findOne()
                .isPresent()) {
            throw new BadInputException("generation " + version + " is being promoted and takes no more evolutions"
                    + " (a promotion interrupted by a crash is repaired when gryt next opens the project)");
        }
        return generation.getKey();
    }
}
