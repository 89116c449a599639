package io.gryt.core.internal.exec;

import io.gryt.api.Step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a command or shell step as an OS process (started directly: no helper program), streams its merged
 * stdout and stderr to the step's log, and kills its whole tree on timeout or cancel: its descendants, and every
 * process carrying the step's mark ({@link MarkedProcesses}), even one that left its session. What a passing
 * step leaves running (a service for later steps) stays up until the run ends ({@link RunSweep}).
 */
final class ProcessRunner implements AttemptRunner {
    /** How long to wait for output after the process ended (a daemonized child may hold the pipe open). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);
    /** The shell of shell steps: {@code /bin/sh}, so that a step's own {@code PATH} cannot hide it. */
    private static final String SHELL = Files.isExecutable(Path.of("/bin/sh")) ? "/bin/sh" : "sh";

    /**
     * The threads that read steps' output, shared by all runs: a step borrows one instead of starting a thread of
     * its own; idle ones end after a minute.
     */
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "gryt-output-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

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
        ProcessBuilder builder = builder(argv, workDir, setup.env());
        // nobody reads the lines and nothing is to be masked: the process writes to the log file itself
        boolean direct = log.takesRawOutput();
        if (direct) {
            log.flush();
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            started.started(attempt, null);
            return AttemptOutcome.failed(null, "cannot run '" + program + "': " + Executables.reason(e.getMessage()));
        }
        current = process;
        try {
            return await(process, attempt, log, started, direct);
        } finally {
            current = null;
            if (process.isAlive()) killTree(process.pid());
        }
    }

    private AttemptOutcome await(Process process, int attempt, StepLog log, StartCallback started, boolean direct) {
        long pid = process.pid();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // stdin is closed so that a step reading it sees end of input; nothing to do if that failed
        }
        // recorded and announced before any output is read, so listeners hear "started" before its lines
        started.started(attempt, pid);
        Future<?> pump = direct ? null : PUMPS.submit(new OutputPump(process.getInputStream(), log));
        if (cancelled) killTree(pid);
        Optional<Duration> timeout = setup.step().timeout();
        try {
            boolean timedOut = false;
            if (timeout.isPresent() && !process.waitFor(timeout.get().toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                killTree(pid);
            }
            int exit = process.waitFor();
            // without /proc, leftovers cannot be found at the run's end: they end with their step
            if (!MarkedProcesses.supported()) ProcessTree.kill(pid);
            if (direct) {
                log.printedDirectly();
            } else if (!outputEnded(pump)) log.note("gryt: output still open " + DurationFormat.format(OUTPUT_GRACE)
                    + " after the process ended; not waiting for it");
            if (timedOut) return AttemptOutcome.timedOut(exit, "timed out after " + DurationFormat.format(timeout.get()));
            if (cancelled) return AttemptOutcome.cancelled(exit, "cancelled");
            return exit == 0 ? AttemptOutcome.passed(0) : AttemptOutcome.failed(exit, "exit code " + exit);
        } catch (InterruptedException e) {
            killTree(pid);
            Thread.currentThread().interrupt();
            return AttemptOutcome.cancelled(null, "cancelled");
        }
    }

    /** Waits up to {@link #OUTPUT_GRACE} for the output to end; false when it did not. */
    private static boolean outputEnded(Future<?> pump) throws InterruptedException {
        try {
            pump.get(OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // the pump failed: what it read is in the log
        }
    }

    private static ProcessBuilder builder(List<String> argv, Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    @Override
    public void cancel() {
        cancelled = true;
        Process process = current;
        if (process != null) killTree(process.pid());
    }

    /** Kills the step's process {@code pid}, its descendants and every process carrying the step's mark. */
    private void killTree(long pid) {
        ProcessTree.kill(pid);
        for (MarkedProcesses.Marked marked : MarkedProcesses.of(setup.runId(), Optional.of(setup.name()))) {
            marked.process().descendants().forEach(ProcessHandle::destroyForcibly);
            marked.process().destroyForcibly();
        }
    }

    @Override
    public Map<String, Double> metrics() {
        return Map.of();
    }
}
