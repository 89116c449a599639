package io.gryt.core;

import io.gryt.api.RunStatus;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;
import io.gryt.testing.ChildJvm;
import io.gryt.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A gryt process killed with SIGKILL mid-run leaves a consistent database that the next open repairs. */
class CrashRecoveryTest {
    @TempDir
    Path project;

    @Test
    void aRunKilledMidwayIsMarkedInterruptedAndItsProcessesKilledOnTheNextOpen() throws Exception {
        String runId;
        try (ChildJvm child = ChildJvm.of(CrashingRunMain.class).args(project.toString()).start()) {
            runId = child.awaitLine(l -> l.startsWith("STARTED "), Duration.ofSeconds(60)).substring("STARTED ".length());
            long shell = Processes.awaitPid(project.resolve("shell.pid"), Duration.ofSeconds(30));
            long sleeper = Processes.awaitPid(project.resolve("child.pid"), Duration.ofSeconds(30));
            long grandchild = Processes.awaitPid(project.resolve("grandchild.pid"), Duration.ofSeconds(30));
            child.killHard();
            child.waitFor(Duration.ofSeconds(30));

            assertThat(Processes.isRunning(shell)).as("the step's shell survives its gryt process").isTrue();
            assertThat(Processes.isRunning(sleeper)).isTrue();
            assertThat(Processes.isRunning(grandchild)).isTrue();

            try (Gryt gryt = Gryt.open(project)) {
                assertThat(gryt.recovered()).extracting(PipelineRun::id).containsExactly(runId);
                PipelineRun run = gryt.store().runs().run(runId).orElseThrow();
                assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
                assertThat(run.finishedAt()).isNotNull();
                List<StepRun> steps = gryt.store().runs().steps(runId);
                assertThat(steps).filteredOn(s -> s.name().equals("quick")).singleElement()
                        .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.PASS));
                assertThat(steps).filteredOn(s -> s.name().equals("hang")).singleElement()
                        .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.INTERRUPTED));
            }
            assertThat(Processes.awaitGone(shell, Duration.ofSeconds(10))).as("shell killed by recovery").isTrue();
            assertThat(Processes.awaitGone(sleeper, Duration.ofSeconds(10))).as("its background child killed too").isTrue();
            assertThat(Processes.awaitGone(grandchild, Duration.ofSeconds(10)))
                    .as("and the grandchild that left the step's session (found by the run's mark)").isTrue();
        }

        try (Gryt again = Gryt.open(project)) {
            assertThat(again.recovered()).as("recovery happens once").isEmpty();
        }
    }

    @Test
    void aLiveRunOfAnotherProcessIsLeftAlone() throws Exception {
        try (ChildJvm child = ChildJvm.of(CrashingRunMain.class).args(project.toString()).start()) {
            String runId = child.awaitLine(l -> l.startsWith("STARTED "), Duration.ofSeconds(60)).substring("STARTED ".length());
            try (Gryt gryt = Gryt.open(project)) {
                assertThat(gryt.recovered()).isEmpty();
                assertThat(gryt.store().runs().run(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            }
        }
    }
}
