package io.gryt.sqlite;

import io.gryt.api.Artifact;
import io.gryt.api.BadInputException;
import io.gryt.api.event.AlertRaised;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.StoreException;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static io.gryt.sqlite.AuditedTable.EVOLUTIONS;

/**
 * {@link ReleaseStore} on the {@code generations}, {@code generation_changes}, {@code evolutions},
 * {@code evolution_changes} and {@code promotions} tables. Each method is one statement or one write
 * transaction ({@code BEGIN IMMEDIATE}), and each write that changes something appends an audit entry with the
 * rows it left in that transaction; the evidence and artifact queries are one statement each whatever
 * the number of changes or runs.
 */
final class SqliteReleaseStore implements ReleaseStore {
    private static final String PENDING = EvolutionStatus.PENDING.label();
    private static final String RUNNING = EvolutionStatus.RUNNING.label();

    /**
     * Per change of a generation, in file order: its latest pass-or-fail evolution and its latest pass. For each
     * change, a correlated subquery walks the change's evolutions newest first through the index
     * {@code evolution_changes_by_change (change_id, evolution_id)} and stops at the first that passed or failed (and
     * at the first that passed): a handful of lookups per change, however many evolutions the generation has.
     * Evolutions still pending or running, and interrupted ones, prove nothing and are skipped.
     *
     * <p>Newest by id is newest by RC number: an evolution's id and its RC number ({@code MAX + 1}) are allocated in
     * the one write transaction that creates it, under the store's write lock, and evolutions are never deleted, so
     * within a generation a higher RC number has a higher id (a PostgreSQL copy keeps the ids, see TrailMigration).
     * The earlier form, a {@code GROUP BY} of every pass and fail of the generation by change with {@code MAX(rc_number)},
     * gives the same rows but reads every proof: about 15 times slower with 100,000 evolutions (bench/results.md).
     */
    static final String EVIDENCE = "SELECT " + ReleaseRows.EVIDENCE_COLUMNS + """

              FROM generation_changes c
            """ + ReleaseRows.EVIDENCE_JOINS + """

             WHERE c.generation_id = (SELECT id FROM generations WHERE version = ?)
             ORDER BY c.position""";

    private static final String THE_EVOLUTION = "tag = ?";

    private final SqlDatabase db;
    private final AuditLog audit;

    SqliteReleaseStore(SqlDatabase db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    @Override
    public Generation syncGeneration(Generation contract, String file, Instant at) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(at, "at");
        return db.write("record generation " + contract.version(), h -> GenerationRecords.sync(h, audit, contract, file, at));
    }

    @Override
    public boolean deleteGeneration(String version) {
        Objects.requireNonNull(version, "version");
        return db.write("delete generation " + version, h -> GenerationRecords.delete(h, audit, version));
    }

    @Override
    public Optional<Generation> generation(String version) {
        return GenerationRecords.read(db, version);
    }

    @Override
    public List<Generation> generations() {
        return GenerationRecords.readAll(db);
    }

