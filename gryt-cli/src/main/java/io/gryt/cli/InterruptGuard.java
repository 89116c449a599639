package io.gryt.cli;

import io.gryt.api.RunHandle;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during a run into a clean stop: the run is cancelled (every step's
 * process tree is killed and the run recorded), then the process halts with exit code 130.
 * Only the CLI installs it; the library itself never touches the JVM's lifecycle.
 */
final class InterruptGuard implements AutoCloseable {
    private static final long RECORD_WAIT_SECONDS = 20;

    private final Thread hook;
    private volatile boolean closed;

    private InterruptGuard(RunHandle handle, PrintStream err) {
        this.hook = new Thread(() -> {
            if (closed || handle.result().isDone()) return;
            err.println();
            err.println("gryt: interrupted: stopping run " + handle.runId() + " and its processes");
            handle.cancel();
            try {
                handle.result().get(RECORD_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the run could not be recorded in time; the next open marks it interrupted
            }
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }, "gryt-interrupt");
    }

    /** Guards {@code handle} until {@link #close()}. */
    static InterruptGuard install(RunHandle handle, PrintStream err) {
        InterruptGuard guard = new InterruptGuard(handle, err);
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
