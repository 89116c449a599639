package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessStepTest {
    @TempDir
    Path dir;

    private static void assertAllDead(Set<ProcessHandle> processes) {
        Runs.waitFor(() -> processes.stream().noneMatch(ProcessHandle::isAlive), "every process to be dead");
    }

    @Test
    void aCommandRunsWithoutAShellAndItsOutputIsLogged() throws IOException {
        RunResult run = new Runs(dir).run(Pipeline.of(step("greet").run("echo", "hello $USER", "*")));

        StepResult greet = run.step("greet").orElseThrow();
        assertThat(greet.status()).isEqualTo(StepStatus.PASS);
        assertThat(greet.exitCode()).isZero();
        assertThat(greet.outputTail()).containsExactly("hello $USER *");
        assertThat(greet.logPath()).isEqualTo(dir.resolve(".gryt/runs/" + run.runId() + "/greet.log"));
        assertThat(Files.readAllLines(greet.logPath())).containsExactly("hello $USER *");
        assertThat(run.logDir()).isEqualTo(greet.logPath().getParent());
    }

    @Test
    void stdoutAndStderrBothReachTheLog() throws IOException {
        RunResult run = new Runs(dir).run(Pipeline.of(step("both").sh("echo out; echo err >&2; printf 'no newline'")));

        assertThat(Files.readAllLines(run.step("both").orElseThrow().logPath()))
                .containsExactlyInAnyOrder("out", "err", "no newline");
    }

    @Test
    void aStepKnowsItsNameAndTheProjectDirectory() {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.of(step("where").sh("echo \"$GRYT_STEP|$GRYT_PROJECT_DIR\"")));

        assertThat(run.step("where").orElseThrow().outputTail())
                .containsExactly("where|" + dir.toAbsolutePath());
    }

    @Test
    void environmentLayersAreParentThenPipelineThenExtraThenStep() {
        Runs runs = new Runs(dir);
        Map<String, String> base = new HashMap<>(System.getenv());
        base.putAll(Map.of("A", "base", "B", "base", "C", "base", "D", "base"));
        Pipeline pipeline = Pipeline.of(step("env").sh("echo \"$A $B $C $D $GRYT_RUN_ID\"")
                        .env("D", "step").env("GRYT_RUN_ID", "forged"))
                .env("B", "pipeline").env("C", "pipeline").env("D", "pipeline");
        RunRequest request = runs.request(pipeline).withBaseEnv(base).withExtraEnv(Map.of("C", "extra", "D", "extra"));

        RunResult run = Runs.await(runs.engine.start(request));

        assertThat(run.step("env").orElseThrow().outputTail())
                .containsExactly("base pipeline extra step " + run.runId());
    }

    @Test
    void aMissingProgramFailsWithAClearReason() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("x").run("no-such-program-gryt", "--version")));

        StepResult x = run.step("x").orElseThrow();
        assertThat(x.status()).isEqualTo(StepStatus.FAIL);
        assertThat(x.error()).isEqualTo("cannot run 'no-such-program-gryt': No such file or directory");
        assertThat(x.exitCode()).isNull();
        assertThat(x.attempts()).isEqualTo(1);
    }

    @Test
    void aProgramPathIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("sub/bin"));
        Path script = Files.writeString(dir.resolve("sub/bin/hello"), "#!/bin/sh\necho \"in $(pwd)\"\n");
        script.toFile().setExecutable(true);

        RunResult run = new Runs(dir).run(Pipeline.of(step("hello").run("bin/hello").workDir(Path.of("sub")),
                step("plain").run("./sub/bin/nothing")));

        assertThat(run.step("hello").orElseThrow().outputTail()).containsExactly("in " + dir.resolve("sub").toRealPath());
        assertThat(run.step("plain").orElseThrow().error())
                .isEqualTo("cannot run './sub/bin/nothing': No such file or directory");
    }

    @Test
    void theStepProcessIsMarkedWithItsRunAndStep() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("marked").sh("echo \"$GRYT_RUN_ID $GRYT_STEP\"")));

        assertThat(run.step("marked").orElseThrow().outputTail()).containsExactly(run.runId() + " marked");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() {
        Runs runs = new Runs(dir);
        RunHandle handle = runs.start(Pipeline.of(step("hang").sh("sleep 100 & sleep 100").timeout(Duration.ofSeconds(1))));
        long pid = runs.pidOf(handle.runId(), "hang");
        Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
        ProcessHandle.of(pid).ifPresent(seen::add);
        while (!handle.result().isDone()) {
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(seen::add));
            Thread.onSpinWait();
        }

        StepResult hang = Runs.await(handle).step("hang").orElseThrow();

        assertThat(hang.status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(hang.error()).isEqualTo("timed out after 1s");
        assertThat(seen).as("the shell and at least one sleep were seen").hasSizeGreaterThanOrEqualTo(2);
        assertAllDead(seen);
        assertThat(MarkedProcesses.of(handle.runId(), java.util.Optional.empty())).isEmpty();
    }

    @Test
    void backgroundProcessesDoNotOutliveTheRun() {
        assumeTrue(MarkedProcesses.supported());
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.of(step("daemon").sh("sleep 100 > /dev/null 2>&1 & echo $! > daemon.pid")));

        assertThat(run.status()).isEqualTo(RunStatus.PASS);
        assertThat(Processes.awaitGone(Processes.awaitPid(dir.resolve("daemon.pid"), Duration.ofSeconds(5)),
                Duration.ofSeconds(10))).as("the background sleep is killed").isTrue();
    }

    @Test
    void cancelKillsRunningStepsAndSkipsPendingOnes() {
        Runs runs = new Runs(dir);
        RunHandle handle = runs.start(Pipeline.of(step("long").sh("sleep 100"), step("after").sh("true")));
        long pid = runs.pidOf(handle.runId(), "long");

        handle.cancel();
        RunResult run = Runs.await(handle);

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.step("long").orElseThrow().status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(run.step("after").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.step("after").orElseThrow().error()).isEqualTo("skipped: run cancelled");
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(runs.store.run(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void aVeryLongLineIsSplitAndTheTailStaysBounded() throws IOException {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunResult run = new Runs(dir).run(Pipeline.of(
                step("flood").sh("head -c 300000 /dev/zero | tr '\\0' x; echo; seq 1 100")), new io.gryt.api.RunListener() {
            @Override
            public void stepOutput(String runId, String step, String line) {
                heard.add(line);
            }
        });

        StepResult flood = run.step("flood").orElseThrow();
        List<String> lines = Files.readAllLines(flood.logPath());
        assertThat(lines).hasSize(5 + 100);
        assertThat(lines.subList(0, 5)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(OutputPump.MAX_LINE_BYTES));
        assertThat(String.join("", lines.subList(0, 5))).hasSize(300000);
        assertThat(heard).hasSize(5 + 100);
        assertThat(flood.outputTail()).hasSize(StepLog.TAIL_LINES).endsWith("99", "100");
    }

    @Test
    void withoutListenersTheProcessWritesItsLogItselfAndTheTailIsReadFromItsEnd() throws IOException {
        RunResult run = new Runs(dir).run(Pipeline.of(
                step("flood").sh("head -c 300000 /dev/zero | tr '\\0' x; echo; seq 1 100; printf 'a\\r\\nlast'")));

        StepResult flood = run.step("flood").orElseThrow();
        List<String> lines = Files.readAllLines(flood.logPath());
        assertThat(lines).hasSize(1 + 100 + 2);
        assertThat(lines.get(0)).hasSize(300000);
        assertThat(flood.outputTail()).hasSize(StepLog.TAIL_LINES).endsWith("99", "100", "a", "last");
    }

    @Test
    void aStepReadingStdinSeesEndOfInput() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("cat").run("cat").timeout(Duration.ofSeconds(10))));

        assertThat(run.step("cat").orElseThrow().status()).isEqualTo(StepStatus.PASS);
    }

    @Test
    void aMissingWorkingDirectoryFailsTheStep() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("x").sh("true")).workDir(Path.of("nowhere")));

        assertThat(run.step("x").orElseThrow().error()).isEqualTo("working directory " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void aWorkingDirectoryThatIsAFileIsSaidToBeOne() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "a file");

        RunResult run = new Runs(dir).run(Pipeline.of(step("x").sh("true").workDir(Path.of("notes.txt"))));

        assertThat(run.step("x").orElseThrow().error())
                .isEqualTo("working directory " + dir.resolve("notes.txt") + " is not a directory");
    }

    @Test
    void theRunIsRecordedBeforeStartReturns() {
        Runs runs = new Runs(dir);
        RunHandle handle = runs.engine.start(RunRequest.of(PlanBuilder.plan(Pipeline.of(step("s").sh("sleep 0.3")),
                Map::of), dir));

        assertThat(runs.store.run(handle.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(handle.runId()).matches("\\d{8}-\\d{6}-[0-9a-f]{6}");
        assertThat(Runs.await(handle).status()).isEqualTo(RunStatus.PASS);
    }

    @Test
    void aShellStepRunsWhenItsOwnPathHasNoShell() throws IOException {
        RunResult run = new Runs(dir).run(Pipeline.of(step("path").sh("echo \"PATH=$PATH\"").env("PATH", "/nonexistent")));

        StepResult path = run.step("path").orElseThrow();
        assertThat(path.status()).as(path.error()).isEqualTo(StepStatus.PASS);
        assertThat(Files.readString(path.logPath())).isEqualTo("PATH=/nonexistent\n");
    }
}
