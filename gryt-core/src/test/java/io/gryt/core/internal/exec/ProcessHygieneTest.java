package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.testing.Processes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No process a step started outlives its run, whatever it did to escape (a new session with {@code setsid}, a
 * parent that exited), while a service one step starts stays up for the later steps of the run. Checked in the
 * process table.
 */
class ProcessHygieneTest {
    /** Starts a daemon the classic way: a subshell that exits, leaving a grandchild in a session of its own. */
    private static final String DAEMON = "(setsid sh -c 'echo $$ > daemon.tmp; mv daemon.tmp daemon.pid; exec sleep 300'"
            + " > /dev/null 2>&1 &)";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @BeforeEach
    void needsProc() {
        assumeTrue(MarkedProcesses.supported() && Files.isExecutable(Path.of("/usr/bin/setsid")),
                "marked processes are found through Linux's /proc, and the daemon is started with setsid");
    }

    @Test
    void aDaemonInItsOwnSessionDoesNotOutliveThePassingRunAndItsStepLogSaysSo() throws IOException {
        // the step waits for the daemon's pid: a run that ended first would end the daemon before it wrote it
        RunResult run = new Runs(dir).run(Pipeline.of(step("start").sh(DAEMON + "; while [ ! -s daemon.pid ]; do sleep 0.05; done")));
        long daemon = Processes.awaitPid(dir.resolve("daemon.pid"), WAIT);

        assertThat(run.status()).isEqualTo(RunStatus.PASS);
        assertThat(Processes.awaitGone(daemon, WAIT)).as("the daemon is killed when the run ends").isTrue();
        List<String> log = Files.readAllLines(run.step("start").orElseThrow().logPath());
        assertThat(log).last().asString()
                .startsWith("gryt: the run ended; killed a process this step left running: " + daemon + " (");
    }

    @Test
    void aServiceStartedByOneStepStaysUpForTheLaterStepsOfTheRun() {
        RunResult run = new Runs(dir).run(Pipeline.of(
                step("service").sh(DAEMON + "; while [ ! -s daemon.pid ]; do sleep 0.05; done"),
                step("client").sh("sleep 0.3; kill -0 \"$(cat daemon.pid)\"")));

        assertThat(run.step("client").orElseThrow().status()).as("the service was still up").isEqualTo(StepStatus.PASS);
        assertThat(Processes.awaitGone(Processes.awaitPid(dir.resolve("daemon.pid"), WAIT), WAIT)).isTrue();
    }

    @Test
    void aTimeoutKillsWhatTheStepStartedInAnotherSessionAtOnce() {
        AtomicReference<Boolean> goneWhenTheStepEnded = new AtomicReference<>();
        RunListener listener = new RunListener() {
            @Override
            public void stepFinished(String runId, StepResult result) {
                // before the run ends (and sweeps): "other" is still sleeping
                if (result.name().equals("hang")) {
                    goneWhenTheStepEnded.set(Processes.awaitGone(Processes.awaitPid(dir.resolve("daemon.pid"), WAIT), WAIT));
                }
            }
        };
        RunResult run = new Runs(dir).run(Pipeline.of(parallel(
                step("hang").sh(DAEMON + "; sleep 100").timeout(Duration.ofSeconds(1)),
                step("other").sh("sleep 3"))).runners(2), listener);

        assertThat(run.step("hang").orElseThrow().status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(goneWhenTheStepEnded.get()).as("the daemon died with its step, not only at the run's end").isTrue();
    }

    @Test
    void cancelKillsWhatTheStepStartedInAnotherSession() {
        Runs runs = new Runs(dir);
        RunHandle handle = runs.start(Pipeline.of(step("hang").sh(DAEMON + "; sleep 100")));
        long daemon = Processes.awaitPid(dir.resolve("daemon.pid"), WAIT);

        handle.cancel();

        assertThat(Runs.await(handle).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(Processes.awaitGone(daemon, WAIT)).isTrue();
        assertThat(MarkedProcesses.of(handle.runId(), Optional.empty())).isEmpty();
    }

    @Test
    void processesStartedTheInstantTheStepExitsAreEndedToo() throws IOException {
        // they may still be in the middle of exec when the run ends, when their environment reads empty for a moment
        for (int round = 0; round < 5; round++) {
            Path pids = dir.resolve("pids-" + round);
            RunResult run = new Runs(dir).run(Pipeline.of(step("spawn").sh(
                    "for i in $(seq 20); do sleep 300 > /dev/null 2>&1 & echo $! >> " + pids.getFileName() + "; done")));

            assertThat(run.status()).isEqualTo(RunStatus.PASS);
            List<String> started = Files.readAllLines(pids);
            assertThat(started).hasSize(20);
            for (String pid : started) {
                assertThat(Processes.awaitGone(Long.parseLong(pid), WAIT)).as("round %d: sleep %s is killed", round, pid).isTrue();
            }
        }
    }
}
