package io.gryt.sqlite;

import io.gryt.api.read.ArtifactRecord;
import io.gryt.api.read.ChangeProofs;
import io.gryt.api.read.EvolutionRecord;
import io.gryt.api.read.EvolutionTally;
import io.gryt.api.read.FinishedRun;
import io.gryt.api.read.FlakyStep;
import io.gryt.api.read.GenerationEvidence;
import io.gryt.api.read.GenerationRecord;
import io.gryt.api.read.PromotionRecord;
import io.gryt.api.read.StepTally;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.RecordReads;
import io.gryt.sqlite.ReadQueries.ChangeProofRow;
import io.gryt.sqlite.ReadQueries.EvolutionStepRow;
import io.gryt.sqlite.ReadQueries.StatusCount;
import org.jdbi.v3.core.HandleCallback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The typed reads of a SQLite store. Each runs in one read transaction on a read-only connection through the
 * {@link ReadQueries} SqlObject; the streaming ones group the joined rows as they arrive, holding one change or
 * one evolution at a time. The two reads the command line lists with ({@link #evidenceOfAll()} and
 * {@link #recentEvolutions}) stay on plain JDBC, like the store's other listing reads, so that a short command
 * never starts Jdbi (see gryt-bench's ColdStartBenchmark).
 */
final class SqliteReads implements RecordReads {
    /** {@link SqliteReleaseStore#EVIDENCE} for every generation at once, by generation then contract order. */
    static final String EVIDENCE_OF_ALL = "SELECT g.version AS version, " + ReleaseRows.EVIDENCE_COLUMNS + """

              FROM generations g
              LEFT JOIN generation_changes c ON c.generation_id = g.id
            """ + ReleaseRows.EVIDENCE_JOINS + """

             ORDER BY g.created_at, g.id, c.position""";

    private final SqlDatabase db;

    SqliteReads(SqlDatabase db) {
        this.db = db;
    }

    private <T> T read(String what, Function<ReadQueries, T> query) {
        HandleCallback<T, RuntimeException> callback = h -> query.apply(h.attach(ReadQueries.class));
        return db.readConsistent(what, callback);
    }

    @Override
    public List<GenerationRecord> generationRecords(Optional<String> version) {
        return read("read the generations", q -> q.generations(version.orElse(null)));
    }

    @Override
    public void changeProofs(String version, Consumer<ChangeProofs> each) {
        Objects.requireNonNull(version, "version");
        read("read the changes of " + version, q -> {
            ChangeProofRow[] current = {null};
            List<ChangeProofs.Proof> proofs = new ArrayList<>();
            q.changeProofs(version, r -> {
                if (current[0] == null || !current[0].changeId().equals(r.changeId())) {
                    if (current[0] != null) each.accept(change(current[0], proofs));
                    current[0] = r;
                    proofs.clear();
                }
                if (r.tag() != null) proofs.add(new ChangeProofs.Proof(r.tag(), r.status(), r.commitSha(), r.runId()));
            });
            if (current[0] != null) each.accept(change(current[0], proofs));
            return null;
        });
    }

    private static ChangeProofs change(ChangeProofRow r, List<ChangeProofs.Proof> proofs) {
        return new ChangeProofs(r.changeId(), r.type(), r.title(), r.description(), proofs);
    }

    @Override
    public void evolutionRecords(String version, Consumer<EvolutionRecord> each) {
        Objects.requireNonNull(version, "version");
        read("read the evolutions of " + version, q -> {
            EvolutionBuilder[] current = {null};
            q.evolutionSteps(version, r -> {
                if (current[0] == null || current[0].first.rc() != r.rc()) {
                    if (current[0] != null) each.accept(current[0].build());
                    current[0] = new EvolutionBuilder(r);
                }
                current[0].add(r);
            });
            if (current[0] != null) each.accept(current[0].build());
            return null;
        });
    }

    @Override
    public List<PromotionRecord> promotionRecords(String version) {
        return read("read the promotions of " + version, q -> q.promotions(version));
    }

    @Override
    public EvolutionTally evolutionTally(Optional<String> version) {
        List<StatusCount> counts = read("count the evolutions", q -> q.evolutionStatuses(version.orElse(null)));
        Map<String, Long> byStatus = new TreeMap<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        for (StatusCount c : counts) {
            byStatus.put(c.status(), c.n());
            first = Math.min(first, c.first());
            last = Math.max(last, c.last());
        }
        return new EvolutionTally(byStatus, byStatus.isEmpty() ? 0 : first, last);
    }

    @Override
    public StepTally stepTally(String version) {
        return read("count the steps of " + version, q -> {
            Map<String, Long> byStatus = new TreeMap<>();
            q.stepStatuses(version).forEach(c -> byStatus.put(c.status(), c.n()));
            return new StepTally(byStatus, q.stepRuns(version));
        });
    }

    @Override
    public List<ArtifactRecord> passingArtifacts(String version, Collection<String> sha256s) {
        if (sha256s.isEmpty()) return List.of();
        List<String> digests = sha256s.stream().distinct().toList();
        return read("read the artifacts of " + version, q -> q.passingArtifacts(version, digests));
    }

    @Override
    public List<FinishedRun> finishedRuns(Optional<String> version) {
        return read("read the finished runs", q -> q.finishedRuns(version.orElse(null)));
    }

    @Override
    public List<FlakyStep> flakySteps(Optional<String> version) {
        return read("read the flaky steps", q -> q.flakySteps(version.orElse(null)));
    }

    @Override
    public List<GenerationEvidence> evidenceOfAll() {
        Map<String, List<ChangeEvidence>> byVersion = new LinkedHashMap<>();
        db.select("read the evidence of every generation", EVIDENCE_OF_ALL, rs -> {
            List<ChangeEvidence> list = byVersion.computeIfAbsent(rs.getString("version"), v -> new ArrayList<>());
            if (rs.getString("change_id") != null) {
                list.add(ReleaseRows.evidence(rs));
            }
            return null;
        });
        List<GenerationEvidence> all = new ArrayList<>();
        byVersion.forEach((v, evidence) -> all.add(new GenerationEvidence(v, evidence)));
        return all;
    }

    @Override
    public List<Evolution> recentEvolutions(int limit) {
        return db.select("read the recent evolutions", "SELECT " + ReleaseRows.EVOLUTION_COLUMNS + """

                 FROM evolutions e JOIN generations g ON g.id = e.generation_id
                ORDER BY e.created_at DESC, e.id DESC
                LIMIT ?""", ReleaseRows::evolution, Math.max(limit, 0));
    }

    /** Collects one evolution's rows: one per step and recorded data row. */
    private static final class EvolutionBuilder {
        final EvolutionStepRow first;
        private final List<EvolutionRecord.Step> steps = new ArrayList<>();
        private EvolutionStepRow step;
        private List<EvolutionRecord.Recorded> recorded;

        EvolutionBuilder(EvolutionStepRow first) {
            this.first = first;
        }

        void add(EvolutionStepRow r) {
            if (r.step() == null) return;
            if (step == null || !step.step().equals(r.step())) {
                flushStep();
                step = r;
                recorded = new ArrayList<>();
            }
            if (r.rowId() != null) {
                recorded.add(new EvolutionRecord.Recorded(r.rowId(), r.kind(), r.name(), r.value(), r.number(),
                        r.sha256()));
            }
        }

        private void flushStep() {
            if (step == null) return;
            steps.add(new EvolutionRecord.Step(step.step(), step.stepStatus(), step.exitCode(), step.attempts(),
                    step.durationMs(), step.stepStarted(), step.stepFinished(), step.error(), recorded));
            step = null;
        }

        EvolutionRecord build() {
            flushStep();
            EvolutionStepRow r = first;
            EvolutionRecord.Run run = r.run() == null ? null : new EvolutionRecord.Run(r.run(), r.pipeline(),
                    r.runStatus(), r.runStarted(), r.runFinished());
            return new EvolutionRecord(r.rc(), r.tag(), r.status(),
                    r.changes() == null ? List.of() : List.of(r.changes().split(",")), r.commitSha(), r.runId(),
                    r.allowDirty() != null && r.allowDirty() != 0, r.createdAt(), r.finishedAt(), run, steps, r.policyHash());
        }
    }
}
