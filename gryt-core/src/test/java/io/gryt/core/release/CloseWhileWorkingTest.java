package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunStatus;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/** Closing a {@code Gryt} with work going cancels the runs and records everything before the store closes. */
class CloseWhileWorkingTest {
    @TempDir
    Path dir;

    private static RunListener onStart(CountDownLatch started) {
        return new RunListener() {
            @Override
            public void stepStarted(String runId, String step, int attempt) {
                started.countDown();
            }
        };
    }

    @Test
    void closingCancelsARunningPipelineRecordsItAndLeavesNoProcess() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        CountDownLatch started = new CountDownLatch(1);
        Gryt gryt = project.open();
        RunHandle run = gryt.start(Pipeline.of(step("hang").sh("sleep 100 & sleep 100")), onStart(started));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        gryt.close();

        assertThat(run.result()).isCompleted();
        assertThat(run.await().status()).isEqualTo(RunStatus.CANCELLED);
        try (Gryt again = project.open()) {
            assertThat(again.recovered()).as("nothing was left running").isEmpty();
            PipelineRun stored = again.store().runs().run(run.runId()).orElseThrow();
            assertThat(stored.status()).isEqualTo(RunStatus.CANCELLED);
            StepRun hang = again.store().runs().steps(run.runId()).get(0);
            assertThat(ProcessHandle.of(hang.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        }
    }

    @Test
    void closingDuringAnEvolutionRecordsAndTagsItAsInterrupted() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        CountDownLatch started = new CountDownLatch(1);
        Gryt gryt = project.open();
        EvolutionHandle evolution = gryt.evolve("v2.2.0").proving("PAY-001")
                .with(Pipeline.of(step("hang").sh("sleep 100"))).listener(onStart(started)).launch();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        gryt.close();

        assertThat(evolution.result()).isCompleted();
        Evolution done = evolution.await();
        assertThat(done.status()).isEqualTo(EvolutionStatus.INTERRUPTED);
        assertThat(project.git.git("tag", "-l", "--format=%(contents)", done.tag())).contains("status: interrupted");
        try (Gryt again = project.open()) {
            assertThat(again.releaseRepairs()).as("nothing left to repair").isEmpty();
            assertThat(again.store().releases().evolution(done.tag()).orElseThrow().status())
                    .isEqualTo(EvolutionStatus.INTERRUPTED);
        }
    }
}
