package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.RunStatus;
import io.gryt.api.StepStatus;
import io.gryt.api.event.EventListener;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.EvolutionStarted;
import io.gryt.api.event.GenerationCreated;
import io.gryt.api.event.GenerationSynced;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.HotfixCreated;
import io.gryt.api.event.PromotionBlocked;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.RunFinished;
import io.gryt.api.event.RunStarted;
import io.gryt.api.event.StepFailed;
import io.gryt.api.event.StepFinished;
import io.gryt.api.event.StepStarted;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/** The typed lifecycle events: their facts, their order, and that each comes after what it describes is recorded. */
class LifecycleEventsTest {
    static final Pipeline PASSING = Pipeline.of(step("prove").sh("echo proving")).withName("passing");
    static final Pipeline FAILING = Pipeline.of(step("prove").sh("echo 'still slow' >&2; exit 3")).withName("failing");

    @TempDir
    Path dir;

    /** Keeps every event, and what was not yet recorded (in the store, in git) when it arrived. */
    static final class Recorder implements EventListener {
        final List<GrytEvent> events = new CopyOnWriteArrayList<>();
        final List<String> early = new CopyOnWriteArrayList<>();
        volatile Gryt gryt;
        ReleaseProject project;

        @Override
        public void on(GrytEvent e) {
            events.add(e);
            if (gryt == null) return;
            String missing = missing(e);
            if (missing != null) early.add(e.type() + " came before " + missing);
        }

        private String missing(GrytEvent e) {
            ReleaseStore releases = gryt.store().releases();
            RunStore runs = gryt.store().runs();
            if (e instanceof GenerationCreated c) {
                return releases.generation(c.generation()).isPresent() && Files.exists(project.dir().resolve(c.file()))
                        ? null : "the generation and its file";
            } else if (e instanceof HotfixCreated h) {
                return releases.generation(h.generation()).filter(g -> h.hotfixOf().equals(g.hotfixOf())).isPresent()
                        ? null : "the hot-fix generation";
            } else if (e instanceof GenerationSynced s) {
                return releases.generation(s.generation()).isPresent() ? null : "the synced generation";
            } else if (e instanceof EvolutionStarted s) {
                return releases.evolution(s.tag()).filter(ev -> ev.status() == EvolutionStatus.PENDING
                        && ev.changes().equals(s.changes())).isPresent() ? null : "the pending evolution";
            } else if (e instanceof RunStarted r) {
                return runs.run(r.runId()).isPresent() ? null : "the run";
            } else if (e instanceof StepStarted s) {
                return runs.steps(s.runId()).stream().anyMatch(st -> st.name().equals(s.step())) ? null : "the step";
            } else if (e instanceof StepFinished s) {
                return recorded(runs, s.runId(), s.step(), s.status()) ? null : "the step's result";
            } else if (e instanceof StepFailed s) {
                return recorded(runs, s.runId(), s.step(), s.status()) ? null : "the failed step's result";
            } else if (e instanceof RunFinished r) {
                return runs.run(r.runId()).filter(run -> run.status() == r.status()).isPresent() ? null : "the run's status";
            } else if (e instanceof EvolutionFinished f) {
                boolean stored = releases.evolution(f.tag()).filter(ev -> ev.status() == f.status()).isPresent();
                boolean tagged = project.git.git("tag", "-l", f.tag()).strip().equals(f.tag());
                return stored && tagged ? null : "the evolution's status and tag";
            } else if (e instanceof PromotionBlocked b) {
                return releases.promotions(b.generation()).stream().anyMatch(p -> p.status() == PromotionStatus.BLOCKED)
                        ? null : "the blocked promotion";
            } else if (e instanceof PromotionCompleted c) {
                boolean promoted = releases.generation(c.generation()).filter(g -> g.isPromoted()).isPresent();
                boolean tagged = project.git.git("tag", "-l", c.tag()).strip().equals(c.tag());
                return promoted && tagged ? null : "the promotion and its tag";
            }
            return null;
        }

        private static boolean recorded(RunStore runs, String runId, String step, StepStatus status) {
            return runs.steps(runId).stream().filter(s -> s.name().equals(step)).map(StepRun::status).anyMatch(status::equals);
        }

