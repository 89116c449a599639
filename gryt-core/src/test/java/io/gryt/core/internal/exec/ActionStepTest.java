package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.StepContext;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

class ActionStepTest {
    @TempDir
    Path dir;

    @Test
    void aLambdaLogsAndRecordsMetrics() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        Runs runs = new Runs(dir);

        RunResult run = runs.run(Pipeline.of(step("check").action(ctx -> {
            seen.set(ctx.runId() + " " + ctx.stepName() + " " + ctx.attempt() + " " + ctx.workDir() + " "
                    + ctx.env().get("GRYT_RUN_ID"));
            ctx.log("coverage computed\nall good");
            ctx.metric("coverage", 0.87);
        })));

        StepResult check = run.step("check").orElseThrow();
        assertThat(check.status()).isEqualTo(StepStatus.PASS);
        assertThat(check.exitCode()).isNull();
        assertThat(check.metrics()).containsExactly(java.util.Map.entry("coverage", 0.87));
        assertThat(check.outputTail()).containsExactly("coverage computed", "all good");
        assertThat(Files.readAllLines(check.logPath())).containsExactly("coverage computed", "all good");
        assertThat(seen.get()).isEqualTo(run.runId() + " check 1 " + dir + " " + run.runId());
        assertThat(runs.stepRun(run.runId(), "check").orElseThrow().pid()).isNull();
        assertThat(runs.store.dataRows(run.runId()))
                .filteredOn(r -> r.kind() == DataRow.Kind.METRIC)
                .extracting(DataRow::name, DataRow::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("coverage", 0.87));
    }

    @Test
    void aLongLineIsShortenedInTheTailWithoutSplittingACharacter() throws IOException {
        String line = "x".repeat(StepLog.TAIL_LINE_CHARS - 1) + "\uD83D\uDE00" + "more";

        RunResult run = new Runs(dir).run(Pipeline.of(step("emoji").action(ctx -> ctx.log(line))));

        StepResult emoji = run.step("emoji").orElseThrow();
        assertThat(emoji.outputTail()).containsExactly("x".repeat(StepLog.TAIL_LINE_CHARS - 1) + "...");
        assertThat(Files.readString(emoji.logPath())).isEqualTo(line + "\n");
    }

    @Test
    void aThrowingLambdaFailsWithItsMessage() throws IOException {
        RunResult run = new Runs(dir).run(Pipeline.of(
                step("a").action(ctx -> {
                    throw new IllegalStateException("coverage 42% is below 80%");
                }).continueOnError(true),
                step("b").action(ctx -> {
                    throw new UnsupportedOperationException();
                })));

        StepResult a = run.step("a").orElseThrow();
        assertThat(a.status()).isEqualTo(StepStatus.FAIL);
        assertThat(a.error()).isEqualTo("coverage 42% is below 80%");
        assertThat(Files.readString(a.logPath())).contains("at io.gryt.core.internal.exec.ActionStepTest");
        assertThat(run.step("b").orElseThrow().error()).isEqualTo("java.lang.UnsupportedOperationException");
    }

    @Test
    void aLambdaThatRecursesWithoutEndFailsItsStepAndTheRunGoesOn() throws IOException {
        RunResult run = new Runs(dir).run(Pipeline.of(
                step("recurse").action(ctx -> recurse(1)).continueOnError(true),
                step("after").action(ctx -> ctx.log("still running"))));

        StepResult recurse = run.step("recurse").orElseThrow();
        assertThat(recurse.status()).isEqualTo(StepStatus.FAIL);
        assertThat(recurse.error()).isEqualTo("java.lang.StackOverflowError");
        assertThat(Files.readString(recurse.logPath())).contains("at io.gryt.core.internal.exec.ActionStepTest.recurse");
        assertThat(run.step("after").orElseThrow().outputTail()).containsExactly("still running");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aMetricThatIsNotAFiniteNumberFailsTheStepInsteadOfBeingStoredEmpty() {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.of(step("ratio").action(ctx -> {
            ctx.metric("hits", 3);
            ctx.metric("hit-rate", 0.0 / 0.0);
        })));

        StepResult ratio = run.step("ratio").orElseThrow();
        assertThat(ratio.status()).isEqualTo(StepStatus.FAIL);
        assertThat(ratio.error()).isEqualTo("metric 'hit-rate' must be a finite number, was NaN");
        assertThat(runs.store.dataRows(run.runId())).filteredOn(r -> r.kind() == DataRow.Kind.METRIC)
                .extracting(DataRow::name).containsExactly("hits");
    }

    @Test
    void aLambdaThatOverrunsItsTimeoutIsInterrupted() {
        AtomicReference<Boolean> cancelledSeen = new AtomicReference<>();
        RunResult run = new Runs(dir).run(Pipeline.of(step("hang").action(ctx -> {
            try {
                Thread.sleep(100_000);
            } finally {
                cancelledSeen.set(ctx.isCancelled());
            }
        }).timeout(Duration.ofMillis(300))));

        StepResult hang = run.step("hang").orElseThrow();
        assertThat(hang.status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(hang.error()).isEqualTo("timed out after 300ms");
        assertThat(cancelledSeen.get()).isTrue();
        assertThat(hang.duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aLambdaPollingIsCancelledStopsOnCancel() {
        Runs runs = new Runs(dir);
        AtomicReference<StepContext> context = new AtomicReference<>();
        var handle = runs.start(Pipeline.of(step("poll").action(ctx -> {
            context.set(ctx);
            while (!ctx.isCancelled()) Thread.onSpinWait();
        })));
        Runs.waitFor(() -> context.get() != null, "the lambda to start");

        handle.cancel();

        assertThat(Runs.await(handle).step("poll").orElseThrow().status()).isEqualTo(StepStatus.CANCELLED);
    }
}
