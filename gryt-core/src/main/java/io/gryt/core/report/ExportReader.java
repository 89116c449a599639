package io.gryt.core.report;

import io.gryt.api.audit.AuditEntry;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.core.report.ExportSink.ChangeRow;
import io.gryt.core.report.ExportSink.EvolutionRow;
import io.gryt.core.report.ExportSink.GenerationRow;
import io.gryt.core.report.ExportSink.PromotionRow;
import io.gryt.core.report.ExportSink.ProofRow;
import io.gryt.core.report.ExportSink.RecordedRow;
import io.gryt.core.report.ExportSink.RunRow;
import io.gryt.core.report.ExportSink.StepRow;
import io.gryt.core.report.StoreRows.Row;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static io.gryt.core.report.StoreRows.literal;

/**
 * Reads what an export holds from the store, streaming: generations (few) are listed first, then each one's
 * changes with their proofs, its evolutions with their steps, and its promotions each come from one ordered
 * query whose rows are handed on as they arrive; the audit entries stream from the {@link
 * io.gryt.api.spi.AuditStore}, or for one generation from a query that selects the entries about it.
 */
final class ExportReader {
    private final Store store;
    private final String generation;

    /** Reads {@code store}, restricted to {@code generation} unless it is null (the caller checked it exists). */
    ExportReader(Store store, String generation) {
        this.store = store;
        this.generation = generation;
    }

    /**
     * Streams the export to {@code sink}. {@code title} names the project and {@code trail} is the verification
     * shown with it. A store that keeps no audit trail gives no entries.
     */
    void read(ExportSink sink, String title, TrailVerification trail) {
        List<GenerationRow> generations = sink.wantsGenerations() && store.recordsReleases() ? generations() : List.of();
        sink.begin(new ExportSink.Header(title, generation, generations.stream().map(GenerationRow::version).toList(),
                trail));
        for (GenerationRow g : generations) {
            sink.beginGeneration(g);
            changes(g.id(), sink);
            sink.beginEvolutions();
            evolutions(g.id(), sink);
            sink.beginPromotions();
            promotions(g.id(), sink);
            sink.endGeneration();
        }
        sink.beginEntries();
        entries(sink);
        sink.end();
    }

    /** The generations in scope, oldest first (a handful: held in memory). */
    List<GenerationRow> generations() {
        List<GenerationRow> rows = new ArrayList<>();
        StoreRows.each(store, """
                SELECT id, version, description, status, hotfix_of, pipeline_template, contract_hash, file_path,
                       created_at, promoted_at
                FROM generations""" + (generation == null ? "" : " WHERE version = " + literal(generation))
                + " ORDER BY created_at, id", r -> rows.add(new GenerationRow(r.integer("id"), r.text("version"),
                r.text("description"), r.text("status"), r.text("hotfix_of"), r.text("pipeline_template"),
                r.text("contract_hash"), r.text("file_path"), Formats.iso(r.text("created_at")),
                Formats.iso(r.text("promoted_at")))));
        return rows;
    }

    private void changes(long generationId, ExportSink sink) {
        String[] current = {null};
        StoreRows.each(store, """
                SELECT c.change_id AS change_id, c.type AS type, c.title AS title, c.description AS description,
                       e.tag AS tag, e.status AS status, e.commit_sha AS commit_sha, e.pipeline_run_id AS run_id
                FROM generation_changes c
                LEFT JOIN evolution_changes ec ON ec.change_id = c.id
                LEFT JOIN evolutions e ON e.id = ec.evolution_id
                WHERE c.generation_id = %d
                ORDER BY c.position, c.id, e.rc_number""".formatted(generationId), r -> {
            String id = r.text("change_id");
            if (!id.equals(current[0])) {
                if (current[0] != null) sink.endChange();
                current[0] = id;
                sink.beginChange(new ChangeRow(id, r.text("type"), r.text("title"), r.text("description")));
            }
            if (!r.isNull("tag")) {
                sink.proof(new ProofRow(r.text("tag"), r.text("status"), r.text("commit_sha"), r.text("run_id")));
            }
        });
        if (current[0] != null) sink.endChange();
    }

    private void evolutions(long generationId, ExportSink sink) {
        EvolutionBuilder[] current = {null};
        StoreRows.each(store, """
                SELECT e.rc_number AS rc, e.tag AS tag, e.status AS status, e.commit_sha AS commit_sha,
                       e.pipeline_run_id AS run_id, e.allow_dirty AS allow_dirty, e.created_at AS created_at,
                       e.finished_at AS finished_at,
                       (SELECT group_concat(c.change_id, ',' ORDER BY c.position)
                        FROM evolution_changes ec JOIN generation_changes c ON c.id = ec.change_id
                        WHERE ec.evolution_id = e.id) AS changes,
                       r.id AS run, r.pipeline_name AS pipeline, r.status AS run_status, r.started_at AS run_started,
                       r.finished_at AS run_finished,
                       s.step_name AS step, s.status AS step_status, s.exit_code AS exit_code, s.attempts AS attempts,
                       s.duration_ms AS duration_ms, s.started_at AS step_started, s.finished_at AS step_finished,
                       s.error AS error,
                       d.id AS row_id, d.kind AS kind, d.name AS name, d.value AS value, d.number AS number,
                       d.sha256 AS sha256
                FROM evolutions e
                LEFT JOIN pipeline_runs r ON r.id = e.pipeline_run_id
                LEFT JOIN step_runs s ON s.run_id = e.pipeline_run_id
                LEFT JOIN data_rows d ON d.run_id = s.run_id AND d.step_name = s.step_name
                                     AND d.kind IN ('artifact', 'metric')
                WHERE e.generation_id = %d
                ORDER BY e.rc_number, s.started_at IS NULL, s.started_at, s.step_name, d.id""".formatted(generationId),
                r -> {
                    long rc = r.integer("rc");
                    if (current[0] == null || current[0].rc != rc) {
                        if (current[0] != null) sink.evolution(current[0].build());
                        current[0] = new EvolutionBuilder(r);
                    }
                    current[0].add(r);
                });
        if (current[0] != null) sink.evolution(current[0].build());
    }