        <E extends GrytEvent> List<E> all(Class<E> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private Recorder open(ReleaseProject project) {
        Recorder recorder = new Recorder();
        recorder.project = project;
        recorder.gryt = Gryt.builder().projectDir(project.dir()).eventListener(recorder).build();
        return recorder;
    }

    @Test
    void anEvolutionPublishesItsRunAndItselfInOrderWithTypedFacts() {
        ReleaseProject project = new ReleaseProject(dir);
        Recorder r = open(project);
        Evolution e;
        try (Gryt gryt = r.gryt) {
            e = gryt.evolve("v2.2.0").proving("PAY-003", "PAY-001").with(PASSING).start();
        }

        assertThat(r.early).isEmpty();
        assertThat(r.events).extracting(GrytEvent::type).containsExactly("generation.synced", "evolution.starting", "evolution.started",
                "run.started", "step.started", "step.finished", "run.finished", "evolution.finished");
        assertThat(r.all(GenerationSynced.class)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(GenerationStatus.DRAFT));
        EvolutionStarted started = r.all(EvolutionStarted.class).get(0);
        assertThat(started).isEqualTo(new EvolutionStarted("v2.2.0", "v2.2.0-rc.1", 1, List.of("PAY-001", "PAY-003"),
                project.git.head(), false, e.createdAt()));
        RunStarted run = r.all(RunStarted.class).get(0);
        assertThat(run.runId()).isEqualTo(e.runId());
        assertThat(run.pipeline()).isEqualTo("passing");
        assertThat(r.all(StepStarted.class)).singleElement().isEqualTo(new StepStarted(e.runId(), "prove", 1,
                r.all(StepStarted.class).get(0).at()));
        StepFinished step = r.all(StepFinished.class).get(0);
        assertThat(step.status()).isEqualTo(StepStatus.PASS);
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.duration()).isPositive();
        RunFinished finished = r.all(RunFinished.class).get(0);
        assertThat(finished.status()).isEqualTo(RunStatus.PASS);
        assertThat(finished.duration()).isGreaterThanOrEqualTo(step.duration());
        assertThat(r.all(EvolutionFinished.class)).singleElement().satisfies(f -> {
            assertThat(f.tag()).isEqualTo("v2.2.0-rc.1");
            assertThat(f.rc()).isEqualTo(1);
            assertThat(f.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(f.changes()).containsExactly("PAY-001", "PAY-003");
            assertThat(f.run()).contains(e.runId());
            assertThat(f.commit()).isEqualTo(e.commit());
            assertThat(f.at()).isEqualTo(e.finishedAt());
            assertThat(f.duration()).isEqualTo(Duration.between(e.createdAt(), e.finishedAt()));
        });
    }

    @Test
    void aFailingStepABlockedAndACompletedPromotionAndAHotfixCarryTheirFacts() {
        ReleaseProject project = new ReleaseProject(dir);
        Recorder r = open(project);
        try (Gryt gryt = r.gryt) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002").with(PASSING).start();
            Evolution failed = gryt.evolve("v2.2.0").proving("PAY-003").with(FAILING).start();
            gryt.promote("v2.2.0");
            gryt.evolve("v2.2.0").proving("PAY-003").with(PASSING).start();
            gryt.promote("v2.2.0");
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            gryt.generations().create("v2.3.0", "Next", List.of(new Change("PAY-010", ChangeType.ADD, "Wallets", null)),
                    "release-pipeline");

            assertThat(r.early).isEmpty();
            StepFailed stepFailed = r.all(StepFailed.class).get(0);
            assertThat(stepFailed).isEqualTo(new StepFailed(failed.runId(), "prove", StepStatus.FAIL, 3,
                    stepFailed.error(), 1, stepFailed.duration(), stepFailed.at()));
            assertThat(stepFailed.error()).contains("exit code 3");
            List<String> failedRunTypes = r.events.stream()
                    .filter(e -> e instanceof StepFinished f && f.runId().equals(failed.runId())
                            || e instanceof StepFailed f2 && f2.runId().equals(failed.runId())
                            || e instanceof RunFinished f3 && f3.runId().equals(failed.runId()))
                    .map(GrytEvent::type).toList();
            assertThat(failedRunTypes).containsExactly("step.finished", "step.failed", "run.finished");
            assertThat(r.all(RunFinished.class)).extracting(RunFinished::status)
                    .containsExactly(RunStatus.PASS, RunStatus.FAIL, RunStatus.PASS);

            PromotionBlocked blocked = r.all(PromotionBlocked.class).get(0);
            assertThat(blocked.generation()).isEqualTo("v2.2.0");
            assertThat(blocked.failedGates()).extracting(GateResult::gate)
                    .containsExactlyInAnyOrder("all-changes-proven", "no-failed-evolutions");
            assertThat(blocked.gates()).hasSizeGreaterThan(blocked.failedGates().size());

            PromotionCompleted completed = r.all(PromotionCompleted.class).get(0);
            assertThat(completed.generation()).isEqualTo("v2.2.0");
            assertThat(completed.tag()).isEqualTo("v2.2.0");
            assertThat(completed.commit()).isEqualTo(project.git.head());
            assertThat(completed.gates()).allMatch(GateResult::passed).isNotEmpty();

            assertThat(r.all(HotfixCreated.class)).singleElement().satisfies(h -> {
                assertThat(h.generation()).isEqualTo("v2.2.1");
                assertThat(h.hotfixOf()).isEqualTo("v2.2.0");
                assertThat(h.file()).isEqualTo(".gryt/generations/v2.2.1.yaml");
                assertThat(h.changes()).containsExactly("PAY-009");
            });
            assertThat(r.all(GenerationCreated.class)).singleElement().isEqualTo(new GenerationCreated("v2.3.0",
                    ".gryt/generations/v2.3.0.yaml", List.of("PAY-010"), r.all(GenerationCreated.class).get(0).at()));
            assertThat(r.events).extracting(GrytEvent::type).containsSubsequence("evolution.finished",
                    "promotion.blocked", "evolution.started", "evolution.finished", "promotion.completed",
                    "hotfix.created", "generation.created");
        }
    }

