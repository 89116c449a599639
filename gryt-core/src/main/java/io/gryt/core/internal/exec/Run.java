package io.gryt.core.internal.exec;

import io.gryt.api.OnFailure;
import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.Step;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.RunStore;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.internal.plan.PlannedStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pipeline run: the dependency graph scheduled over a bounded pool of {@code runners} worker threads,
 * with fail-fast, cancel and recording. Sequences, parallel groups and {@code dependsOn} are all just edges of
 * the graph; ready steps start critical path first ({@link StartOrder}; in declaration order with one runner).
 *
 * <p>Every step ends with exactly one recorded result ({@code stepFinished}), skipped ones included; the run
 * is recorded finished only after all of them, and its future completes after that. If the store fails, every
 * running process tree is killed and the future completes exceptionally.
 */
final class Run implements RunHandle {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    private enum State { PENDING, RUNNING, DONE }

    /** A step's place in the graph; mutable fields guarded by the run. */
    private static final class Node {
        final PlannedStep planned;
        final StepSetup setup;
        State state = State.PENDING;
        StepExecution execution;
        /** The files the step writes outputs and metrics to, open until the run ends. */
        GivenWrites writes;
        StepResult result;

        Node(PlannedStep planned, StepSetup setup) {
            this.planned = planned;
            this.setup = setup;
        }

        String name() {
            return planned.name();
        }
    }

    private final String runId;
    private final ExecutionPlan plan;
    private final RunRequest request;
    private final RunStore store;
    private final Listeners listeners;
    private final boolean wantOutput;
    private final Path logDir;
    private final Instant startedAt;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** The nodes in the order ready ones start. */
    private final List<Node> startOrder = new ArrayList<>();
    private final Map<String, StepSetup> setups;
    private final ThreadPoolExecutor workers;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final Thread shutdownHook;
    /** How long the shutdown hook waits for an interrupted run to be recorded. */
    private static final long SHUTDOWN_RECORD_SECONDS = 15;

    // guarded by this
    private ScheduledExecutorService timer;
    private int running;
    private int recorded;
    private String stopReason;
    private boolean cancelled;
    private RunStatus cancelledAs = RunStatus.CANCELLED;
    private boolean finishing;
    private boolean aborted;

    private Run(RunDirectory directory, RunRequest request, RunStore store, Instant startedAt,
                Map<String, Duration> lastDurations) {
        this.runId = directory.runId();
        this.plan = request.plan();
        this.request = request;
        this.store = store;
        this.listeners = new Listeners(request.listeners());
        this.wantOutput = listeners.wantOutput();
        this.logDir = directory.path();
        this.startedAt = startedAt;
        this.setups = StepSetups.of(runId, request, logDir);
        for (PlannedStep planned : plan.steps()) nodes.put(planned.name(), new Node(planned, setups.get(planned.name())));
        int runners = plan.pipeline().runners();
        List<PlannedStep> order = ordersStarts(plan) ? StartOrder.of(plan.steps(), lastDurations) : plan.steps();
        for (PlannedStep planned : order) startOrder.add(nodes.get(planned.name()));
        this.workers = new ThreadPoolExecutor(runners, runners, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads("gryt-" + runId + "-", true));
        this.shutdownHook = new Thread(this::interruptAndWait, "gryt-" + runId + "-shutdown");
    }

    /** Records and starts a run; returns once it is recorded. */
    static Run start(RunRequest request, RunStore store, ProcessOwner owner) {
        Instant startedAt = Instant.now();
        Map<String, Duration> lastDurations = ordersStarts(request.plan())
                ? lastDurations(store, request.plan().pipeline().name()) : Map.of();
        RunDirectory directory = RunDirectory.create(request.runsDir(), startedAt);
        Run run = new Run(directory, request, store, startedAt, lastDurations);
        try {
            run.begin(owner);
        } catch (RuntimeException e) {
            directory.deleteIfEmpty();
            throw e;
        }
        return run;
    }

    /**
     * True when ready steps start critical path first ({@link StartOrder}): with several runners and more steps than
     * runners (otherwise every ready step starts at once); else in declaration order.
     */
    private static boolean ordersStarts(ExecutionPlan plan) {
        int runners = plan.pipeline().runners();
        return runners > 1 && plan.steps().size() > runners;
    }

    /** How long the steps took in the pipeline's last finished run; none when the store cannot say (the run goes on). */
    private static Map<String, Duration> lastDurations(RunStore store, String pipeline) {
        try {
            return store.lastStepDurations(pipeline);
        } catch (RuntimeException e) {
            LOG.debug("no step durations of pipeline {}: {}", pipeline, e.toString());
            return Map.of();
        }
    }

    private void begin(ProcessOwner owner) {
        Pipeline pipeline = plan.pipeline();
        try {
            store.runStarted(new PipelineRun(runId, pipeline.name(), RunStatus.RUNNING, startedAt, null, owner,
                    request.projectDir().toString(), io.gryt.api.CiRun.detect(request.baseEnv()).orElse(null)));
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        boolean exiting = false;
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            exiting = true; // the JVM is shutting down: start nothing that could outlive it
        }
        listeners.runStarted(runId, pipeline);
        List<Node> skipped;
        synchronized (this) {
            cancelled = exiting;
            skipped = skipBlocked();
            startReady();
        }
        recordSkipped(skipped);
        finishIfComplete();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public CompletableFuture<RunResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        stop(RunStatus.CANCELLED, "cancelled");
    }