    private void promotions(long generationId, ExportSink sink) {
        StoreRows.each(store, """
                SELECT id, status, commit_sha, tag, gate_report, started_at, finished_at
                FROM promotions WHERE generation_id = %d ORDER BY id""".formatted(generationId),
                r -> sink.promotion(new PromotionRow(r.integer("id"), r.text("status"), r.text("commit_sha"),
                        r.text("tag"), Formats.iso(r.text("started_at")), Formats.iso(r.text("finished_at")),
                        r.text("gate_report"))));
    }

    private void entries(ExportSink sink) {
        AuditStore audit;
        try {
            audit = store.audit();
        } catch (StoreException e) {
            return; // a store without a trail (the export says so in its verification)
        }
        if (generation == null) {
            audit.entries(1, sink::entry);
            return;
        }
        // An entry's payload holds the images of the rows its write left ({"rows": {<table>: [<row>...]}}) and the
        // keys of those it removed; it is about the generation when one of them belongs to it.
        long id = generations().get(0).id();
        String runs = "SELECT pipeline_run_id FROM evolutions WHERE generation_id = " + id
                + " AND pipeline_run_id IS NOT NULL";
        StoreRows.each(store, """
                SELECT a.seq AS seq, a.at AS at, a.actor AS actor, a.event AS event, a.payload AS payload,
                       a.prev_hash AS prev_hash, a.hash AS hash
                FROM audit_log a
                WHERE json_valid(a.payload) AND EXISTS (
                    SELECT 1 FROM (SELECT key, value FROM json_each(a.payload, '$.rows')
                                   UNION ALL SELECT key, value FROM json_each(a.payload, '$.removed')) t,
                                  json_each(t.value) r
                    WHERE r.type = 'object' AND (
                           (t.key = 'generations' AND (json_extract(r.value, '$.version') = %1$s
                                                       OR json_extract(r.value, '$.id') = %2$d))
                        OR (t.key IN ('generation_changes', 'evolutions', 'promotions')
                            AND json_extract(r.value, '$.generation_id') = %2$d)
                        OR (t.key = 'evolution_changes' AND json_extract(r.value, '$.evolution_id')
                            IN (SELECT id FROM evolutions WHERE generation_id = %2$d))
                        OR (t.key = 'pipeline_runs' AND json_extract(r.value, '$.id') IN (%3$s))
                        OR (t.key IN ('step_runs', 'data_rows') AND json_extract(r.value, '$.run_id') IN (%3$s))))
                ORDER BY a.seq""".formatted(literal(generation), id, runs), r -> sink.entry(entry(r)));
    }

    private static AuditEntry entry(Row r) {
        long seq = r.integer("seq");
        Instant at;
        try {
            at = Instant.parse(r.text("at"));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new StoreException("audit_log seq " + seq + ": unreadable time '" + r.text("at") + "'", e);
        }
        String prev = r.text("prev_hash");
        return new AuditEntry(seq, at, r.text("actor"), r.text("event"), r.text("payload"),
                prev == null ? "" : prev, r.text("hash"));
    }

    /** Collects one evolution's rows: one per step and recorded data row. */
    private static final class EvolutionBuilder {
        final long rc;
        private final Row first;
        private final List<StepRow> steps = new ArrayList<>();
        private Row step;
        private List<RecordedRow> recorded;

        EvolutionBuilder(Row first) {
            this.rc = first.integer("rc");
            this.first = first;
        }

        void add(Row r) {
            if (r.isNull("step")) return;
            if (step == null || !step.text("step").equals(r.text("step"))) {
                flushStep();
                step = r;
                recorded = new ArrayList<>();
            }
            if (!r.isNull("row_id")) {
                recorded.add(new RecordedRow(r.integer("row_id"), r.text("kind"), r.text("name"), r.text("value"),
                        r.real("number"), r.text("sha256")));
            }
        }

        private void flushStep() {
            if (step == null) return;
            steps.add(new StepRow(step.text("step"), step.text("step_status"), step.integer("exit_code"),
                    step.integer("attempts"), step.integer("duration_ms"), Formats.iso(step.text("step_started")),
                    Formats.iso(step.text("step_finished")), step.text("error"), List.copyOf(recorded)));
            step = null;
        }

        EvolutionRow build() {
            flushStep();
            Row r = first;
            String changes = r.text("changes");
            RunRow run = r.isNull("run") ? null : new RunRow(r.text("run"), r.text("pipeline"), r.text("run_status"),
                    Formats.iso(r.text("run_started")), Formats.iso(r.text("run_finished")));
            Long dirty = r.integer("allow_dirty");
            return new EvolutionRow(rc, r.text("tag"), r.text("status"),
                    changes == null ? List.of() : List.of(changes.split(",")), r.text("commit_sha"),
                    r.text("run_id"), dirty != null && dirty != 0, Formats.iso(r.text("created_at")),
                    Formats.iso(r.text("finished_at")), run, List.copyOf(steps));
        }
    }
}