    @Test
    void aListenerForOneKindSeesOnlyThatKindAndAFailingListenerChangesNothing() {
        ReleaseProject project = new ReleaseProject(dir);
        List<EvolutionFinished> finished = new CopyOnWriteArrayList<>();
        List<GrytEvent> all = new CopyOnWriteArrayList<>();
        try (Gryt gryt = Gryt.builder().projectDir(project.dir())
                .eventListener(e -> {
                    throw new IllegalStateException("broken listener");
                })
                .eventListener(EventListener.of(EvolutionFinished.class, finished::add))
                .eventListener(all::add)
                .build()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start();
            assertThat(e.status()).isEqualTo(EvolutionStatus.PASS);
        }
        assertThat(finished).singleElement().satisfies(f -> assertThat(f.tag()).isEqualTo("v2.2.0-rc.1"));
        assertThat(all).hasSizeGreaterThan(1).filteredOn(EvolutionFinished.class::isInstance).hasSize(1);
    }

    @Test
    void everyKindOfEventHasItsOwnStableTypeName() {
        Map<String, String> expected = Map.ofEntries(Map.entry("RunStarted", "run.started"),
                Map.entry("RunFinished", "run.finished"), Map.entry("StepStarted", "step.started"),
                Map.entry("StepFinished", "step.finished"), Map.entry("StepFailed", "step.failed"),
                Map.entry("GenerationCreated", "generation.created"), Map.entry("GenerationSynced", "generation.synced"),
                Map.entry("GenerationDeleted", "generation.deleted"),
                Map.entry("HotfixCreated", "hotfix.created"), Map.entry("EvolutionStarted", "evolution.started"),
                Map.entry("EvolutionFinished", "evolution.finished"), Map.entry("PromotionBlocked", "promotion.blocked"),
                Map.entry("PromotionCompleted", "promotion.completed"),
                Map.entry("PromotionRecovered", "promotion.recovered"),
                Map.entry("DestinationTested", "destination.test"),
                Map.entry("AlertRaised", "alert.raised"),
                Map.entry("EvolutionStarting", "evolution.starting"), Map.entry("PromotionStarting", "promotion.starting"));
        Class<?>[] kinds = GrytEvent.class.getPermittedSubclasses();
        assertThat(kinds).hasSize(expected.size());
        for (Class<?> kind : kinds) {
            assertThat(kind.isRecord()).as(kind.getName()).isTrue();
            String type;
            try {
                type = (String) kind.getField("TYPE").get(null);
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError(kind + " has no TYPE", ex);
            }
            assertThat(type).as(kind.getSimpleName()).isEqualTo(expected.get(kind.getSimpleName()));
        }
    }
}
