package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.StoreException;
import io.gryt.core.store.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingTest {
    @TempDir
    Path dir;

    @Test
    void everyStepIsRecordedWithAResultRow() {
        Runs runs = new Runs(dir);

        RunResult run = runs.run(Pipeline.of(step("lint").sh("sleep 0.1"), step("test").sh("exit 1"), step("build").sh("true")));

        PipelineRun stored = runs.store.run(run.runId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.FAIL);
        assertThat(stored.finishedAt()).isEqualTo(run.finishedAt());
        assertThat(stored.pipelineName()).isEqualTo(Pipeline.DEFAULT_NAME);
        assertThat(stored.workDir()).isEqualTo(dir.toString());
        assertThat(stored.owner().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(runs.store.steps(run.runId())).extracting(StepRun::name, StepRun::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lint", StepStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("test", StepStatus.FAIL),
                org.assertj.core.groups.Tuple.tuple("build", StepStatus.SKIPPED));
        assertThat(runs.store.steps(run.runId()).get(0).pid()).isPositive();
        List<DataRow> rows = runs.store.dataRows(run.runId());
        assertThat(rows).extracting(DataRow::step, DataRow::kind, DataRow::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lint", DataRow.Kind.RESULT, "pass"),
                org.assertj.core.groups.Tuple.tuple("test", DataRow.Kind.RESULT, "fail"),
                org.assertj.core.groups.Tuple.tuple("build", DataRow.Kind.RESULT, "skipped"));
        assertThat(rows.get(0).number()).isGreaterThanOrEqualTo(100.0);
    }

    @Test
    void listenersHearEventsInOrder() {
        List<String> events = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void runStarted(String runId, Pipeline pipeline) {
                events.add("run started");
            }

            @Override
            public void stepStarted(String runId, String step, int attempt) {
                events.add(step + " started");
            }

            @Override
            public void stepOutput(String runId, String step, String line) {
                events.add(step + ": " + line);
            }

            @Override
            public void stepFinished(String runId, StepResult result) {
                events.add(step(result) + " " + result.status().label());
            }

            private String step(StepResult result) {
                return result.name();
            }

            @Override
            public void runFinished(RunResult result) {
                events.add("run " + result.status().label());
            }
        };

        new Runs(dir).run(Pipeline.of(step("a").sh("echo hi"), step("b").sh("exit 1"), step("c").sh("true")), listener);

        assertThat(events).containsExactly("run started", "a started", "a: hi", "a pass", "b started", "b fail",
                "c skipped", "run fail");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRun() {
        RunListener broken = new RunListener() {
            @Override
            public void runStarted(String runId, Pipeline pipeline) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void stepStarted(String runId, String step, int attempt) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void stepOutput(String runId, String step, String line) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void stepFinished(String runId, StepResult result) {
                throw new AssertionError("boom");
            }

            @Override
            public void runFinished(RunResult result) {
                throw new IllegalStateException("boom");
            }
        };
        Runs runs = new Runs(dir);

        RunResult run = runs.run(Pipeline.of(step("a").sh("echo hi"), step("b").sh("true")), broken);

        assertThat(run.status()).isEqualTo(RunStatus.PASS);
        assertThat(run.step("a").orElseThrow().outputTail()).containsExactly("hi");
        assertThat(runs.store.steps(run.runId())).hasSize(2);
    }

    @Test
    void aStoreFailureKillsRunningProcessesAndFailsTheRun() {
        MemoryStore memory = new MemoryStore();
        RunStore failing = new FailingStore(memory, null, "quick");
        RunEngine engine = new RunEngine(failing);
        Runs runs = new Runs(dir);
        RunHandle handle = engine.start(runs.request(Pipeline.of(parallel(
                step("slow").sh("sleep 100"), step("quick").sh("sleep 0.5"))).runners(2)));

        assertThatThrownBy(() -> handle.result().get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreException.class).hasMessageContaining("disk full");
        Long pid = memory.steps(handle.runId()).stream().filter(s -> s.name().equals("slow")).findFirst()
                .orElseThrow().pid();
        Runs.waitFor(() -> ProcessHandle.of(pid).isEmpty(), "the slow step's process to be killed");
        assertThat(memory.run(handle.runId()).orElseThrow().status()).isEqualTo(RunStatus.FAIL);
        assertThatThrownBy(handle::await).isInstanceOf(CompletionException.class);
    }

    @Test
    void aStoreThatCannotRecordTheStartFailsStartAndRunsNothing() {
        MemoryStore memory = new MemoryStore();
        memory.close();
        Runs runs = new Runs(dir);
        RunEngine engine = new RunEngine(memory);

        assertThatThrownBy(() -> engine.start(runs.request(Pipeline.of(step("a").sh("touch ran")))))
                .isInstanceOf(StoreException.class);
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void runIdsSortByTimeAndAreUnique() {
        Instant t = Instant.parse("2026-11-24T16:45:01Z");

        assertThat(RunIds.next(t)).matches("20261124-164501-[0-9a-f]{6}");
        assertThat(RunIds.next(t)).isNotEqualTo(RunIds.next(t));
        assertThat(RunIds.next(t.plusSeconds(1))).isGreaterThan(RunIds.next(t));
    }

    @Test
    void aStoreThatCannotRecordAStepStartStopsItsProcessWithoutRetrying() {
        MemoryStore memory = new MemoryStore();
        RunEngine engine = new RunEngine(new FailingStore(memory, "slow", null));
        List<String> starts = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void stepStarted(String runId, String step, int attempt) {
                starts.add(step + "#" + attempt);
            }
        };
        Runs runs = new Runs(dir);
        RunHandle handle = engine.start(runs.request(Pipeline.of(step("slow").sh("sleep 97.25").retries(2)))
                .withListeners(listener));

        assertThatThrownBy(() -> handle.result().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
        Runs.waitFor(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(args -> List.of(args).contains("97.25")).orElse(false)), "the step's sleep to be killed");
        assertThat(starts).isEmpty();
        assertThat(memory.run(handle.runId()).orElseThrow().status()).isEqualTo(RunStatus.FAIL);
    }

    /** A store whose disk fills up when it records the start of one step or the end of another. */
    private record FailingStore(MemoryStore delegate, String failOnStart, String failOnFinish) implements RunStore {
        @Override
        public void runStarted(PipelineRun run) {
            delegate.runStarted(run);
        }

        @Override
        public void stepStarted(String runId, String step, Instant at, Long pid) {
            if (step.equals(failOnStart)) {
                throw new StoreException("cannot write memory: disk full");
            }
            delegate.stepStarted(runId, step, at, pid);
        }

        @Override
        public void stepFinished(String runId, StepResult result, List<DataRow> rows) {
            if (result.name().equals(failOnFinish)) throw new StoreException("cannot write memory: disk full");
            delegate.stepFinished(runId, result, rows);
        }

        @Override
        public void runFinished(String runId, RunStatus status, Instant at) {
            delegate.runFinished(runId, status, at);
        }

        @Override
        public boolean markInterrupted(String runId, Instant at) {
            return delegate.markInterrupted(runId, at);
        }

        @Override
        public Optional<PipelineRun> run(String runId) {
            return delegate.run(runId);
        }

        @Override
        public List<PipelineRun> recent(int limit) {
            return delegate.recent(limit);
        }

        @Override
        public List<PipelineRun> running() {
            return delegate.running();
        }

        @Override
        public List<StepRun> steps(String runId) {
            return delegate.steps(runId);
        }

        @Override
        public List<DataRow> dataRows(String runId) {
            return delegate.dataRows(runId);
        }
    }
}
