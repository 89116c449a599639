package io.gryt.core.store;

import io.gryt.api.RunStatus;
import io.gryt.api.StepStatus;
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
import io.gryt.api.release.Change;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.StepRun;
import io.gryt.core.store.MemoryReleases.StoredEvolution;
import io.gryt.core.store.MemoryReleases.StoredGeneration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The typed reads of a {@link MemoryStore}, computed from what it keeps, with the same order and meaning as a
 * database store's. Data rows have no id in memory: a row's id is its position in its run (from 1). Each read
 * holds the store's lock, so it sees one consistent state.
 */
final class MemoryReads implements RecordReads {
    private final MemoryStore store;
    private final MemoryReleases releases;

    MemoryReads(MemoryStore store, MemoryReleases releases) {
        this.store = store;
        this.releases = releases;
    }

    @Override
    public List<GenerationRecord> generationRecords(Optional<String> version) {
        synchronized (store) {
            store.requireOpen();
            return releases.storedGenerations().stream()
                    .filter(g -> version.isEmpty() || g.generation.version().equals(version.get()))
                    .map(MemoryReads::record).toList();
        }
    }

    private static GenerationRecord record(StoredGeneration s) {
        Generation g = s.generation;
        return new GenerationRecord(s.id, g.version(), g.description(), g.status().label(), g.hotfixOf(),
                g.pipelineTemplate(), g.contractHash(), s.file, s.createdAt, g.promotedAt());
    }

    @Override
    public void changeProofs(String version, Consumer<ChangeProofs> each) {
        Objects.requireNonNull(version, "version");
        synchronized (store) {
            store.requireOpen();
            StoredGeneration g = releases.stored(version);
            if (g == null) return;
            for (Change c : g.generation.changes()) {
                List<ChangeProofs.Proof> proofs = new ArrayList<>();
                for (StoredEvolution s : releases.evolutionsOf(version)) {
                    Evolution e = s.evolution;
                    if (e.changes().contains(c.id())) {
                        proofs.add(new ChangeProofs.Proof(e.tag(), e.status().label(), e.commit(), e.runId()));
                    }
                }
                each.accept(new ChangeProofs(c.id(), c.type().label(), c.title(), c.description(), proofs));
            }
        }
    }

    @Override
    public void evolutionRecords(String version, Consumer<EvolutionRecord> each) {
        Objects.requireNonNull(version, "version");
        synchronized (store) {
            store.requireOpen();
            for (StoredEvolution s : releases.evolutionsOf(version)) each.accept(record(s.evolution));
        }
    }