    @Override
    public void interrupt() {
        stop(RunStatus.INTERRUPTED, "cancelled: gryt was interrupted");
    }

    private void stop(RunStatus as, String reason) {
        List<StepExecution> toCancel;
        List<Node> skipped;
        synchronized (this) {
            if (cancelled || finishing || aborted) return;
            cancelled = true;
            cancelledAs = as;
            toCancel = runningExecutions();
            skipped = skipBlocked();
        }
        toCancel.forEach(e -> e.cancel(reason));
        recordSkipped(skipped);
        finishIfComplete();
    }

    // ---- scheduling (all under the run's lock) ----

    /** Marks every pending step that can no longer run as skipped, with the root cause as its reason. */
    private List<Node> skipBlocked() {
        List<Node> skipped = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node node : nodes.values()) {
                if (node.state != State.PENDING) continue;
                String reason = blockedReason(node);
                if (reason == null) continue;
                node.state = State.DONE;
                node.result = StepResult.skipped(node.name(), reason);
                skipped.add(node);
                changed = true;
            }
        }
        return skipped;
    }

    private String blockedReason(Node node) {
        String denied = startDenial();
        if (denied != null) return denied;
        for (String dependency : node.planned.dependsOn()) {
            Node d = nodes.get(dependency);
            if (d.state != State.DONE || satisfies(d)) continue;
            return d.result.status() == StepStatus.SKIPPED ? d.result.error()
                    : "skipped: '" + d.name() + "' " + describe(d.result.status());
        }
        return null;
    }

    private void startReady() {
        if (startDenial() != null) return;
        int runners = plan.pipeline().runners();
        for (Node node : startOrder) {
            if (running >= runners) return;
            if (node.state != State.PENDING || !dependenciesPassed(node)) continue;
            node.state = State.RUNNING;
            node.writes = GivenWrites.of(node.setup.writes(), !node.setup.mask().isEmpty());
            StepSetup setup = node.setup.withEnv(passedOutputs(node)).withEnv(node.writes.unnamed() ? node.writes.variables() : Map.of());
            node.execution = new StepExecution(this, setup, runnerFor(setup), node.writes);
            running++;
            workers.execute(() -> work(node));
        }
    }

    /**
     * The outputs of every step {@code node} depends on, directly or not, as {@code GRYT_OUTPUTS_<STEP>_<NAME>}
     * variables (a skipped or tolerated dependency passes what it wrote, if anything).
     */
    private Map<String, String> passedOutputs(Node node) {
        Map<String, String> env = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(node.planned.dependsOn());
        while (!todo.isEmpty()) {
            Node d = nodes.get(todo.pop());
            if (!seen.add(d.name())) continue;
            todo.addAll(d.planned.dependsOn());
            if (d.execution != null) {
                d.execution.outputs().forEach((name, value) -> env.put(StepWrites.passedVariable(d.name(), name), value));
            }
        }
        return env;
    }

    private AttemptRunner runnerFor(StepSetup setup) {
        return setup.step().kind() == Step.Kind.ACTION ? new ActionRunner(setup, this::timer) : new ProcessRunner(setup);
    }

    private boolean dependenciesPassed(Node node) {
        for (String dependency : node.planned.dependsOn()) {
            Node d = nodes.get(dependency);
            if (d.state != State.DONE || !satisfies(d)) return false;
        }
        return true;
    }

    /** True when a finished step lets its dependents run: it passed, or failed with continue-on-error. */
    private static boolean satisfies(Node node) {
        return node.result.status() == StepStatus.PASS || tolerated(node);
    }

    private static boolean tolerated(Node node) {
        StepStatus status = node.result.status();
        return node.planned.step().continuesOnError() && (status == StepStatus.FAIL || status == StepStatus.TIMEOUT);
    }

    private static String describe(StepStatus status) {
        return switch (status) {
            case FAIL -> "failed";
            case TIMEOUT -> "timed out";
            case CANCELLED -> "was cancelled";
            case SKIPPED -> "was skipped";
            default -> "ended " + status.label();
        };
    }

    private List<StepExecution> runningExecutions() {
        List<StepExecution> executions = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.state == State.RUNNING) executions.add(node.execution);
        }
        return executions;
    }

    /** Why no step may start now ({@code skipped: ...}), or {@code null} when steps may start. */
    synchronized String startDenial() {
        if (aborted) return "skipped: the run could not be recorded";
        if (cancelled) return "skipped: run cancelled";
        if (stopReason != null) return "skipped: " + stopReason;
        return null;
    }

    // ---- a step's life on its worker ----

    private void work(Node node) {
        StepResult stepResult;
        try {
            stepResult = node.execution.execute();
            record(stepResult);
        } catch (Throwable e) {
            abort(e);
            return;
        }
        List<StepExecution> toCancel = List.of();
        String cancelReason = null;
        List<Node> skipped;
        synchronized (this) {
            node.result = stepResult;
            node.state = State.DONE;
            running--;
            recorded++;
            if (aborted) return;
            StepStatus status = stepResult.status();
            boolean failed = (status == StepStatus.FAIL || status == StepStatus.TIMEOUT) && !tolerated(node);
            if (failed && plan.pipeline().failFast() && stopReason == null && !cancelled) {
                stopReason = "'" + node.name() + "' " + describe(status);
                if (plan.pipeline().onFailure() == OnFailure.CANCEL_RUNNING) {
                    toCancel = runningExecutions();
                    cancelReason = "cancelled: " + stopReason;
                }
            }
            // a step that passed (or was tolerated) blocks nothing: only a failure or a stop makes steps skip, so
            // the whole graph is walked only then (walking it after every step made long runs quadratic)
            skipped = satisfies(node) && startDenial() == null ? List.of() : skipBlocked();
            startReady();
        }
        for (StepExecution execution : toCancel) execution.cancel(cancelReason);
        recordSkipped(skipped);
        finishIfComplete();
    }

    private void recordSkipped(List<Node> skipped) {
        for (Node node : skipped) {
            try {
                record(node.result);
            } catch (Throwable e) {
                abort(e);
                return;
            }
            synchronized (this) {
                recorded++;
            }
        }
    }

    /** Stores a step's result with its data rows, then tells the listeners. */
    private void record(StepResult stepResult) {
        if (isAborted()) return;
        store.stepFinished(runId, stepResult, ResultRows.of(runId, stepResult));
        listeners.stepFinished(runId, stepResult);
    }

    private void finishIfComplete() {
        RunStatus status;
        synchronized (this) {
            if (finishing || aborted || recorded < nodes.size()) return;
            finishing = true;
            status = cancelled ? cancelledAs : nodes.values().stream().allMatch(Run::satisfies)
                    ? RunStatus.PASS : RunStatus.FAIL;
        }
        Instant finishedAt = Instant.now();
        List<StepResult> steps = new ArrayList<>();
        synchronized (this) {
            for (Node node : nodes.values()) steps.add(node.result);
        }
        RunResult runResult = new RunResult(runId, plan.pipeline().name(), status, startedAt, finishedAt, steps, logDir);
        RunSweep.sweep(runId, setups);
        try {
            store.runFinished(runId, status, finishedAt);
        } catch (Throwable e) {
            abort(e);
            return;
        }
        cleanUp();
        listeners.runFinished(runResult);
        result.complete(runResult);
    }

    /** The run cannot go on (its store failed): kill everything and fail the future. */
    private void abort(Throwable failure) {
        List<StepExecution> toKill;
        boolean recordEnd;
        synchronized (this) {
            if (aborted) return;
            aborted = true;
            recordEnd = !finishing;
            toKill = runningExecutions();
        }
        LOG.error("run {} aborted: {}", runId, failure.toString());
        for (StepExecution execution : toKill) execution.cancel("cancelled: the run could not be recorded");
        RunSweep.sweep(runId, setups);
        if (recordEnd) {
            try {
                store.runFinished(runId, RunStatus.FAIL, Instant.now());
            } catch (Throwable e) {
                if (e != failure) failure.addSuppressed(e);
            }
        }
        cleanUp();
        result.completeExceptionally(failure);
    }

    private synchronized boolean isAborted() {
        return aborted;
    }

    private void cleanUp() {
        workers.shutdown();
        synchronized (this) {
            if (timer != null) timer.shutdownNow();
            for (Node node : nodes.values()) {
                if (node.writes != null) node.writes.close();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook
        }
    }

    /**
     * The JVM is exiting (SIGINT, SIGTERM, {@code System.exit}): no process may outlive the run, so every running
     * step's process tree is killed and the run recorded as interrupted, waiting a bounded time for the record.
     */
    private void interruptAndWait() {
        interrupt();
        try {
            result.get(SHUTDOWN_RECORD_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // not recorded in time: the next open of the project marks the run interrupted
        }
    }

    // ---- services for step executions ----

    void stepStarted(String step, Long pid) {
        if (isAborted()) return;
        store.stepStarted(runId, step, Instant.now(), pid);
    }

    void attemptStarted(String step, int attempt) {
        listeners.stepStarted(runId, step, attempt);
    }

    void retrying(String step, int failedAttempt, String reason) {
        listeners.stepRetrying(runId, step, failedAttempt, reason);
    }

    void output(String step, String line) {
        listeners.stepOutput(runId, step, line);
    }

    /** True when a listener wants the steps' output lines ({@link #output}). */
    boolean wantsOutput() {
        return wantOutput;
    }

    synchronized ScheduledExecutorService timer() {
        if (finishing || aborted) throw new IllegalStateException("run " + runId + " has ended");
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, threads("gryt-" + runId + "-timer", false));
            t.setRemoveOnCancelPolicy(true);
            timer = t;
        }
        return timer;
    }

    private static ThreadFactory threads(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, numbered ? name + count.incrementAndGet() : name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
