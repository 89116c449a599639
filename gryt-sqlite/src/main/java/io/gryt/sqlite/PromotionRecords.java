package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.api.spi.ReleaseStore.OwnedEvolution;
import io.gryt.api.spi.StoreException;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.gryt.sqlite.AuditedTable.GENERATIONS;
import static io.gryt.sqlite.AuditedTable.PROMOTIONS;

/**
 * The {@code promotions} table and the generation state it drives. Each method must run inside a write
 * transaction, so that a promotion's status, its generation's and their audit entry change together.
 */
final class PromotionRecords {
    /** The columns {@link ReleaseRows#promotion} reads, from {@code promotions p JOIN generations g}. */
    static final String SELECT = """
            SELECT p.id, g.version, p.commit_sha, p.tag, p.status, p.gate_report, p.started_at
              FROM promotions p JOIN generations g ON g.id = p.generation_id""";

    /**
     * Keeps the stored gate report's top-level {@code status} equal to the row's as the promotion ends (a report
     * written while pending said {@code pending} for ever after); a report that is not a JSON object is left alone.
     */
    private static final String REPORT_STATUS = """
            gate_report = CASE WHEN json_valid(gate_report) AND json_type(gate_report) = 'object'
                               THEN json_set(gate_report, '$.status', :status) ELSE gate_report END""";
    private static final String THE_ROW = "id = ?";
    private static final String PENDING = PromotionStatus.PENDING.label();
    private static final String COMPLETED = PromotionStatus.COMPLETED.label();

    private PromotionRecords() {
    }

    /**
     * Records a promotion decision and returns its id. A completed one also promotes its generation; a pending
     * one leaves that to {@link #complete}.
     *
     * @throws BadInputException for an unknown generation, or a second pending or completed promotion
     * @throws EvolutionsInProgressException for a pending or completed one while an evolution of the generation is
     *                                       pending or running
     */
    static long record(Handle h, AuditLog audit, String location, String version, String commit, String tag,
                       PromotionStatus status, String reportJson, Instant at) {
        long generationId = h.createQuery("SELECT id FROM generations WHERE version = :version")
                .bind("version", version)
                .mapTo(Long.class)
                .findOne()
                .orElseThrow(() -> new BadInputException("cannot record a promotion of unknown generation " + version
                        + ": it is not recorded in " + location));
        boolean releasing = status == PromotionStatus.PENDING || status == PromotionStatus.COMPLETED;
        // The write lock is held, so this check and the insert are atomic; the partial unique index
        // promotions_one_release guards writers that skip it.
        if (releasing && h.createQuery("""
                        SELECT 1 FROM promotions WHERE generation_id = :g AND status IN (:pending, :completed)""")
                .bind("g", generationId)
                .bind("pending", PENDING)
                .bind("completed", COMPLETED)
                .mapTo(Integer.class)
                .findOne()
                .isPresent()) {
            throw new BadInputException("a promotion of " + version + " is already in progress or completed");
        }
        // an evolution still pending or running has not delivered its proof: releasing now would ship what it may
        // yet find failing (and no evolution can start once a pending promotion is recorded, under this same lock)
        if (releasing) {
            List<OwnedEvolution> inProgress = h.createQuery("SELECT " + ReleaseRows.EVOLUTION_COLUMNS + "\n" + """
                              FROM evolutions e JOIN generations g ON g.id = e.generation_id
                             WHERE e.generation_id = :g AND e.status IN ('pending', 'running')
                             ORDER BY e.rc_number""")
                    .bind("g", generationId)
                    .map((rs, ctx) -> new OwnedEvolution(ReleaseRows.evolution(rs), ReleaseRows.owner(rs)))
                    .list();
            if (!inProgress.isEmpty()) throw new EvolutionsInProgressException(version, inProgress);
        }
        h.createUpdate("""
                        INSERT INTO promotions (generation_id, status, commit_sha, tag, gate_report, started_at, finished_at)
                        VALUES (:g, :status, :commit, :tag, :report, :at, :finishedAt)""")
                .bind("g", generationId)
                .bind("status", status.label())
                .bind("commit", commit)
                .bind("tag", tag)
                .bind("report", reportJson)
                .bindByType("at", at, Instant.class)
                .bindByType("finishedAt", status == PromotionStatus.PENDING ? null : at, Instant.class)
                .execute();
        long id = h.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
        EntryPayload payload = EntryPayload.on(h).rows(PROMOTIONS, THE_ROW, id);
        if (status == PromotionStatus.COMPLETED) {
            promote(h, generationId, null, at);
            payload.rows(GENERATIONS, THE_ROW, generationId);
        }
        audit.append(h, "promotion.recorded", payload);
        return id;
    }

    /**
     * Completes pending promotion {@code id} and promotes its generation with {@code contractHash} (the stored
     * hash is kept when it is {@code null}). Completing a completed promotion again does nothing, so that two
     * recovering processes may both try.
     */
    static void complete(Handle h, AuditLog audit, String location, long id, String contractHash, Instant at) {
        Stored p = stored(h, location, id, "complete");
        if (p.status().equals(COMPLETED)) {
            return;
        }
        if (!p.status().equals(PENDING)) {
            throw new StoreException(location + ": cannot complete promotion " + id + " of " + p.version() + ": it is "
                    + p.status() + ", not pending");
        }
        h.createUpdate("UPDATE promotions SET status = :status, finished_at = :at, " + REPORT_STATUS + " WHERE id = :id")
                .bind("status", COMPLETED)
                .bindByType("at", at, Instant.class)
                .bind("id", id)
                .execute();
        promote(h, p.generationId(), contractHash, at);
        audit.append(h, "promotion.completed", EntryPayload.on(h).rows(PROMOTIONS, THE_ROW, id)
                .rows(GENERATIONS, THE_ROW, p.generationId()));
    }

    /** Ends pending promotion {@code id} with {@code status}; a promotion that already ended is left as it is. */
    static void end(Handle h, AuditLog audit, String location, long id, PromotionStatus status, Instant at) {
        Stored p = stored(h, location, id, "end");
        if (p.status().equals(PENDING)) {
            h.createUpdate("UPDATE promotions SET status = :status, finished_at = :at, " + REPORT_STATUS + " WHERE id = :id")
                    .bind("status", status.label())
                    .bindByType("at", at, Instant.class)
                    .bind("id", id)
                    .execute();
            audit.append(h, "promotion.ended", EntryPayload.on(h).rows(PROMOTIONS, THE_ROW, id));
        }
    }

    private static void promote(Handle h, long generationId, String contractHash, Instant at) {
        h.createUpdate("""
                        UPDATE generations
                           SET status = :promoted, promoted_at = :at, contract_hash = COALESCE(:hash, contract_hash)
                         WHERE id = :id""")
                .bind("promoted", GenerationStatus.PROMOTED.label())
                .bindByType("at", at, Instant.class)
                .bind("hash", contractHash)
                .bind("id", generationId)
                .execute();
    }

    private static Stored stored(Handle h, String location, long id, String verb) {
        Optional<Stored> p = h.createQuery("""
                        SELECT p.generation_id, g.version, p.status
                          FROM promotions p JOIN generations g ON g.id = p.generation_id
                         WHERE p.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new Stored(rs.getLong("generation_id"), rs.getString("version"), rs.getString("status")))
                .findOne();
        return p.orElseThrow(() -> new StoreException(location + ": cannot " + verb + " promotion " + id
                + ": no such promotion"));
    }

    private record Stored(long generationId, String version, String status) {
    }
}
