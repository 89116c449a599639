package io.gryt.cli;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.Processes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Torture, process hygiene at the command line: a step that starts a grandchild in a session of its own
 * ({@code setsid}, its parent gone) and then hangs. Ctrl-C (SIGINT) to the {@code gryt} process ends both before
 * gryt exits; after {@code kill -9} of {@code gryt}, the next command ends both. (Timeouts and cancels of such a
 * step are {@code ProcessHygieneTest}'s, in gryt-core.)
 */
class ProcessHygieneCommandsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void aStepThatLeavesADaemonInItsOwnSession() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc/self")),
                "the daemon is started with setsid and found through Linux's /proc");
        CliRun.initProject(dir);
        io.gryt.testing.TempGitRepo.open(dir).write(".gryt/pipelines/slow.yaml", """
                steps:
                  - name: hang
                    run: "(setsid sh -c 'echo $$ > daemon.tmp; mv daemon.tmp daemon.pid; exec sleep 300' >/dev/null 2>&1 &); echo $$ > sh.pid; sleep 300"
                """);
    }

    @Test
    void sigintToGrytEndsTheStepAndTheDaemonItStartedInAnotherSession() throws Exception {
        try (ChildJvm gryt = startRun()) {
            long daemon = Processes.awaitPid(dir.resolve("daemon.pid"), Duration.ofSeconds(60));
            long shell = Processes.awaitPid(dir.resolve("sh.pid"), Duration.ofSeconds(60));
            new ProcessBuilder("kill", "-INT", Long.toString(gryt.pid())).start().waitFor();
            assertThat(gryt.waitFor(Duration.ofSeconds(60))).as(gryt.output()).isNotZero();
            assertThat(Processes.awaitGone(shell, Duration.ofSeconds(10))).as("the step's shell").isTrue();
            assertThat(Processes.awaitGone(daemon, Duration.ofSeconds(10))).as("the daemon in its own session").isTrue();
        }
    }

    @Test
    void afterKillMinusNineOfGrytTheNextCommandEndsTheDaemon() throws Exception {
        long daemon;
        long shell;
        try (ChildJvm gryt = startRun()) {
            daemon = Processes.awaitPid(dir.resolve("daemon.pid"), Duration.ofSeconds(60));
            shell = Processes.awaitPid(dir.resolve("sh.pid"), Duration.ofSeconds(60));
            gryt.killHard();
            gryt.waitFor(Duration.ofSeconds(30));
        }
        assertThat(Processes.isRunning(daemon)).as("the daemon outlives gryt until the next command").isTrue();
        CliRun next = CliRun.in(dir, "status");
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(Processes.awaitGone(shell, Duration.ofSeconds(10))).as("the step's shell").isTrue();
        assertThat(Processes.awaitGone(daemon, Duration.ofSeconds(10))).as("the daemon in its own session").isTrue();
    }

    private ChildJvm startRun() throws Exception {
        Path go = dir.resolve(".gryt/runs/go");
        ChildJvm child = ChildJvm.of(GrytOnSignal.class).jvmOptions("-Xmx96m", "-XX:TieredStopAtLevel=1")
                .args(go.toString(), "-C", dir.toString(), "run", "slow").start();
        child.awaitLine("READY"::equals, Duration.ofMinutes(2));
        Files.createDirectories(go.getParent());
        Files.writeString(go, "go");
        return child;
    }
}
