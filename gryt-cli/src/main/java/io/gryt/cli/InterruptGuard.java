package io.gryt.cli;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during a run into a clean stop: the work is cancelled (every step's
 * process tree is killed and the outcome recorded), the command prints its ending (the JSON of the
 * interrupted run, the evolution's last line) and closes the guard, then the process halts with exit code 130.
 * The guard is armed before the work starts ({@link #arm}) and given the work once it has started
 * ({@link #guard}), so that a signal in between is not missed.
 * Only the CLI installs it; the library itself never touches the JVM's lifecycle.
 */
final class InterruptGuard implements AutoCloseable {
    private static final long RECORD_WAIT_SECONDS = 20;
    private static final long ENDING_WAIT_SECONDS = 5;

    /** What is guarded: how to stop it, its outcome, and what it is called in the notice. */
    private record Work(Runnable cancel, CompletableFuture<?> result, String what) {
    }

    private final Thread hook;
    private final CompletableFuture<Work> work = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    private InterruptGuard(PrintStream err, Runnable first) {
        this.hook = new Thread(() -> {
            if (closed) return;
            Work w;
            try {
                w = work.get(RECORD_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                return;
            }
            if (w == null) return; // closed before the work started
            if (!w.result().isDone()) {
                first.run();
                err.println();
                err.println("gryt: interrupted: stopping " + w.what() + " and its processes");
                w.cancel().run();
                try {
                    w.result().get(RECORD_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // not recorded in time; the next open of the project marks it interrupted
                }
            }
            if (w.result().isDone()) awaitClose();
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }, "gryt-interrupt");
    }

    /** Arms a guard; until {@link #close()}, SIGINT/SIGTERM stop what {@link #guard} is then given. */
    static InterruptGuard arm(PrintStream err) {
        return arm(err, () -> { });
    }

    /** As {@link #arm(PrintStream)}, running {@code first} before anything is printed. */
    static InterruptGuard arm(PrintStream err, Runnable first) {
        InterruptGuard guard = new InterruptGuard(err, first);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /**
     * The started work: on SIGINT/SIGTERM runs {@code cancel}, waits for {@code result}, then for
     * {@link #close()} (so close the guard after printing what ends the command).
     */
    void guard(Runnable cancel, CompletableFuture<?> result, String what) {
        work.complete(new Work(cancel, result, what));
    }

    /** Lets the command, woken by the recorded outcome, print its ending before the process halts. */
    private void awaitClose() {
        try {
            closing.await(ENDING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        work.complete(null);
        closing.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it sees `closed`
        }
    }
}
