package io.gryt.core.store;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final ProcessOwner OWNER = new ProcessOwner(42, "host", T0);

    private final MemoryStore store = new MemoryStore();

    private static PipelineRun run(String id, Instant at) {
        return new PipelineRun(id, "ci", RunStatus.RUNNING, at, null, OWNER, "/project");
    }

    private static StepResult passed(String step, Instant at) {
        return new StepResult(step, StepStatus.PASS, 0, 1, at, at.plusSeconds(1), Path.of("/logs/" + step + ".log"),
                null, List.of("ok"), List.of(), Map.of());
    }

    private static DataRow resultRow(String runId, String step) {
        return new DataRow(runId, step, DataRow.Kind.RESULT, "result", "pass", 1000.0, null, T0);
    }

    @Test
    void recordsARunWithItsStepsAndRows() {
        store.runStarted(run("r1", T0));
        store.stepStarted("r1", "b", T0.plusSeconds(1), 7L);
        store.stepStarted("r1", "a", T0.plusSeconds(2), null);
        store.stepFinished("r1", StepResult.skipped("c", "skipped: 'b' failed"), List.of());
        store.stepFinished("r1", passed("a", T0.plusSeconds(2)), List.of(resultRow("r1", "a")));
        store.stepFinished("r1", passed("b", T0.plusSeconds(1)), List.of(resultRow("r1", "b")));
        store.runFinished("r1", RunStatus.PASS, T0.plusSeconds(5));

        assertThat(store.location()).isEqualTo("memory");
        assertThat(store.runs()).isSameAs(store);
        assertThat(store.run("r1").orElseThrow().status()).isEqualTo(RunStatus.PASS);
        assertThat(store.run("r1").orElseThrow().finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.steps("r1")).extracting(StepRun::name).as("in start order, skipped last")
                .containsExactly("b", "a", "c");
        assertThat(store.steps("r1").get(0)).isEqualTo(new StepRun("r1", "b", StepStatus.PASS, 0, 1, T0.plusSeconds(1),
                T0.plusSeconds(2), "/logs/b.log", null, 7L));
        assertThat(store.dataRows("r1")).extracting(DataRow::step).containsExactly("a", "b");
        assertThat(store.running()).isEmpty();
    }

    @Test
    void refusesWritesThatBreakTheRunsHistory() {
        store.runStarted(run("r1", T0));
        store.stepFinished("r1", passed("a", T0), List.of());

        assertThatThrownBy(() -> store.runStarted(run("r1", T0))).isInstanceOf(StoreException.class)
                .hasMessage("run r1 is already recorded");
        assertThatThrownBy(() -> store.stepStarted("r9", "a", T0, null)).isInstanceOf(StoreException.class)
                .hasMessage("run r9 is not recorded");
        assertThatThrownBy(() -> store.stepFinished("r1", passed("b", T0), List.of(resultRow("r1", "a"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not belong to step 'b'");
        assertThatThrownBy(() -> store.stepFinished("r1", passed("a", T0), List.of()))
                .isInstanceOf(StoreException.class).hasMessage("step 'a' of run r1 already ended");
        store.runFinished("r1", RunStatus.PASS, T0);
        assertThatThrownBy(() -> store.stepStarted("r1", "c", T0, null)).isInstanceOf(StoreException.class)
                .hasMessage("run r1 already ended (pass)");
    }

    @Test
    void marksARunAndItsRunningStepsInterruptedOnce() {
        store.runStarted(run("r1", T0));
        store.stepStarted("r1", "a", T0, 7L);
        store.stepFinished("r1", passed("b", T0), List.of());

        assertThat(store.markInterrupted("r1", T0.plusSeconds(9))).isTrue();
        assertThat(store.markInterrupted("r1", T0.plusSeconds(10))).isFalse();
        assertThat(store.run("r1").orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.steps("r1")).extracting(StepRun::name, StepRun::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", StepStatus.INTERRUPTED),
                org.assertj.core.groups.Tuple.tuple("b", StepStatus.PASS));
        assertThat(store.markInterrupted("nope", T0)).isFalse();
    }

    @Test
    void listsRecentAndRunningRunsNewestFirst() {
        store.runStarted(run("old", T0));
        store.runStarted(run("new", T0.plusSeconds(60)));
        store.runStarted(run("mid", T0.plusSeconds(30)));
        store.runFinished("mid", RunStatus.FAIL, T0.plusSeconds(40));

        assertThat(store.recent(2)).extracting(PipelineRun::id).containsExactly("new", "mid");
        assertThat(store.recent(10)).extracting(PipelineRun::id).containsExactly("new", "mid", "old");
        assertThat(store.running()).extracting(PipelineRun::id).containsExactlyInAnyOrder("old", "new");
        assertThat(store.steps("nope")).isEmpty();
        assertThat(store.dataRows("nope")).isEmpty();
    }

    @Test
    void acceptsConcurrentWriters() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            String id = "r" + i;
            pool.execute(() -> {
                store.runStarted(run(id, T0));
                store.stepFinished(id, passed("a", T0), List.of(resultRow(id, "a")));
                store.runFinished(id, RunStatus.PASS, T0);
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(store.recent(1000)).hasSize(200).allMatch(r -> r.status() == RunStatus.PASS);
    }

    @Test
    void aClosedStoreRefusesEveryCall() {
        store.close();

        assertThatThrownBy(() -> store.run("r1")).isInstanceOf(StoreException.class).hasMessage("store memory is closed");
        assertThatThrownBy(() -> store.runStarted(run("r1", T0))).isInstanceOf(StoreException.class);
    }
}