    @Override
    public Evolution createEvolution(String version, List<String> changeIds, String commit, boolean allowDirty,
                                     ProcessOwner owner, Instant at) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        List<String> ids = List.copyOf(changeIds);
        if (ids.isEmpty()) {
            throw new BadInputException("an evolution of " + version + " proves at least one change");
        }
        return db.write("record a new evolution of " + version,
                h -> EvolutionRecords.create(h, audit, db.location(), version, ids, commit, allowDirty, owner, at));
    }

    @Override
    public void evolutionRunning(String tag, String runId) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(runId, "runId");
        db.write("record evolution " + tag + " as running", h -> {
            int changed = h.createUpdate("""
                            UPDATE evolutions SET status = :running, pipeline_run_id = :run
                             WHERE tag = :tag AND status IN (:pending, :running)""")
                    .bind("running", RUNNING)
                    .bind("pending", PENDING)
                    .bind("run", runId)
                    .bind("tag", tag)
                    .execute();
            if (changed == 0) {
                String status = statusOf(h, tag);
                throw new StoreException(db.location() + ": cannot record evolution " + tag + " as running: "
                        + (status == null ? "no such evolution" : "it already ended (" + status + ")"));
            }
            return audit.append(h, "evolution.running", EntryPayload.on(h).rows(EVOLUTIONS, THE_EVOLUTION, tag));
        });
    }

    /** Ends an evolution that is still pending or running; one that already ended is left as it is. */
    @Override
    public void evolutionFinished(String tag, EvolutionStatus status, Instant at) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(at, "at");
        if (!Objects.requireNonNull(status, "status").isFinal()) {
            throw new IllegalArgumentException("an evolution cannot finish as " + status.label() + ": " + tag);
        }
        db.write("record the end of evolution " + tag, h -> {
            int changed = h.createUpdate("""
                            UPDATE evolutions SET status = :status, finished_at = :at
                             WHERE tag = :tag AND status IN (:pending, :running)""")
                    .bind("status", status.label())
                    .bindByType("at", at, Instant.class)
                    .bind("tag", tag)
                    .bind("pending", PENDING)
                    .bind("running", RUNNING)
                    .execute();
            if (changed == 0) {
                requireEvolution(h, tag, "record the end of evolution " + tag);
                return null;
            }
            return audit.append(h, "evolution.finished", EntryPayload.on(h).rows(EVOLUTIONS, THE_EVOLUTION, tag));
        });
    }

    @Override
    public void evolutionPolicy(String tag, String policyHash) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(policyHash, "policyHash");
        db.write("record the policy of evolution " + tag, h -> {
            int changed = h.createUpdate("UPDATE evolutions SET policy_hash = :hash WHERE tag = :tag")
                    .bind("hash", policyHash)
                    .bind("tag", tag)
                    .execute();
            if (changed == 0) {
                throw new StoreException(db.location() + ": cannot record the policy of evolution " + tag + ": no such evolution");
            }
            return audit.append(h, "evolution.policy", EntryPayload.on(h).rows(EVOLUTIONS, THE_EVOLUTION, tag));
        });
    }

    @Override
    public void recordAlert(AlertRaised alert) {
        Objects.requireNonNull(alert, "alert");
        db.write("record alert " + alert.rule(), h -> audit.append(h, AlertRaised.TYPE, EntryPayload.on(h)
                .fact("rule", alert.rule())
                .fact("value", alert.value())
                .fact("threshold", alert.threshold())
                .fact("generation", alert.generation())
                .fact("evolution", alert.evolution())
                .fact("message", alert.message())
                .fact("raised_at", alert.at().toString())));
    }

    @Override
    public void evolutionTagged(String tag, Instant at) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(at, "at");
        db.write("record the tag of evolution " + tag, h -> {
            int changed = h.createUpdate("UPDATE evolutions SET tagged_at = :at WHERE tag = :tag AND tagged_at IS NULL")
                    .bindByType("at", at, Instant.class)
                    .bind("tag", tag)
                    .execute();
            if (changed == 0) {
                requireEvolution(h, tag, "record the tag of evolution " + tag);
                return null;
            }
            return audit.append(h, "evolution.tagged", EntryPayload.on(h).rows(EVOLUTIONS, THE_EVOLUTION, tag));
        });
    }

    @Override
    public List<Evolution> untaggedEvolutions() {
        return db.select("read the untagged evolutions", selectEvolutions("""
                 FROM evolutions e JOIN generations g ON g.id = e.generation_id
                WHERE e.status IN ('pass', 'fail', 'interrupted') AND e.tagged_at IS NULL
                ORDER BY e.id"""), ReleaseRows::evolution);
    }

    @Override
    public Optional<Evolution> evolution(String tag) {
        return db.selectFirst("read evolution " + tag, selectEvolutions("""
                 FROM evolutions e JOIN generations g ON g.id = e.generation_id
                WHERE e.tag = ?"""), ReleaseRows::evolution, tag);
    }

    @Override
    public List<Evolution> evolutions(String version) {
        return db.select("read the evolutions of " + version, selectEvolutions("""
                 FROM evolutions e JOIN generations g ON g.id = e.generation_id
                WHERE g.version = ?
                ORDER BY e.rc_number"""), ReleaseRows::evolution, version);
    }

    @Override
    public void eachEvolution(String version, Consumer<Evolution> each) {
        Objects.requireNonNull(each, "each");
        db.read("read the evolutions of " + version, h -> {
            h.createQuery(selectEvolutions("""
                     FROM evolutions e JOIN generations g ON g.id = e.generation_id
                    WHERE g.version = ?
                    ORDER BY e.rc_number""")).bind(0, version).map((rs, ctx) -> ReleaseRows.evolution(rs))
                    .useStream(rows -> rows.forEach(each));
            return null;
        });
    }

    @Override
    public List<OwnedEvolution> unfinishedEvolutions() {
        return db.select("read the unfinished evolutions", selectEvolutions("""
                 FROM evolutions e JOIN generations g ON g.id = e.generation_id
                WHERE e.status IN ('pending', 'running')
                ORDER BY e.id"""), rs -> new OwnedEvolution(ReleaseRows.evolution(rs), ReleaseRows.owner(rs)));
    }

    @Override
    public List<ChangeEvidence> evidence(String version) {
        Objects.requireNonNull(version, "version");
        return db.select("read the evidence of " + version, EVIDENCE, ReleaseRows::evidence, version);
    }

    @Override
    public int countEvolutions(String version, EvolutionStatus status) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        return db.select("count the evolutions of " + version, """
                SELECT COUNT(*) FROM evolutions
                 WHERE generation_id = (SELECT id FROM generations WHERE version = ?)
                   AND status = ?""", rs -> rs.getInt(1), version, status.label()).get(0);
    }

    @Override
    public int countEvolutions(String version) {
        Objects.requireNonNull(version, "version");
        return db.select("count the evolutions of " + version, """
                SELECT COUNT(*) FROM evolutions
                 WHERE generation_id = (SELECT id FROM generations WHERE version = ?)""",
                rs -> rs.getInt(1), version).get(0);
    }

    @Override
    public int lastRc(String version) {
        Objects.requireNonNull(version, "version");
        return db.select("read the last RC number of " + version, """
                SELECT COALESCE(MAX(rc_number), 0) FROM evolutions
                 WHERE generation_id = (SELECT id FROM generations WHERE version = ?)""",
                rs -> rs.getInt(1), version).get(0);
    }

    @Override
    public List<Artifact> artifacts(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        // The run ids travel as one JSON array parameter, so that any number of them fits in one statement.
        return db.select("read the artifacts of " + runIds.size() + " run(s)", """
                        SELECT name, MAX(number) AS size, sha256
                          FROM data_rows
                         WHERE run_id IN (SELECT value FROM json_each(?))
                           AND kind = 'artifact' AND sha256 IS NOT NULL
                         GROUP BY name, sha256
                         ORDER BY name, sha256""",
                rs -> new Artifact(rs.getString("name"), rs.getLong("size"), rs.getString("sha256")), Json.array(runIds));
    }

    @Override
    public long recordPromotion(String version, String commit, String tag, PromotionStatus status, String reportJson,
                                Instant at) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        return db.write("record a promotion of " + version,
                h -> PromotionRecords.record(h, audit, db.location(), version, commit, tag, status, reportJson, at));
    }

    @Override
    public void completePromotion(long id, String contractHash, Instant at) {
        Objects.requireNonNull(at, "at");
        db.write("complete promotion " + id, h -> {
            PromotionRecords.complete(h, audit, db.location(), id, contractHash, at);
            return null;
        });
    }

    @Override
    public void endPromotion(long id, PromotionStatus status, Instant at) {
        Objects.requireNonNull(at, "at");
        if (Objects.requireNonNull(status, "status") == PromotionStatus.PENDING || status == PromotionStatus.COMPLETED) {
            throw new IllegalArgumentException("a promotion cannot end as " + status.label()
                    + " (completePromotion completes one): promotion " + id);
        }
        db.write("end promotion " + id, h -> {
            PromotionRecords.end(h, audit, db.location(), id, status, at);
            return null;
        });
    }

    @Override
    public List<StoredPromotion> pendingPromotions() {
        return db.select("read the pending promotions", PromotionRecords.SELECT + "\n" + """
                 WHERE p.status = 'pending'
                 ORDER BY p.id""", ReleaseRows::promotion);
    }

    @Override
    public List<StoredPromotion> promotions(String version) {
        return db.select("read the promotions of " + version, PromotionRecords.SELECT + "\n" + """
                 WHERE g.version = ?
                 ORDER BY p.started_at, p.id""", ReleaseRows::promotion, version);
    }

    /** {@code SELECT} of every evolution column from {@code evolutions e JOIN generations g}, then {@code rest}. */
    private static String selectEvolutions(String rest) {
        return "SELECT " + ReleaseRows.EVOLUTION_COLUMNS + "\n" + rest;
    }

    private void requireEvolution(Handle h, String tag, String what) {
        if (statusOf(h, tag) == null) {
            throw new StoreException(db.location() + ": cannot " + what + ": no such evolution");
        }
    }

    private static String statusOf(Handle h, String tag) {
        return h.createQuery("SELECT status FROM evolutions WHERE tag = :tag").bind("tag", tag).mapTo(String.class)
                .findOne().orElse(null);
    }
}
