package io.gryt.testing;

import io.gryt.api.Artifact;
import io.gryt.api.BadInputException;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.event.AlertRaised;
import io.gryt.api.read.ChangeProofs;
import io.gryt.api.read.EvolutionRecord;
import io.gryt.api.read.GenerationEvidence;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReadOnlyStoreException;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.api.spi.OutboxStore;
import io.gryt.api.spi.OutboxStore.OutboxEvent;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link Store} must do, as tests: each read and write of the SPI, each refusal (unknown ids, a
 * duplicate release, writes to a read-only store), RC numbers under concurrent writers, and the typed reads
 * ({@link Store#reads()}). A store's test class extends this and says how to open a fresh store; the release
 * part runs when the store {@linkplain Store#recordsReleases() records releases}, the audit part when it
 * {@linkplain #keepsAuditTrail() keeps a trail}, the read-only part when it {@linkplain #reopenReadOnly can be
 * reopened read-only}.
 */
public abstract class StoreContract {
    /** A fixed clock start, so that orders by time are deterministic. */
    protected static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    protected Store store;

    /** A new, empty store. */
    protected abstract Store newStore();

    /** True when the store keeps an audit trail ({@link Store#audit()}); otherwise it must refuse to give one. */
    protected abstract boolean keepsAuditTrail();

    /** Closes {@code store} and opens what it holds read-only, or returns empty when the store cannot. */
    protected Optional<Store> reopenReadOnly(Store store) {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static PipelineRun run(String id, int startedAt) {
        return new PipelineRun(id, "release-pipeline", RunStatus.RUNNING, at(startedAt), null,
                new ProcessOwner(4242, "host", at(0)), "/work");
    }

    private static StepResult result(String step, StepStatus status, int attempts, int start, int end) {
        return new StepResult(step, status, status == StepStatus.PASS ? 0 : 1, attempts, at(start), at(end), null,
                status == StepStatus.PASS ? null : "exit code 1", List.of(), List.of(), Map.of());
    }

    private static DataRow resultRow(String runId, String step, StepStatus status, int ms, int at) {
        return new DataRow(runId, step, DataRow.Kind.RESULT, "result", status.label(), (double) ms, null, at(at));
    }

    /** Records a whole run: one step per entry of {@code steps} (name to status), an artifact on "build". */
    private void recordRun(String runId, int start, RunStatus status, Map<String, StepStatus> steps) {
        store.runs().runStarted(run(runId, start));
        int t = start;
        for (Map.Entry<String, StepStatus> s : new java.util.TreeMap<>(steps).entrySet()) {
            store.runs().stepStarted(runId, s.getKey(), at(t), null);
            List<DataRow> rows = new ArrayList<>();
            rows.add(resultRow(runId, s.getKey(), s.getValue(), 1000, t + 1));
            if (s.getKey().equals("build") && s.getValue() == StepStatus.PASS) {
                rows.add(new DataRow(runId, "build", DataRow.Kind.ARTIFACT, "dist/app.jar", null, 10.0,
                        "ab".repeat(32), at(t + 1)));
                rows.add(new DataRow(runId, "build", DataRow.Kind.METRIC, "coverage", null, 0.9, null, at(t + 1)));
            }
            store.runs().stepFinished(runId, result(s.getKey(), s.getValue(), 1, t, t + 1), rows);
            t += 2;
        }
        store.runs().runFinished(runId, status, at(t));
    }

    private static Generation contract(String version, String... changeIds) {
        List<Change> changes = new ArrayList<>();
        for (String id : changeIds) changes.add(new Change(id, ChangeType.FIX, "Fix " + id, null));
        return new Generation(version, "release " + version, changes, "release-pipeline", null,
                GenerationStatus.DRAFT, null, null);
    }

    private ReleaseStore releases() {
        Assumptions.assumeTrue(store.recordsReleases(), store + " records no releases");
        return store.releases();
    }

    /** Records an evolution of {@code version} proving {@code changes}, run by {@code runId}, ending {@code status}. */
    private Evolution evolve(String version, String commit, EvolutionStatus status, String runId, int start,
                             Map<String, StepStatus> steps, String... changes) {
        Evolution e = releases().createEvolution(version, List.of(changes), commit, false, null, at(start));
        recordRun(runId, start, status == EvolutionStatus.PASS ? RunStatus.PASS : RunStatus.FAIL, steps);
        releases().evolutionRunning(e.tag(), runId);
        releases().evolutionFinished(e.tag(), status, at(start + 10));
        return releases().evolution(e.tag()).orElseThrow();
    }

    // --- runs ---

    @Test
    public void aRunItsStepsAndRowsAreRecordedAndReadBack() {
        recordRun("r1", 0, RunStatus.PASS, Map.of("build", StepStatus.PASS, "test", StepStatus.PASS));

        PipelineRun r = store.runs().run("r1").orElseThrow();
        assertThat(r.status()).isEqualTo(RunStatus.PASS);
        assertThat(r.finishedAt()).isEqualTo(at(4));
        assertThat(store.runs().steps("r1")).extracting(s -> s.name() + ":" + s.status().label())
                .containsExactly("build:pass", "test:pass");
        assertThat(store.runs().dataRows("r1")).extracting(DataRow::kind)
                .containsExactly(DataRow.Kind.RESULT, DataRow.Kind.ARTIFACT, DataRow.Kind.METRIC, DataRow.Kind.RESULT);
        assertThat(store.runs().running()).isEmpty();
    }

    @Test
    public void rowsAreAddedToAStepOnlyWhileItRuns() {
        store.runs().runStarted(run("r1", 0));
        store.runs().stepStarted("r1", "test", at(1), null);
        DataRow proof = new DataRow("r1", "test", DataRow.Kind.TEST, "proves A-1: a.B.c()", "passed", 5.0, null, at(2));
        assertThatThrownBy(() -> store.runs().stepRowsRecorded("r1", "lint", List.of(
                new DataRow("r1", "lint", DataRow.Kind.TEST, "x", "passed", 1.0, null, at(2)))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("lint");

        store.runs().stepRowsRecorded("r1", "test", List.of(proof));
        store.runs().stepFinished("r1", result("test", StepStatus.PASS, 1, 1, 3),
                List.of(resultRow("r1", "test", StepStatus.PASS, 2000, 3)));

        assertThat(store.runs().dataRows("r1")).extracting(DataRow::kind, DataRow::name)
                .containsExactly(tuple(DataRow.Kind.TEST, "proves A-1: a.B.c()"), tuple(DataRow.Kind.RESULT, "result"));
        assertThatThrownBy(() -> store.runs().stepRowsRecorded("r1", "test", List.of(proof)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not running");
    }

    @Test
    public void recentRunsAreNewestFirstAndLimited() {
        recordRun("old", 0, RunStatus.PASS, Map.of());
        recordRun("new", 100, RunStatus.FAIL, Map.of());
        store.runs().runStarted(run("going", 200));

        assertThat(store.runs().recent(10)).extracting(PipelineRun::id).containsExactly("going", "new", "old");
        assertThat(store.runs().recent(1)).extracting(PipelineRun::id).containsExactly("going");
        assertThat(store.runs().running()).extracting(PipelineRun::id).containsExactly("going");
    }

    @Test
    public void thePipelinesOfManyRunsAreReadOnceEach() {
        recordRun("r1", 0, RunStatus.PASS, Map.of());
        recordRun("r2", 10, RunStatus.FAIL, Map.of());
        store.runs().runStarted(new PipelineRun("r3", "ci+e2e", RunStatus.RUNNING, at(20), null,
                new ProcessOwner(4242, "host", at(0)), "/work"));

        assertThat(store.runs().pipelineNames(List.of("r1", "r2", "r3", "unknown")))
                .containsExactlyInAnyOrder("release-pipeline", "ci+e2e");
        assertThat(store.runs().pipelineNames(List.of())).isEmpty();
    }

    @Test
    public void theLastStepDurationsAreThoseOfThePipelinesNewestPassedOrFailedRun() {
        assertThat(store.runs().lastStepDurations("release-pipeline")).isEmpty();
        recordRun("old", 0, RunStatus.PASS, Map.of("build", StepStatus.PASS));
        store.runs().runStarted(run("newest-finished", 100));
        store.runs().stepStarted("newest-finished", "build", at(100), null);
        store.runs().stepFinished("newest-finished", result("build", StepStatus.PASS, 1, 100, 103), List.of());
        store.runs().stepStarted("newest-finished", "test", at(103), null);
        store.runs().stepFinished("newest-finished", result("test", StepStatus.FAIL, 2, 103, 108), List.of());
        store.runs().stepFinished("newest-finished", StepResult.skipped("deploy", "skipped: 'test' failed"), List.of());
        store.runs().runFinished("newest-finished", RunStatus.FAIL, at(110));
        // newer runs that do not count: one still running, one cancelled, one of another pipeline
        store.runs().runStarted(run("going", 200));
        store.runs().runStarted(run("cancelled", 300));
        store.runs().stepStarted("cancelled", "build", at(300), null);
        store.runs().stepFinished("cancelled", result("build", StepStatus.CANCELLED, 1, 300, 307), List.of());
        store.runs().runFinished("cancelled", RunStatus.CANCELLED, at(307));
        store.runs().runStarted(new PipelineRun("other", "other-pipeline", RunStatus.RUNNING, at(400), null,
                new ProcessOwner(4242, "host", at(0)), "/work"));
        store.runs().stepStarted("other", "build", at(400), null);
        store.runs().stepFinished("other", result("build", StepStatus.PASS, 1, 400, 409), List.of());
        store.runs().runFinished("other", RunStatus.PASS, at(409));

        assertThat(store.runs().lastStepDurations("release-pipeline"))
                .containsExactly(Map.entry("build", Duration.ofSeconds(3)), Map.entry("test", Duration.ofSeconds(5)));
        assertThat(store.runs().lastStepDurations("other-pipeline")).containsExactly(Map.entry("build", Duration.ofSeconds(9)));
        assertThat(store.runs().lastStepDurations("no-such-pipeline")).isEmpty();
    }

    @Test
    public void unknownRunsReadAsNothing() {
        assertThat(store.runs().run("nope")).isEmpty();
        assertThat(store.runs().steps("nope")).isEmpty();
        assertThat(store.runs().dataRows("nope")).isEmpty();
        assertThat(store.runs().markInterrupted("nope", at(1))).isFalse();
    }

    /**
     * A run is started once and its steps belong to a recorded run. (Whether a step may still start after its run
     * ended is not part of the contract: {@code MemoryStore} refuses it, the SQLite store records it.)
     */
    @Test
    public void aRunIsStartedOnceAndStepsBelongToARecordedRun() {
        store.runs().runStarted(run("r1", 0));
        assertThatThrownBy(() -> store.runs().runStarted(run("r1", 1))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.runs().stepStarted("unknown", "build", at(1), null))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.runs().stepFinished("unknown", result("build", StepStatus.PASS, 1, 1, 2),
                List.of())).isInstanceOf(StoreException.class);
    }

    @Test
    public void aRunWhoseOwnerDiedIsMarkedInterruptedOnce() {
        store.runs().runStarted(run("r1", 0));
        store.runs().stepStarted("r1", "build", at(1), 99L);

        assertThat(store.runs().markInterrupted("r1", at(5))).isTrue();
        assertThat(store.runs().markInterrupted("r1", at(6))).isFalse();
        assertThat(store.runs().run("r1").orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.runs().steps("r1").get(0).status()).isEqualTo(StepStatus.INTERRUPTED);
    }

    // --- releases ---

    @Test
    public void aGenerationIsRecordedAndItsDraftFollowsTheContract() {
        releases().syncGeneration(contract("v1.0.0", "A-1", "A-2"), ".gryt/generations/v1.0.0.yaml", at(0));
        Generation synced = releases().syncGeneration(contract("v1.0.0", "A-1", "A-3"),
                ".gryt/generations/v1.0.0.yaml", at(1));

        assertThat(synced.status()).isEqualTo(GenerationStatus.DRAFT);
        assertThat(synced.changes()).extracting(Change::id).containsExactly("A-1", "A-3");
        assertThat(releases().generation("v1.0.0")).contains(synced);
        assertThat(releases().generation("v9.9.9")).isEmpty();
        assertThat(releases().generations()).extracting(Generation::version).containsExactly("v1.0.0");
    }

    @Test
    public void evolutionsGetGapFreeRcNumbersAndNameTheirChangesInContractOrder() {
        releases().syncGeneration(contract("v1.0.0", "A-1", "A-2"), "g.yaml", at(0));
        Evolution first = releases().createEvolution("v1.0.0", List.of("A-2", "A-1"), "c1", true, null, at(1));
        Evolution second = releases().createEvolution("v1.0.0", List.of("A-2"), "c1", false, null, at(2));

        assertThat(first.tag()).isEqualTo("v1.0.0-rc.1");
        assertThat(first.changes()).containsExactly("A-1", "A-2");
        assertThat(first.allowDirty()).isTrue();
        assertThat(second.rc()).isEqualTo(2);
        assertThat(releases().evolutions("v1.0.0")).extracting(Evolution::rc).containsExactly(1, 2);
        assertThat(releases().unfinishedEvolutions()).hasSize(2);
    }

    @Test
    public void evolutionsAreRefusedForUnknownGenerationsChangesAndPromotedGenerations() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));

        assertThatThrownBy(() -> releases().createEvolution("v9.9.9", List.of("A-1"), "c", false, null, at(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("v9.9.9");
        assertThatThrownBy(() -> releases().createEvolution("v1.0.0", List.of("NOPE"), "c", false, null, at(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> releases().createEvolution("v1.0.0", List.of(), "c", false, null, at(1)))
                .isInstanceOf(BadInputException.class);
        long id = releases().recordPromotion("v1.0.0", "c", "v1.0.0", PromotionStatus.PENDING, "{}", at(2));
        assertThatThrownBy(() -> releases().createEvolution("v1.0.0", List.of("A-1"), "c", false, null, at(3)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("being promoted");
        releases().completePromotion(id, "hash", at(4));
        assertThatThrownBy(() -> releases().createEvolution("v1.0.0", List.of("A-1"), "c", false, null, at(5)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("promoted");
    }

    @Test
    public void unknownEvolutionsAndPromotionsAreRefused() {
        assertThatThrownBy(() -> releases().evolutionRunning("v1.0.0-rc.9", "r")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> releases().evolutionFinished("v1.0.0-rc.9", EvolutionStatus.PASS, at(1)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> releases().evolutionTagged("v1.0.0-rc.9", at(1))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> releases().completePromotion(999, "h", at(1))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> releases().endPromotion(999, PromotionStatus.ROLLED_BACK, at(1)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> releases().recordPromotion("v9.9.9", "c", "t", PromotionStatus.PENDING, "{}", at(1)))
                .isInstanceOf(BadInputException.class);
        assertThat(releases().evolution("v1.0.0-rc.9")).isEmpty();
    }

    @Test
    public void thePolicyThatAppliedToAnEvolutionIsRecordedWithItAndAlertsInTheTrail() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
        Evolution e = releases().createEvolution("v1.0.0", List.of("A-1"), "c1", false, null, at(1));
        assertThat(e.policyHash()).isNull();
        String hash = "5e".repeat(32);
        releases().evolutionPolicy(e.tag(), hash);
        releases().evolutionRunning(e.tag(), recordedRun("r1", 2));
        releases().evolutionFinished(e.tag(), EvolutionStatus.PASS, at(10));
        assertThat(releases().evolution(e.tag()).orElseThrow().policyHash()).isEqualTo(hash);
        assertThat(releases().evolutions("v1.0.0")).singleElement().extracting(Evolution::policyHash).isEqualTo(hash);
        assertThatThrownBy(() -> releases().evolutionPolicy("v1.0.0-rc.9", hash)).isInstanceOf(StoreException.class);

        releases().recordAlert(new AlertRaised("pass-rate", "40%", "below 80%", "v1.0.0", e.tag(),
                "pass rate of the last 5 evolution(s) of v1.0.0 is 40%, below 80%", at(11)));
        if (keepsAuditTrail()) {
            List<AuditEntry> entries = new ArrayList<>();
            store.audit().entries(1, entries::add);
            assertThat(entries).extracting(AuditEntry::event).contains("evolution.policy", "alert.raised");
            AuditEntry alert = entries.get(entries.size() - 1);
            assertThat(alert.event()).isEqualTo("alert.raised");
            assertThat(alert.payload()).contains("\"rule\":\"pass-rate\"", "\"value\":\"40%\"", "\"threshold\":\"below 80%\"");
            assertThat(store.audit().verify().intact()).isTrue();
        }
    }

    private String recordedRun(String runId, int start) {
        store.runs().runStarted(run(runId, start));
        return runId;
    }

    @Test
    public void anEvolutionEndsOnceAndIsTaggedOnce() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
        Evolution e = evolve("v1.0.0", "c1", EvolutionStatus.FAIL, "r1", 1, Map.of("test", StepStatus.FAIL), "A-1");
        releases().evolutionFinished(e.tag(), EvolutionStatus.PASS, at(50));

        assertThat(releases().evolution(e.tag()).orElseThrow().status()).isEqualTo(EvolutionStatus.FAIL);
        assertThatThrownBy(() -> releases().evolutionRunning(e.tag(), "r2")).isInstanceOf(StoreException.class);
        assertThat(releases().untaggedEvolutions()).extracting(Evolution::tag).containsExactly(e.tag());
        releases().evolutionTagged(e.tag(), at(60));
        assertThat(releases().untaggedEvolutions()).isEmpty();
        assertThat(releases().countEvolutions("v1.0.0", EvolutionStatus.FAIL)).isEqualTo(1);
    }

    @Test
    public void evidenceNamesEachChangesLatestFinishedAndLatestPassingEvolution() {
        releases().syncGeneration(contract("v1.0.0", "A-1", "A-2", "A-3"), "g.yaml", at(0));
        evolve("v1.0.0", "c1", EvolutionStatus.PASS, "r1", 10, Map.of("build", StepStatus.PASS), "A-1", "A-2");
        evolve("v1.0.0", "c2", EvolutionStatus.FAIL, "r2", 20, Map.of("build", StepStatus.FAIL), "A-2");
        releases().createEvolution("v1.0.0", List.of("A-1"), "c3", false, null, at(30)); // pending proves nothing

        List<ChangeEvidence> evidence = releases().evidence("v1.0.0");
        assertThat(evidence).extracting(e -> e.change().id()).containsExactly("A-1", "A-2", "A-3");
        assertThat(evidence.get(0).latest().rc()).isEqualTo(1);
        assertThat(evidence.get(0).proven()).isTrue();
        assertThat(evidence.get(1).latest().rc()).isEqualTo(2);
        assertThat(evidence.get(1).latestPass().rc()).isEqualTo(1);
        assertThat(evidence.get(1).proven()).isFalse();
        assertThat(evidence.get(2).latest()).isNull();
        assertThat(releases().artifacts(List.of("r1", "r2")))
                .containsExactly(new Artifact("dist/app.jar", 10, "ab".repeat(32)));
    }

    @Test
    public void aProvenChangeCannotBeRemovedFromTheContract() {
        releases().syncGeneration(contract("v1.0.0", "A-1", "A-2"), "g.yaml", at(0));
        releases().createEvolution("v1.0.0", List.of("A-2"), "c1", false, null, at(1));

        assertThatThrownBy(() -> releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(2)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("A-2");
        assertThatThrownBy(() -> releases().syncGeneration(contract("v1.0.0", "A-1", "A-1"), "g.yaml", at(2)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("twice");
    }

    @Test
    public void aGenerationIsReleasedOnce() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
        long blocked = releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.BLOCKED, "{}", at(1));
        long pending = releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.PENDING, "{}", at(2));

        assertThat(pending).isNotEqualTo(blocked);
        assertThatThrownBy(() -> releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.PENDING, "{}", at(3)))
                .isInstanceOf(BadInputException.class);
        assertThat(releases().pendingPromotions()).extracting(ReleaseStore.StoredPromotion::id).containsExactly(pending);
        releases().completePromotion(pending, "sha", at(4));
        releases().completePromotion(pending, "sha", at(5)); // a second recovering process: nothing happens

        Generation g = releases().generation("v1.0.0").orElseThrow();
        assertThat(g.status()).isEqualTo(GenerationStatus.PROMOTED);
        assertThat(g.contractHash()).isEqualTo("sha");
        assertThat(releases().promotions("v1.0.0")).extracting(ReleaseStore.StoredPromotion::status)
                .containsExactly(PromotionStatus.BLOCKED, PromotionStatus.COMPLETED);
        assertThat(releases().pendingPromotions()).isEmpty();
        assertThatThrownBy(() -> releases().endPromotion(pending, PromotionStatus.COMPLETED, at(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void noReleaseIsRecordedWhileAnEvolutionIsInProgressAndTheReportSaysHowThePromotionEnded() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
        Evolution running = releases().createEvolution("v1.0.0", List.of("A-1"), "c1", false, null, at(1));

        assertThatThrownBy(() -> releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.PENDING,
                "{\"status\":\"pending\"}", at(2)))
                .isInstanceOf(EvolutionsInProgressException.class).hasMessageContaining(running.tag());
        releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.BLOCKED, "{\"status\":\"blocked\"}", at(3));
        releases().evolutionFinished(running.tag(), EvolutionStatus.PASS, at(4));

        long rolledBack = releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.PENDING,
                "{\"status\":\"pending\"}", at(5));
        releases().endPromotion(rolledBack, PromotionStatus.ROLLED_BACK, at(6));
        long completed = releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.PENDING,
                "{\"status\":\"pending\"}", at(7));
        releases().completePromotion(completed, "sha", at(8));

        assertThat(releases().promotions("v1.0.0")).extracting(ReleaseStore.StoredPromotion::reportJson)
                .allSatisfy(json -> assertThat(json).doesNotContain("pending"))
                .anySatisfy(json -> assertThat(json).contains("\"rolled_back\""))
                .anySatisfy(json -> assertThat(json).contains("\"completed\""));
    }

    @Test
    public void aDraftWithoutEvidenceIsDeletedAndOneWithEvidenceIsNot() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "a.yaml", at(0));
        releases().syncGeneration(contract("v2.0.0", "B-1"), "b.yaml", at(0));
        releases().syncGeneration(contract("v3.0.0", "C-1"), "c.yaml", at(0));
        evolve("v2.0.0", "c1", EvolutionStatus.PASS, "r1", 1, Map.of("test", StepStatus.PASS), "B-1");
        releases().recordPromotion("v3.0.0", "c1", "v3.0.0", PromotionStatus.BLOCKED, "{}", at(20));

        assertThat(releases().deleteGeneration("v1.0.0")).isTrue();
        assertThat(releases().generation("v1.0.0")).isEmpty();
        assertThat(releases().deleteGeneration("v1.0.0")).isFalse();
        assertThatThrownBy(() -> releases().deleteGeneration("v2.0.0"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("v2.0.0-rc.1");
        assertThatThrownBy(() -> releases().deleteGeneration("v3.0.0"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("promotion attempt");
        assertThat(releases().generations()).extracting(Generation::version).containsExactly("v2.0.0", "v3.0.0");
    }

    @Test
    public void concurrentWritersGetUniqueGapFreeRcNumbers() throws Exception {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
        int threads = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Integer> rcs = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        rcs.add(releases().createEvolution("v1.0.0", List.of("A-1"), "c", false, null, at(1)).rc());
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(rcs).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
        assertThat(releases().evolutions("v1.0.0")).hasSize(threads * each);
    }

    // --- typed reads ---

    @Test
    public void theTypedReadsGiveTheReleaseRecord() {
        releases().syncGeneration(contract("v1.0.0", "A-1", "A-2"), "g1.yaml", at(0));
        releases().syncGeneration(contract("v2.0.0", "B-1"), "g2.yaml", at(1));
        Evolution e1 = evolve("v1.0.0", "c1", EvolutionStatus.FAIL, "r1", 10,
                Map.of("build", StepStatus.PASS, "test", StepStatus.FAIL), "A-1");
        Evolution e2 = evolve("v1.0.0", "c1", EvolutionStatus.PASS, "r2", 30,
                Map.of("build", StepStatus.PASS, "test", StepStatus.PASS), "A-1", "A-2");
        long p = releases().recordPromotion("v1.0.0", "c1", "v1.0.0", PromotionStatus.PENDING, "{\"gates\":[]}", at(50));
        releases().completePromotion(p, "sha", at(51));

        assertThat(store.reads().generationRecords(Optional.empty())).extracting(g -> g.version() + " " + g.status())
                .containsExactly("v1.0.0 promoted", "v2.0.0 draft");
        assertThat(store.reads().generationRecords(Optional.of("v2.0.0"))).singleElement()
                .satisfies(g -> assertThat(g.file()).isEqualTo("g2.yaml"));

        List<ChangeProofs> changes = new ArrayList<>();
        store.reads().changeProofs("v1.0.0", changes::add);
        assertThat(changes).extracting(ChangeProofs::changeId).containsExactly("A-1", "A-2");
        assertThat(changes.get(0).proofs()).extracting(ChangeProofs.Proof::tag).containsExactly(e1.tag(), e2.tag());
        assertThat(changes.get(1).proofs()).extracting(ChangeProofs.Proof::status).containsExactly("pass");

        List<EvolutionRecord> evolutions = new ArrayList<>();
        store.reads().evolutionRecords("v1.0.0", evolutions::add);
        assertThat(evolutions).extracting(EvolutionRecord::tag).containsExactly(e1.tag(), e2.tag());
        EvolutionRecord second = evolutions.get(1);
        assertThat(second.changes()).containsExactly("A-1", "A-2");
        assertThat(second.run().id()).isEqualTo("r2");
        assertThat(second.run().status()).isEqualTo("pass");
        assertThat(second.steps()).extracting(EvolutionRecord.Step::name).containsExactly("build", "test");
        assertThat(second.steps().get(0).durationMs()).isEqualTo(1000L);
        assertThat(second.steps().get(0).recorded()).extracting(EvolutionRecord.Recorded::kind)
                .containsExactly("artifact", "metric");

        assertThat(store.reads().promotionRecords("v1.0.0")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("completed"))
                .satisfies(r -> assertThat(r.finishedAt()).isEqualTo(at(51)));
        assertThat(store.reads().evolutionTally(Optional.of("v1.0.0")).byStatus())
                .isEqualTo(Map.of("fail", 1L, "pass", 1L));
        assertThat(store.reads().evolutionTally(Optional.of("v1.0.0")).lastRc()).isEqualTo(2);
        assertThat(releases().lastRc("v1.0.0")).isEqualTo(2);
        assertThat(releases().lastRc("v2.0.0")).isZero();
        assertThat(releases().lastRc("v9.9.9")).isZero();
        assertThat(store.reads().evolutionTally(Optional.empty()).total()).isEqualTo(2);
        assertThat(store.reads().stepTally("v1.0.0").byStatus()).isEqualTo(Map.of("fail", 1L, "pass", 3L));
        assertThat(store.reads().stepTally("v1.0.0").runs()).isEqualTo(2);
        assertThat(store.reads().passingArtifacts("v1.0.0", List.of("ab".repeat(32), "cd".repeat(32))))
                .singleElement().satisfies(a -> assertThat(a.evolution()).isEqualTo(e2.tag()));
        assertThat(store.reads().passingArtifacts("v1.0.0", List.of())).isEmpty();
        assertThat(store.reads().finishedRuns(Optional.of("v1.0.0"))).extracting(r -> r.runId() + " " + r.status())
                .containsExactly("r1 fail", "r2 pass");
        assertThat(store.reads().flakySteps(Optional.of("v1.0.0"))).singleElement()
                .satisfies(f -> assertThat(f.step()).isEqualTo("test"));

        List<GenerationEvidence> all = store.reads().evidenceOfAll();
        assertThat(all).extracting(GenerationEvidence::version).containsExactly("v1.0.0", "v2.0.0");
        assertThat(all.get(0).evidence()).isEqualTo(releases().evidence("v1.0.0"));
        assertThat(all.get(1).evidence()).isEqualTo(releases().evidence("v2.0.0"));
        assertThat(store.reads().recentEvolutions(1)).extracting(Evolution::tag).containsExactly(e2.tag());
    }

    @Test
    public void aStepIsFlakyWhenItPassesAfterFailingOnTheSameCommitOfTheSameGeneration() {
        releases().syncGeneration(contract("v1.0.0", "A-1"), "g1.yaml", at(0));
        releases().syncGeneration(contract("v2.0.0", "B-1"), "g2.yaml", at(1));
        // on c1: test passes, times out, then passes twice; build never fails
        evolve("v1.0.0", "c1", EvolutionStatus.PASS, "r1", 10, Map.of("build", StepStatus.PASS, "test", StepStatus.PASS), "A-1");
        evolve("v1.0.0", "c1", EvolutionStatus.FAIL, "r2", 30, Map.of("build", StepStatus.PASS, "test", StepStatus.TIMEOUT), "A-1");
        evolve("v1.0.0", "c1", EvolutionStatus.PASS, "r3", 50, Map.of("build", StepStatus.PASS, "test", StepStatus.PASS), "A-1");
        evolve("v1.0.0", "c1", EvolutionStatus.PASS, "r4", 70, Map.of("build", StepStatus.PASS, "test", StepStatus.PASS), "A-1");
        // on c2: lint passes before it fails (not flaky)
        evolve("v1.0.0", "c2", EvolutionStatus.PASS, "r5", 90, Map.of("lint", StepStatus.PASS), "A-1");
        evolve("v1.0.0", "c2", EvolutionStatus.FAIL, "r6", 110, Map.of("lint", StepStatus.FAIL), "A-1");
        // another generation on c1 and c2: their failures above do not count here
        evolve("v2.0.0", "c1", EvolutionStatus.PASS, "r7", 130, Map.of("test", StepStatus.PASS), "B-1");
        evolve("v2.0.0", "c2", EvolutionStatus.PASS, "r8", 150, Map.of("lint", StepStatus.PASS), "B-1");

        assertThat(store.reads().flakySteps(Optional.empty())).extracting(f -> f.step() + " " + f.runs())
                .containsExactly("test 2");
        assertThat(store.reads().flakySteps(Optional.of("v1.0.0"))).extracting(f -> f.step() + " " + f.runs())
                .containsExactly("test 2");
        assertThat(store.reads().flakySteps(Optional.of("v2.0.0"))).isEmpty();
    }

    @Test
    public void theRunReadsServeAStoreWithoutReleasesToo() {
        recordRun("r1", 0, RunStatus.PASS, Map.of("build", StepStatus.PASS));
        recordRun("r2", 10, RunStatus.FAIL, Map.of("build", StepStatus.FAIL));
        store.runs().runStarted(run("r3", 20));
        store.runs().stepStarted("r3", "flaky", at(21), null);
        store.runs().stepFinished("r3", result("flaky", StepStatus.PASS, 3, 21, 22),
                List.of(resultRow("r3", "flaky", StepStatus.PASS, 1000, 22)));

        assertThat(store.reads().finishedRuns(Optional.empty())).extracting(r -> r.runId() + " " + r.status())
                .containsExactly("r1 pass", "r2 fail");
        assertThat(store.reads().finishedRuns(Optional.empty()).get(0).duration()).hasSeconds(2);
        assertThat(store.reads().flakySteps(Optional.empty())).singleElement()
                .satisfies(f -> assertThat(f.step() + " " + f.runs()).isEqualTo("flaky 1"));
        assertThat(store.reads().generationRecords(Optional.of("v9.9.9"))).isEmpty();
        assertThat(store.reads().evolutionTally(Optional.of("v9.9.9")).total()).isZero();
    }

    // --- audit trail ---

    @Test
    public void theAuditTrailIsKeptOrRefusedAsDeclared() {
        if (!keepsAuditTrail()) {
            assertThatThrownBy(() -> store.audit()).isInstanceOf(StoreException.class);
            return;
        }
        recordRun("r1", 0, RunStatus.PASS, Map.of("build", StepStatus.PASS));
        assertThat(store.audit().verify().intact()).isTrue();
        List<AuditEntry> entries = new ArrayList<>();
        store.audit().entries(1, entries::add);
        assertThat(entries).isNotEmpty();
        assertThat(store.audit().head()).contains(entries.get(entries.size() - 1));
        if (store.recordsReleases()) {
            releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
            releases().syncGeneration(contract("v2.0.0", "B-1"), "g.yaml", at(0));
            List<AuditEntry> about = new ArrayList<>();
            store.audit().entriesAbout("v1.0.0", about::add);
            assertThat(about).singleElement().satisfies(e -> assertThat(e.payload()).contains("v1.0.0"));
            List<AuditEntry> none = new ArrayList<>();
            store.audit().entriesAbout("v9.9.9", none::add);
            assertThat(none).isEmpty();
        }
    }

    // --- outbox ---

    private static OutboxEvent event(String id, int at, String... destinations) {
        return new OutboxEvent(id, "run.finished", "{\"runId\":\"" + id + "\"}", at(at), List.of(destinations));
    }

    @Test
    public void eventsRecordedWithAWriteAreCommittedWithItOrNotAtAll() {
        OutboxStore outbox = store.outbox();
        String result = outbox.recording(List.of(event("e1", 0, "slack", "hook")), () -> {
            store.runs().runStarted(run("r1", 0));
            return "written";
        });
        assertThat(result).isEqualTo("written");
        assertThat(store.runs().run("r1")).isPresent();
        assertThat(outbox.waiting()).extracting(d -> d.eventId() + " " + d.destination() + " " + d.attempts())
                .containsExactlyInAnyOrder("e1 slack 0", "e1 hook 0");
        assertThat(outbox.waiting()).allSatisfy(d -> {
            assertThat(d.type()).isEqualTo("run.finished");
            assertThat(d.json()).contains("e1");
            assertThat(d.error()).isEmpty();
            assertThat(d.delivered()).isEmpty();
        });

        // a write that fails (run r1 is already recorded) records none of its events
        assertThatThrownBy(() -> outbox.recording(List.of(event("e2", 1, "slack")), () -> {
            store.runs().runStarted(run("r1", 0));
            return null;
        })).isInstanceOfAny(StoreException.class, IllegalArgumentException.class, IllegalStateException.class);
        assertThat(outbox.delivery("e2", "slack")).isEmpty();

        // a "write" that wrote nothing still records its events, on their own
        outbox.recording(List.of(event("e3", 2, "slack")), () -> null);
        outbox.record(List.of(event("e4", 3, "hook")));
        assertThat(outbox.waiting()).extracting(d -> d.eventId() + " " + d.destination())
                .contains("e3 slack", "e4 hook");
    }

    @Test
    public void aClaimedDeliveryIsLeasedRetriedWithTheSameIdAndNeverClaimedOnceAcknowledged() {
        OutboxStore outbox = store.outbox();
        outbox.record(List.of(event("e1", 0, "slack", "hook"), event("e2", 1, "slack")));
        Instant now = at(10);
        Duration lease = Duration.ofMinutes(1);

        assertThat(outbox.claim(List.of("slack"), now, lease, 10))
                .extracting(d -> d.eventId() + " " + d.destination() + " attempt " + d.attempts())
                .containsExactly("e1 slack attempt 1", "e2 slack attempt 1");
        assertThat(outbox.claim(List.of("slack"), now, lease, 10)).as("leased").isEmpty();
        assertThat(outbox.claim(List.of("nowhere"), now, lease, 10)).isEmpty();

        outbox.failed("e1", "slack", "HTTP 500 from https://hooks.example/***", now.plusSeconds(30));
        outbox.delivered("e2", "slack", now.plusSeconds(1));
        assertThat(outbox.claim(List.of("slack"), now.plusSeconds(29), lease, 10)).as("not due yet").isEmpty();
        assertThat(outbox.delivery("e1", "slack")).hasValueSatisfying(d -> {
            assertThat(d.error()).contains("HTTP 500 from https://hooks.example/***");
            assertThat(d.nextAttempt()).isEqualTo(now.plusSeconds(30));
        });

        List<OutboxStore.OutboxDelivery> retry = outbox.claim(List.of("slack", "hook"), now.plusSeconds(30), lease, 10);
        assertThat(retry).extracting(d -> d.eventId() + " " + d.destination() + " attempt " + d.attempts())
                .containsExactlyInAnyOrder("e1 hook attempt 1", "e1 slack attempt 2");
        outbox.delivered("e1", "slack", now.plusSeconds(31));
        outbox.delivered("e1", "hook", now.plusSeconds(31));
        outbox.failed("e1", "hook", "late failure after the acknowledgement", now.plusSeconds(40));

        assertThat(outbox.waiting()).isEmpty();
        assertThat(outbox.claim(List.of("slack", "hook"), now.plus(Duration.ofDays(1)), lease, 10)).isEmpty();
        assertThat(outbox.delivery("e1", "hook")).hasValueSatisfying(d -> {
            assertThat(d.delivered()).contains(now.plusSeconds(31));
            assertThat(d.error()).isEmpty();
        });
        assertThat(outbox.delivery("e2", "slack").flatMap(OutboxStore.OutboxDelivery::delivered))
                .contains(now.plusSeconds(1));
    }

    @Test
    public void anExpiredLeaseLetsAnotherProcessClaimTheDeliveryAgain() {
        OutboxStore outbox = store.outbox();
        outbox.record(List.of(event("e1", 0, "hook")));
        assertThat(outbox.claim(List.of("hook"), at(10), Duration.ofSeconds(5), 1)).hasSize(1);
        assertThat(outbox.claim(List.of("hook"), at(14), Duration.ofSeconds(5), 1)).isEmpty();
        assertThat(outbox.claim(List.of("hook"), at(15), Duration.ofSeconds(5), 1)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    }

    @Test
    public void retryNowMakesWaitingDeliveriesDueAndReleasesTheirLeases() {
        OutboxStore outbox = store.outbox();
        outbox.record(List.of(event("e1", 0, "hook", "slack"), event("e2", 1, "hook")));
        assertThat(outbox.claim(List.of("hook"), at(10), Duration.ofHours(1), 1)).hasSize(1); // e1 leased
        outbox.failed("e2", "hook", "down", at(10).plus(Duration.ofHours(1)));
        outbox.delivered("e1", "slack", at(10));

        outbox.retryNow(List.of("hook"), at(11));

        assertThat(outbox.claim(List.of("hook", "slack"), at(11), Duration.ofHours(1), 10))
                .extracting(d -> d.eventId() + " " + d.destination() + " attempt " + d.attempts())
                .containsExactlyInAnyOrder("e1 hook attempt 2", "e2 hook attempt 1");
    }

    // --- read-only ---

    @Test
    public void aReadOnlyStoreReadsEverythingAndRefusesEveryWrite() {
        recordRun("r1", 0, RunStatus.PASS, Map.of("build", StepStatus.PASS));
        if (store.recordsReleases()) releases().syncGeneration(contract("v1.0.0", "A-1"), "g.yaml", at(0));
        Optional<Store> reopened = reopenReadOnly(store);
        Assumptions.assumeTrue(reopened.isPresent(), store + " cannot be reopened read-only");
        store = reopened.get();

        assertThat(store.readOnly()).isTrue();
        assertThat(store.runs().run("r1")).isPresent();
        assertThat(store.reads().finishedRuns(Optional.empty())).hasSize(1);
        assertThatThrownBy(() -> store.runs().runStarted(run("r2", 5))).isInstanceOf(ReadOnlyStoreException.class);
        if (store.recordsReleases()) {
            assertThat(store.reads().evidenceOfAll()).hasSize(1);
            assertThatThrownBy(() -> store.releases().createEvolution("v1.0.0", List.of("A-1"), "c", false, null, at(1)))
                    .isInstanceOf(ReadOnlyStoreException.class);
        }
    }

    /** A closed store fails every call (the SPI does not fix the exception: the SQLite store throws {@link
     * IllegalStateException}, {@code MemoryStore} a {@link StoreException}). */
    @Test
    public void aClosedStoreRefusesEveryCall() {
        store.close();
        assertThatThrownBy(() -> store.runs().run("r1"))
                .isInstanceOfAny(StoreException.class, IllegalStateException.class);
        store = newStore(); // closed again after the test
    }
}
