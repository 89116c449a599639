package io.gryt.sqlite;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;
import static io.gryt.sqlite.Samples.artifact;
import static io.gryt.sqlite.Samples.metric;
import static io.gryt.sqlite.Samples.passed;
import static io.gryt.sqlite.Samples.result;
import static io.gryt.sqlite.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SqliteRunStoreTest {
    @TempDir
    Path dir;
    Path file;
    SqliteStore store;
    RunStore runs;

    @BeforeEach
    void open() {
        file = dir.resolve("gryt.db");
        store = SqliteStore.open(file, ".gryt/gryt.db");
        runs = store.runs();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Instant t(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void theCiJobARunRanInIsRecordedWithIt() throws Exception {
        runs.runStarted(new io.gryt.api.spi.PipelineRun("r1", "ci", io.gryt.api.RunStatus.RUNNING, T0, null, null, "/p",
                new io.gryt.api.CiRun("github", "https://github.com/acme/pay/actions/runs/42", "octocat")));
        runs.runStarted(run("r2", t(5)));

        assertThat(runs.run("r1").orElseThrow().ci())
                .isEqualTo(new io.gryt.api.CiRun("github", "https://github.com/acme/pay/actions/runs/42", "octocat"));
        assertThat(runs.run("r2").orElseThrow().ci()).isNull();
        assertThat(PlainJdbc.column(file, "SELECT ci_actor FROM pipeline_runs WHERE id = 'r1'")).containsExactly("octocat");
    }

    @Test
    void aRunsRecordsAreWrittenWithoutStartingJdbiAndKeepTheAuditChain() throws Exception {
        store.close(); // made and migrated (with Jdbi): open it again, as a run in a project does
        store = SqliteStore.open(file, ".gryt/gryt.db");
        runs = store.runs();
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "lint", t(10), 5001L);
        runs.stepFinished("r1", passed("lint", t(10), t(1210)), List.of(metric("r1", "lint", "warnings", 3, t(1212))));
        runs.stepStarted("r1", "test", t(1300), null);
        runs.stepFinished("r1", passed("test", t(1300), t(1400)), List.of());
        runs.runFinished("r1", RunStatus.PASS, t(1500));

        assertThat(store.database().jdbiStarted()).as("Jdbi started").isFalse();
        assertThat(PlainJdbc.column(file, "SELECT event FROM audit_log ORDER BY seq")).containsExactly("run.started",
                "step.started", "step.finished", "step.started", "step.finished", "run.finished");
        assertThat(store.audit().verify().intact()).isTrue();
        assertThat(runs.steps("r1")).extracting(StepRun::name, StepRun::status, StepRun::pid)
                .containsExactly(tuple("lint", StepStatus.PASS, 5001L), tuple("test", StepStatus.PASS, null));
    }

    @Test
    void aRunIsRecordedFromStartToFinishWithItsStepsAndProof() throws Exception {
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "lint", t(10), 5001L);
        StepResult lint = passed("lint", t(10), t(1210));
        List<DataRow> proof = List.of(
                result("r1", "lint", StepStatus.PASS, 1200, t(1211)),
                metric("r1", "lint", "warnings", 3, t(1212)),
                artifact("r1", "lint", "build/report.html", 2048, "ab".repeat(32), t(1213)));
        runs.stepFinished("r1", lint, proof);
        runs.runFinished("r1", RunStatus.PASS, t(1300));

        assertThat(runs.run("r1")).contains(new PipelineRun("r1", "ci", RunStatus.PASS, T0, t(1300), OWNER,
                "/work/project"));
        assertThat(runs.steps("r1")).containsExactly(new StepRun("r1", "lint", StepStatus.PASS, 0, 1, t(10),
                t(1210), Path.of(".gryt/runs/r1/lint.log").toString(), null, 5001L));
        assertThat(runs.dataRows("r1")).containsExactlyElementsOf(proof);
        assertThat(PlainJdbc.column(file, "SELECT duration_ms FROM step_runs")).containsExactly("1200");
    }

    @Test
    void manyRunsAndTheirDataRowsAreReadInOneGoAsOneByOne() {
        for (String id : List.of("r1", "r2", "r3")) {
            runs.runStarted(run(id, T0));
            runs.stepStarted(id, "lint", t(10), null);
            runs.stepFinished(id, passed("lint", t(10), t(20)), List.of(
                    metric(id, "lint", "warnings", 3, t(21)),
                    artifact(id, "lint", "build/" + id + ".html", 2048, "ab".repeat(32), t(22))));
        }

        assertThat(runs.runs(List.of("r3", "r1", "unknown"))).extracting(PipelineRun::id)
                .containsExactlyInAnyOrder("r1", "r3");
        assertThat(runs.runs(List.of("r1"))).containsExactly(runs.run("r1").orElseThrow());
        assertThat(runs.runs(List.of())).isEmpty();
        List<DataRow> one = new java.util.ArrayList<>(runs.dataRows("r1"));
        one.addAll(runs.dataRows("r3"));
        assertThat(runs.dataRows(List.of("r3", "r1", "unknown"))).containsExactlyElementsOf(one);
        assertThat(runs.dataRows(List.of())).isEmpty();
    }

    @Test
    void aRunningStepIsVisibleWithItsProcess() {
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "test", t(5), 777L);

        assertThat(runs.steps("r1")).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.RUNNING);
            assertThat(step.startedAt()).isEqualTo(t(5));
            assertThat(step.pid()).isEqualTo(777L);
            assertThat(step.finishedAt()).isNull();
        });
        assertThat(runs.running()).extracting(PipelineRun::id).containsExactly("r1");
    }

    @Test
    void restartingAStepCountsAttemptsAndKeepsTheFirstStart() {
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "test", t(5), 777L);
        runs.stepStarted("r1", "test", t(900), 778L);

        assertThat(runs.steps("r1")).singleElement().satisfies(step -> {
            assertThat(step.attempts()).isEqualTo(2);
            assertThat(step.startedAt()).isEqualTo(t(5));
            assertThat(step.pid()).isEqualTo(778L);
        });
    }

    @Test
    void aFailedStepKeepsItsExitCodeAndReason() throws Exception {
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "test", t(5), 42L);
        runs.stepFinished("r1", new StepResult("test", StepStatus.FAIL, 2, 3, t(5), t(500), null, "exit code 2",
                List.of(), List.of(), Map.of()), List.of(result("r1", "test", StepStatus.FAIL, 495, t(501))));

        assertThat(runs.steps("r1")).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.FAIL);
            assertThat(step.exitCode()).isEqualTo(2);
            assertThat(step.attempts()).isEqualTo(3);
            assertThat(step.error()).isEqualTo("exit code 2");
            assertThat(step.logPath()).isNull();
            assertThat(step.pid()).isEqualTo(42L);
        });
        assertThat(PlainJdbc.column(file, "SELECT status FROM step_runs")).containsExactly("fail");
    }

    @Test
    void stepsAreListedInStartOrderWithSkippedStepsLast() {
        runs.runStarted(run("r1", T0));
        runs.stepFinished("r1", StepResult.skipped("deploy", "build failed"), List.of());
        runs.stepStarted("r1", "build", t(20), null);
        runs.stepStarted("r1", "lint", t(10), null);

        assertThat(runs.steps("r1")).extracting(StepRun::name).containsExactly("lint", "build", "deploy");
        assertThat(runs.steps("r1").get(2)).satisfies(skipped -> {
            assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(skipped.attempts()).isZero();
            assertThat(skipped.startedAt()).isNull();
            assertThat(skipped.error()).isEqualTo("build failed");
        });
    }

    @Test
    void aStepResultAndItsRowsAreWrittenTogetherOrNotAtAll() throws Exception {
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "test", t(5), null);
        PlainJdbc.execute(file, """
                CREATE TRIGGER refuse_boom BEFORE INSERT ON data_rows WHEN NEW.name = 'boom'
                BEGIN SELECT RAISE(ABORT, 'disk on fire'); END""");

        assertThatThrownBy(() -> runs.stepFinished("r1", passed("test", t(5), t(50)), List.of(
                result("r1", "test", StepStatus.PASS, 45, t(51)),
                metric("r1", "test", "boom", 1, t(52)))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(".gryt/gryt.db: cannot record the result of step test of run r1: ")
                .hasMessageContaining("disk on fire");

        assertThat(runs.steps("r1")).extracting(StepRun::status).containsExactly(StepStatus.RUNNING);
        assertThat(runs.dataRows("r1")).isEmpty();
    }

    @Test
    void rowsOfAnotherRunOrStepAreRefusedBeforeWriting() {
        runs.runStarted(run("r1", T0));

        assertThatThrownBy(() -> runs.stepFinished("r1", passed("test", t(5), t(50)),
                List.of(metric("r2", "test", "x", 1, t(51)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(runs.steps("r1")).isEmpty();
    }

    @Test
    void aFinishedRunIsNotFinishedAgain() {
        runs.runStarted(run("r1", T0));
        runs.runFinished("r1", RunStatus.FAIL, t(100));
        runs.runFinished("r1", RunStatus.PASS, t(200));

        assertThat(runs.run("r1")).get().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAIL);
            assertThat(run.finishedAt()).isEqualTo(t(100));
        });
    }

    @Test
    void finishingAnUnknownRunFailsNamingIt() {
        assertThatThrownBy(() -> runs.runFinished("nope", RunStatus.PASS, T0))
                .isInstanceOf(StoreException.class)
                .hasMessage(".gryt/gryt.db: cannot record the end of run nope: no such run");
    }

    @Test
    void startingARunTwiceFails() {
        runs.runStarted(run("r1", T0));

        assertThatThrownBy(() -> runs.runStarted(run("r1", T0)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("run r1")
                .hasMessageContaining("UNIQUE constraint failed");
    }

    @Test
    void anInterruptedRunAndItsRunningStepsAreMarkedOnce() {
        runs.runStarted(run("r1", T0));
        runs.stepStarted("r1", "lint", t(1), 11L);
        runs.stepFinished("r1", passed("lint", t(1), t(10)), List.of());
        runs.stepStarted("r1", "test", t(11), 12L);
        runs.stepStarted("r1", "docs", t(12), 13L);

        assertThat(runs.markInterrupted("r1", t(5000))).isTrue();
        assertThat(runs.markInterrupted("r1", t(9000))).isFalse();

        assertThat(runs.run("r1")).get().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(run.finishedAt()).isEqualTo(t(5000));
        });
        assertThat(runs.steps("r1")).extracting(StepRun::name, StepRun::status, StepRun::finishedAt).containsExactly(
                tuple("lint", StepStatus.PASS, t(10)),
                tuple("test", StepStatus.INTERRUPTED, t(5000)),
                tuple("docs", StepStatus.INTERRUPTED, t(5000)));
        assertThat(runs.running()).isEmpty();
    }

    @Test
    void aFinishedRunIsNotMarkedInterrupted() {
        runs.runStarted(run("r1", T0));
        runs.runFinished("r1", RunStatus.PASS, t(10));

        assertThat(runs.markInterrupted("r1", t(20))).isFalse();
        assertThat(runs.markInterrupted("unknown", t(20))).isFalse();
        assertThat(runs.run("r1")).get().extracting(PipelineRun::status).isEqualTo(RunStatus.PASS);
    }

    @Test
    void recentRunsComeNewestFirstAndRunningOnesOldestFirst() {
        runs.runStarted(run("old", T0));
        runs.runStarted(run("new", t(2000)));
        runs.runStarted(run("mid", t(1000)));
        runs.runFinished("mid", RunStatus.PASS, t(1500));

        assertThat(runs.recent(10)).extracting(PipelineRun::id).containsExactly("new", "mid", "old");
        assertThat(runs.recent(2)).extracting(PipelineRun::id).containsExactly("new", "mid");
        assertThat(runs.running()).extracting(PipelineRun::id).containsExactly("old", "new");
        assertThat(runs.run("missing")).isEmpty();
    }

    @Test
    void timestampsKeepTheirPrecisionAndSortAsText() throws Exception {
        Instant wholeSecond = Instant.parse("2025-03-01T10:00:01Z");
        Instant justBefore = Instant.parse("2025-03-01T10:00:00.999999999Z");
        runs.runStarted(run("a", wholeSecond));
        runs.runStarted(run("b", justBefore));

        assertThat(runs.run("a")).get().extracting(PipelineRun::startedAt).isEqualTo(wholeSecond);
        assertThat(runs.run("b")).get().extracting(PipelineRun::startedAt).isEqualTo(justBefore);
        assertThat(PlainJdbc.column(file, "SELECT started_at FROM pipeline_runs ORDER BY started_at"))
                .containsExactly("2025-03-01T10:00:00.999999999Z", "2025-03-01T10:00:01.000000000Z");
    }

    @Test
    void aRunWithoutAnOwnerOrWorkDirReadsBackAsSuch() {
        runs.runStarted(new PipelineRun("r1", "ci", RunStatus.RUNNING, T0, null, null, null));

        assertThat(runs.run("r1")).contains(new PipelineRun("r1", "ci", RunStatus.RUNNING, T0, null, null, null));
    }
}
