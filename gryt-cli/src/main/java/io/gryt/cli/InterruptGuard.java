package io.gryt.cli;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during a run into a clean stop: the work is cancelled (every step's
 * process tree is killed and the outcome recorded), then the process halts with exit code 130.
 * Only the CLI installs it; the library itself never touches the JVM's lifecycle.
 */
final class InterruptGuard implements AutoCloseable {
    private static final long RECORD_WAIT_SECONDS = 20;

    private final Thread hook;
    private volatile boolean closed;

    private InterruptGuard(Runnable cancel, CompletableFuture<?> result, String what, PrintStream err, Runnable first) {
        this.hook = new Thread(() -> {
            if (closed || result.isDone()) return;
            first.run();
            err.println();
            err.println("gryt: interrupted: stopping " + what + " and its processes");
            cancel.run();
            try {
                result.get(RECORD_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // not recorded in time; the next open of the project marks it interrupted
            }
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }, "gryt-interrupt");
    }

    /** Guards the work until {@link #close()}: on SIGINT/SIGTERM runs {@code cancel} and waits for {@code result}. */
    static InterruptGuard install(Runnable cancel, CompletableFuture<?> result, String what, PrintStream err) {
        return install(cancel, result, what, err, () -> { });
    }

    /** As {@link #install(Runnable, CompletableFuture, String, PrintStream)}, running {@code first} before anything is printed. */
    static InterruptGuard install(Runnable cancel, CompletableFuture<?> result, String what, PrintStream err, Runnable first) {
        InterruptGuard guard = new InterruptGuard(cancel, result, what, err, first);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    @Override
    public void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it sees `closed`
        }
    }
}
