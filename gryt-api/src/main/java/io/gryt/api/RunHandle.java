package io.gryt.api;

import java.util.concurrent.CompletableFuture;

/** A run in progress: wait for it or cancel it. */
public interface RunHandle {
    /** The run's id. */
    String runId();

    /** Cancels the run: running steps' process trees are killed, pending ones skipped; the run ends {@code cancelled}. */
    void cancel();

    /**
     * Stops the run because the process running it is being stopped (SIGINT, SIGTERM): like {@link #cancel()},
     * but the run is recorded as {@link RunStatus#INTERRUPTED}. gryt does this itself when the JVM shuts down
     * during a run.
     */
    void interrupt();

    /**
     * Completes with the result once the run has ended and been recorded; completes exceptionally with the
     * store's {@link io.gryt.api.spi.StoreException} when the run could not be recorded.
     */
    CompletableFuture<RunResult> result();

    /**
     * Waits for the run to end and returns its result.
     *
     * @throws java.util.concurrent.CompletionException wrapping the store's failure when the run could not be
     *                                                  recorded
     */
    default RunResult await() {
        return result().join();
    }
}
