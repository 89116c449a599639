package io.gryt.core.internal.exec;

import io.gryt.api.StepAction;
import io.gryt.api.StepContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a lambda step on the calling worker thread. A timeout or a cancel interrupts that thread and makes
 * {@link StepContext#isCancelled()} true; an action that ignores both keeps its worker until it returns.
 */
final class ActionRunner implements AttemptRunner {
    private final StepSetup setup;
    private final Supplier<ScheduledExecutorService> timer;
    private final Object lock = new Object();
    private Thread thread;          // guarded by lock: the thread running the current attempt
    private Context context;        // guarded by lock
    private boolean cancelled;      // guarded by lock
    private volatile Map<String, Double> metrics = Map.of();

    ActionRunner(StepSetup setup, Supplier<ScheduledExecutorService> timer) {
        this.setup = setup;
        this.timer = timer;
    }

    @Override
    public AttemptOutcome run(int attempt, StepLog log, StartCallback started) {
        started.started(attempt, null);
        Context ctx = new Context(attempt, log);
        synchronized (lock) {
            if (cancelled) return AttemptOutcome.cancelled(null, "cancelled");
            thread = Thread.currentThread();
            context = ctx;
        }
        Optional<Duration> timeout = setup.step().timeout();
        ScheduledFuture<?> watchdog = timeout.map(t -> timer.get().schedule(() -> stop(ctx, true),
                t.toNanos(), TimeUnit.NANOSECONDS)).orElse(null);
        AttemptOutcome outcome;
        try {
            setup.step().action().orElseThrow().run(ctx);
            outcome = AttemptOutcome.passed(null);
        } catch (StackOverflowError e) {
            outcome = failed(e, log); // the action's own runaway recursion: its stack is unwound, the JVM is fine
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            outcome = failed(e, log);
        } finally {
            if (watchdog != null) watchdog.cancel(false);
            synchronized (lock) {
                thread = null;
                context = null;
            }
            Thread.interrupted(); // a late interrupt must not reach the worker's next task
        }
        metrics = Map.copyOf(ctx.metrics);
        if (ctx.timedOut) return AttemptOutcome.timedOut(null, "timed out after " + DurationFormat.format(timeout.orElseThrow()));
        if (ctx.stopped) return AttemptOutcome.cancelled(null, "cancelled");
        return outcome;
    }

    @Override
    public void cancel() {
        Context ctx;
        synchronized (lock) {
            cancelled = true;
            ctx = context;
        }
        if (ctx != null) stop(ctx, false);
    }

    private void stop(Context ctx, boolean timedOut) {
        synchronized (lock) {
            if (context != ctx) return; // that attempt already ended
            if (timedOut) ctx.timedOut = true;
            ctx.stopped = true;
            thread.interrupt();
        }
    }

    @Override
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** A failed attempt: the exception's first line as the error, its stack trace in the log. */
    private static AttemptOutcome failed(Throwable e, StepLog log) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        trace.toString().lines().forEach(log::note);
        return AttemptOutcome.failed(null, describe(e));
    }

    /** The first line of the exception's message, or its class name when it has none. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) return e.getClass().getName();
        return message.strip().lines().findFirst().orElse(message);
    }

    /** The context of one attempt. */
    private final class Context implements StepContext {
        private final int attempt;
        private final StepLog log;
        private final Map<String, Double> metrics = new ConcurrentHashMap<>();
        private volatile boolean stopped;
        private volatile boolean timedOut;

        Context(int attempt, StepLog log) {
            this.attempt = attempt;
            this.log = log;
        }

        @Override
        public String runId() {
            return setup.runId();
        }

        @Override
        public String stepName() {
            return setup.name();
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public Path workDir() {
            return setup.workDir();
        }

        @Override
        public Map<String, String> env() {
            return setup.env();
        }

        @Override
        public void log(String line) {
            Objects.requireNonNull(line, "line").lines().forEach(log::line);
            if (line.isEmpty()) log.line("");
        }

        @Override
        public void metric(String name, double value) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) throw new IllegalArgumentException("metric name must not be blank");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("metric '" + name + "' must be a finite number, was " + value);
            }
            metrics.put(name, value);
        }

        @Override
        public boolean isCancelled() {
            return stopped;
        }

        @Override
        public String toString() {
            return "StepContext(" + setup.runId() + ", " + setup.name() + ", attempt " + attempt + ")";
        }
    }
}
