package io.gryt.api;

import java.util.concurrent.CompletableFuture;

/** A run in progress: wait for it or cancel it. */
public interface RunHandle {
    /** The run's id. */
    String runId();

    /** Cancels the run: running steps' process trees are killed, pending ones skipped; the run ends {@code cancelled}. */
    void cancel();

    /** Completes with the result once the run has ended and been recorded. */
    CompletableFuture<RunResult> result();

    /** Waits for the run to end and returns its result. */
    default RunResult await() {
        return result().join();
    }
}
