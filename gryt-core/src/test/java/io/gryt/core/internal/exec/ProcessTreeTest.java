package io.gryt.core.internal.exec;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessTreeTest {
    @Test
    void killReachesTheGroupALeaderLeftBehind() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc/self")));
        Process leader = new ProcessBuilder("/usr/bin/setsid", "sh", "-c", "sleep 100 & sleep 100 & wait").start();
        long pgid = leader.pid();
        Runs.waitFor(() -> leader.descendants().count() >= 2, "the sleeps to start");
        List<ProcessHandle> children = leader.descendants().toList();
        leader.destroyForcibly().waitFor();
        assertThat(children).as("orphans outlive their leader").anyMatch(ProcessHandle::isAlive);

        ProcessTree.kill(pgid);

        Runs.waitFor(() -> children.stream().noneMatch(ProcessHandle::isAlive), "the orphaned sleeps to die");
    }

    @Test
    void killRunReachesEveryProcessCarryingTheRunsMarkAndNothingElse() throws Exception {
        assumeTrue(MarkedProcesses.supported() && Files.isExecutable(Path.of("/usr/bin/setsid")));
        String runId = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ProcessBuilder marked = new ProcessBuilder("/usr/bin/setsid", "sleep", "100");
        marked.environment().put("GRYT_RUN_ID", runId);
        ProcessBuilder other = new ProcessBuilder("sleep", "100");
        other.environment().put("GRYT_RUN_ID", runId + "-other");
        Process mine = marked.start();
        Process notMine = other.start();
        try {
            assertThat(ProcessTree.killRun(runId)).isEqualTo(1);

            assertThat(mine.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(notMine.isAlive()).isTrue();
        } finally {
            notMine.destroyForcibly();
            mine.destroyForcibly();
        }
    }

    @Test
    void killTakesDescendantsOfAProcessThatIsNotAGroupLeader() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 100 & sleep 100").start();
        Runs.waitFor(() -> shell.descendants().count() >= 1, "the sleeps to start");
        List<ProcessHandle> tree = shell.descendants().toList();

        ProcessTree.kill(shell.pid());

        shell.waitFor();
        Runs.waitFor(() -> tree.stream().noneMatch(ProcessHandle::isAlive), "the sleeps to die");
    }

    @Test
    void isAliveRecognisesAProcessByItsStart() {
        ProcessHandle self = ProcessHandle.current();
        Instant start = self.info().startInstant().orElseThrow();

        assertThat(ProcessTree.isAlive(self.pid(), start)).isTrue();
        assertThat(ProcessTree.isAlive(self.pid(), null)).isTrue();
        assertThat(ProcessTree.isAlive(self.pid(), start.minus(Duration.ofHours(1)))).as("a reused pid").isFalse();
    }

    @Test
    void aFinishedProcessIsNotAlive() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThat(ProcessTree.isAlive(done.pid(), null)).isFalse();
    }
}
