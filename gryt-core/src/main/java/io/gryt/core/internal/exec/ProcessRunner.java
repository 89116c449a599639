package io.gryt.core.internal.exec;

import io.gryt.api.Step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command or shell step as an OS process in its own process group (through {@code setsid} where it
 * exists), streams its merged stdout and stderr to the step's log, and kills its whole tree on timeout or
 * cancel. When the process ends, whatever it left running in its group is killed too: no process outlives
 * its step.
 */
final class ProcessRunner implements AttemptRunner {
    /** How long to wait for output after the process ended (a daemonized child may hold the pipe open). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);
    /** How long a just-started process may take to become its own process group leader. */
    private static final Duration GROUP_LEADER_LIMIT = Duration.ofSeconds(2);
    private static final String SETSID = findSetsid();
    /** The shell of shell steps: {@code /bin/sh}, so that a step's own {@code PATH} cannot hide it. */
    private static final String SHELL = Files.isExecutable(Path.of("/bin/sh")) ? "/bin/sh" : "sh";

    private final StepSetup setup;
    private volatile Process current;
    private volatile boolean cancelled;

    ProcessRunner(StepSetup setup) {
        this.setup = setup;
    }

    @Override
    public AttemptOutcome run(int attempt, StepLog log, StartCallback started) {
        if (cancelled) return AttemptOutcome.cancelled(null, "cancelled");
        Step step = setup.step();
        List<String> argv = step.kind() == Step.Kind.SHELL ? List.of(SHELL, "-c", step.script().orElseThrow())
                : step.command();
        String program = argv.get(0);
        Path workDir = setup.workDir();
        if (!Files.isDirectory(workDir)) {
            started.started(attempt, null);
            return AttemptOutcome.failed(null, "working directory " + workDir
                    + (Files.exists(workDir) ? " is not a directory" : " does not exist"));
        }
        Optional<String> problem = Executables.problem(program, workDir, setup.env());
        if (problem.isPresent()) {
            started.started(attempt, null);
            return AttemptOutcome.failed(null, "cannot run '" + program + "': " + problem.get());
        }
        Process process;
        try {
            process = builder(argv, workDir, setup.env()).start();
        } catch (IOException e) {
            started.started(attempt, null);
            return AttemptOutcome.failed(null, "cannot run '" + program + "': " + Executables.reason(e.getMessage()));
        }
        current = process;
        try {
            return await(process, attempt, log, started);
        } finally {
            current = null;
            if (process.isAlive()) ProcessTree.kill(process.pid());
        }
    }

    private AttemptOutcome await(Process process, int attempt, StepLog log, StartCallback started) {
        long pid = process.pid();
        // setsid makes the process a group leader only once it has run; until then a group kill would miss
        if (SETSID != null) ProcessTree.awaitGroupLeader(process, GROUP_LEADER_LIMIT);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // stdin is closed so that a step reading it sees end of input; nothing to do if that failed
        }
        // recorded and announced before any output is read, so listeners hear "started" before its lines
        started.started(attempt, pid);
        Thread pump = new Thread(new OutputPump(process.getInputStream(), log), setup.threadName("output"));
        pump.setDaemon(true);
        pump.start();
        if (cancelled) ProcessTree.kill(pid);
        Optional<Duration> timeout = setup.step().timeout();
        try {
            boolean timedOut = false;
            if (timeout.isPresent() && !process.waitFor(timeout.get().toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                ProcessTree.kill(pid);
            }
            int exit = process.waitFor();
            if (SETSID != null) ProcessTree.killGroup(pid);
            pump.join(OUTPUT_GRACE.toMillis());
            if (pump.isAlive()) log.note("gryt: output still open " + DurationFormat.format(OUTPUT_GRACE)
                    + " after the process ended; not waiting for it");
            if (timedOut) return AttemptOutcome.timedOut(exit, "timed out after " + DurationFormat.format(timeout.get()));
            if (cancelled) return AttemptOutcome.cancelled(exit, "cancelled");
            return exit == 0 ? AttemptOutcome.passed(0) : AttemptOutcome.failed(exit, "exit code " + exit);
        } catch (InterruptedException e) {
            ProcessTree.kill(pid);
            Thread.currentThread().interrupt();
            return AttemptOutcome.cancelled(null, "cancelled");
        }
    }

    private static ProcessBuilder builder(List<String> argv, Path workDir, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        if (SETSID != null) command.add(SETSID);
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    @Override
    public void cancel() {
        cancelled = true;
        Process process = current;
        if (process != null) ProcessTree.kill(process.pid());
    }

    @Override
    public Map<String, Double> metrics() {
        return Map.of();
    }

    private static String findSetsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return null;
    }
}
