package io.gryt.core.internal.exec;

import io.gryt.api.OnFailure;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

class FailurePolicyTest {
    @TempDir
    Path dir;

    @Test
    void afterAFailureNothingNewStartsAndTheRestIsSkipped() {
        Pipeline graph = Pipeline.named("ci").steps(step("lint").sh("exit 3"), step("test").sh("true"),
                step("build").sh("true").dependsOn("test")).build();

        RunResult run = new Runs(dir).run(graph);

        assertThat(run.status()).isEqualTo(RunStatus.FAIL);
        StepResult lint = run.step("lint").orElseThrow();
        assertThat(lint.status()).isEqualTo(StepStatus.FAIL);
        assertThat(lint.exitCode()).isEqualTo(3);
        assertThat(lint.error()).isEqualTo("exit code 3");
        assertThat(run.steps().subList(1, 3)).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(s.error()).isEqualTo("skipped: 'lint' failed");
            assertThat(s.attempts()).isZero();
        });
    }

    @Test
    void withoutFailFastOnlyDependentsOfAFailureAreSkipped() {
        Pipeline graph = Pipeline.named("ci").steps(step("lint").sh("exit 1"),
                step("build").sh("true").dependsOn("lint"), step("test").sh("true"),
                step("deploy").sh("true").dependsOn("build", "test")).failFast(false).build();

        RunResult run = new Runs(dir).run(graph);

        assertThat(run.status()).isEqualTo(RunStatus.FAIL);
        assertThat(run.steps()).extracting(StepResult::status).containsExactly(
                StepStatus.FAIL, StepStatus.SKIPPED, StepStatus.PASS, StepStatus.SKIPPED);
        assertThat(run.step("deploy").orElseThrow().error()).as("names the root cause").isEqualTo("skipped: 'lint' failed");
    }

    @Test
    void aFailureThatContinuesOnErrorLetsDependentsRunAndTheRunPass() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("audit").sh("exit 2").continueOnError(true),
                step("test").sh("true")));

        assertThat(run.status()).isEqualTo(RunStatus.PASS);
        assertThat(run.step("audit").orElseThrow().status()).isEqualTo(StepStatus.FAIL);
        assertThat(run.step("test").orElseThrow().status()).isEqualTo(StepStatus.PASS);
    }

    @Test
    void cancelRunningKillsStepsStillRunningWhenOneFails() {
        Runs runs = new Runs(dir);
        Pipeline graph = Pipeline.named("ci").steps(step("slow").sh("sleep 100"), step("bad").sh("sleep 0.3; exit 1"),
                step("after").sh("true").dependsOn("slow")).runners(2).onFailure(OnFailure.CANCEL_RUNNING).build();

        RunResult run = Runs.await(runs.start(graph));

        assertThat(run.status()).isEqualTo(RunStatus.FAIL);
        assertThat(run.duration()).isLessThan(Duration.ofSeconds(20));
        StepResult slow = run.step("slow").orElseThrow();
        assertThat(slow.status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(slow.error()).isEqualTo("cancelled: 'bad' failed");
        assertThat(run.step("after").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        long pid = runs.stepRun(run.runId(), "slow").orElseThrow().pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
    }

    @Test
    void finishRunningLetsStepsStillRunningEnd() {
        Pipeline graph = Pipeline.named("ci").steps(step("slow").sh("sleep 0.6"), step("bad").sh("exit 1"))
                .runners(2).build();

        RunResult run = new Runs(dir).run(graph);

        assertThat(run.status()).isEqualTo(RunStatus.FAIL);
        assertThat(run.step("slow").orElseThrow().status()).isEqualTo(StepStatus.PASS);
    }

    @Test
    void aTimeoutFailsTheRunLikeAFailure() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("hang").sh("sleep 100").timeout(Duration.ofMillis(300)),
                step("next").sh("true")));

        assertThat(run.status()).isEqualTo(RunStatus.FAIL);
        assertThat(run.step("hang").orElseThrow().status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(run.step("next").orElseThrow().error()).isEqualTo("skipped: 'hang' timed out");
    }
}