    private EvolutionRecord record(Evolution e) {
        EvolutionRecord.Run run = null;
        List<EvolutionRecord.Step> steps = new ArrayList<>();
        Optional<PipelineRun> r = e.runId() == null ? Optional.empty() : store.run(e.runId());
        if (r.isPresent()) {
            PipelineRun p = r.get();
            run = new EvolutionRecord.Run(p.id(), p.pipelineName(), p.status().label(), p.startedAt(), p.finishedAt());
            List<DataRow> rows = store.dataRows(p.id());
            List<StepRun> ordered = new ArrayList<>(store.steps(p.id()));
            ordered.sort(Comparator.comparing(StepRun::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(StepRun::name));
            for (StepRun step : ordered) {
                List<EvolutionRecord.Recorded> recorded = new ArrayList<>();
                Long duration = null;
                for (int i = 0; i < rows.size(); i++) {
                    DataRow d = rows.get(i);
                    if (!d.step().equals(step.name())) continue;
                    if (d.kind() == DataRow.Kind.RESULT) {
                        duration = d.number() == null ? null : d.number().longValue();
                    } else {
                        recorded.add(new EvolutionRecord.Recorded(i + 1, d.kind().name().toLowerCase(java.util.Locale.ROOT),
                                d.name(), d.value(), d.number(), d.sha256()));
                    }
                }
                steps.add(new EvolutionRecord.Step(step.name(), step.status().label(),
                        step.exitCode() == null ? null : step.exitCode().longValue(), (long) step.attempts(), duration,
                        step.startedAt(), step.finishedAt(), step.error(), recorded));
            }
        }
        return new EvolutionRecord(e.rc(), e.tag(), e.status().label(), e.changes(), e.commit(), e.runId(),
                e.allowDirty(), e.createdAt(), e.finishedAt(), run, steps, e.policyHash());
    }

    @Override
    public List<PromotionRecord> promotionRecords(String version) {
        synchronized (store) {
            store.requireOpen();
            return releases.promotionsOf(version).stream().map(p -> new PromotionRecord(p.id, p.status.label(),
                    p.commit, p.tag, p.startedAt, p.finishedAt, p.reportJson)).toList();
        }
    }

    @Override
    public EvolutionTally evolutionTally(Optional<String> version) {
        synchronized (store) {
            store.requireOpen();
            Map<String, Long> byStatus = new TreeMap<>();
            long first = Long.MAX_VALUE;
            long last = 0;
            for (StoredEvolution s : scope(version)) {
                byStatus.merge(s.evolution.status().label(), 1L, Long::sum);
                first = Math.min(first, s.evolution.rc());
                last = Math.max(last, s.evolution.rc());
            }
            return new EvolutionTally(byStatus, byStatus.isEmpty() ? 0 : first, last);
        }
    }

    @Override
    public StepTally stepTally(String version) {
        synchronized (store) {
            store.requireOpen();
            Map<String, Long> byStatus = new TreeMap<>();
            Set<String> runs = new HashSet<>();
            for (String runId : runsOf(version)) {
                for (StepRun s : store.steps(runId)) {
                    byStatus.merge(s.status().label(), 1L, Long::sum);
                    runs.add(runId);
                }
            }
            return new StepTally(byStatus, runs.size());
        }
    }

    @Override
    public List<ArtifactRecord> passingArtifacts(String version, Collection<String> sha256s) {
        synchronized (store) {
            store.requireOpen();
            List<ArtifactRecord> found = new ArrayList<>();
            for (StoredEvolution s : releases.evolutionsOf(version)) {
                Evolution e = s.evolution;
                if (e.status() != EvolutionStatus.PASS || e.runId() == null) continue;
                List<DataRow> rows = store.dataRows(e.runId());
                for (int i = 0; i < rows.size(); i++) {
                    DataRow d = rows.get(i);
                    if (d.kind() == DataRow.Kind.ARTIFACT && d.sha256() != null && sha256s.contains(d.sha256())) {
                        found.add(new ArtifactRecord(i + 1, e.tag(), d.name(), d.sha256()));
                    }
                }
            }
            return found;
        }
    }

    @Override
    public List<FinishedRun> finishedRuns(Optional<String> version) {
        synchronized (store) {
            store.requireOpen();
            Set<String> scope = version.map(v -> Set.copyOf(runsOf(v))).orElse(null);
            return store.recent(Integer.MAX_VALUE).stream()
                    .filter(r -> (r.status() == RunStatus.PASS || r.status() == RunStatus.FAIL) && r.finishedAt() != null)
                    .filter(r -> scope == null || scope.contains(r.id()))
                    .map(r -> new FinishedRun(r.id(), r.status().label(), r.startedAt(), r.finishedAt()))
                    .sorted(Comparator.comparing(FinishedRun::startedAt).thenComparing(FinishedRun::runId))
                    .toList();
        }
    }

    @Override
    public List<FlakyStep> flakySteps(Optional<String> version) {
        synchronized (store) {
            store.requireOpen();
            Map<String, Set<String>> runsByStep = new TreeMap<>();
            Set<String> scope = version.map(v -> Set.copyOf(runsOf(v))).orElse(null);
            for (PipelineRun r : store.recent(Integer.MAX_VALUE)) {
                if (scope != null && !scope.contains(r.id())) continue;
                for (StepRun s : store.steps(r.id())) {
                    if (s.status() == StepStatus.PASS && s.attempts() > 1) {
                        runsByStep.computeIfAbsent(s.name(), k -> new HashSet<>()).add(r.id());
                    }
                }
            }
            for (StoredEvolution passed : scope(version)) {
                Evolution ep = passed.evolution;
                if (ep.runId() == null) continue;
                for (StoredEvolution failed : releases.evolutionsOf(ep.generation())) {
                    Evolution ef = failed.evolution;
                    if (ef.rc() >= ep.rc() || ef.runId() == null || !Objects.equals(ef.commit(), ep.commit())) continue;
                    Map<String, StepStatus> before = new HashMap<>();
                    store.steps(ef.runId()).forEach(s -> before.put(s.name(), s.status()));
                    for (StepRun s : store.steps(ep.runId())) {
                        StepStatus b = before.get(s.name());
                        if (s.status() == StepStatus.PASS && (b == StepStatus.FAIL || b == StepStatus.TIMEOUT)) {
                            runsByStep.computeIfAbsent(s.name(), k -> new HashSet<>()).add(ep.runId());
                        }
                    }
                }
            }
            return runsByStep.entrySet().stream().map(e -> new FlakyStep(e.getKey(), e.getValue().size()))
                    .sorted(Comparator.comparingLong(FlakyStep::runs).reversed().thenComparing(FlakyStep::step))
                    .toList();
        }
    }

    @Override
    public List<GenerationEvidence> evidenceOfAll() {
        synchronized (store) {
            store.requireOpen();
            return releases.storedGenerations().stream().map(g -> new GenerationEvidence(g.generation.version(),
                    releases.evidence(g.generation.version()))).toList();
        }
    }

    @Override
    public List<Evolution> recentEvolutions(int limit) {
        synchronized (store) {
            store.requireOpen();
            return releases.allEvolutions().stream()
                    .sorted(Comparator.comparing((StoredEvolution s) -> s.evolution.createdAt())
                            .thenComparingLong(s -> s.id).reversed())
                    .limit(Math.max(limit, 0)).map(s -> s.evolution).toList();
        }
    }

    /** The evolutions of {@code version}, or every evolution. */
    private List<StoredEvolution> scope(Optional<String> version) {
        return version.map(releases::evolutionsOf).orElseGet(releases::allEvolutions);
    }

    /** The pipeline runs of {@code version}'s evolutions. */
    private List<String> runsOf(String version) {
        return releases.evolutionsOf(version).stream().map(s -> s.evolution.runId()).filter(Objects::nonNull).toList();
    }
}
