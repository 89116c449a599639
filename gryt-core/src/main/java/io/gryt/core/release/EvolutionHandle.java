package io.gryt.core.release;

import io.gryt.api.release.Evolution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** An evolution in progress: its RC tag is allocated; wait for it or cancel it. */
public interface EvolutionHandle {
    /** The evolution as recorded when it started (status {@code running}). */
    Evolution started();

    /** Cancels its pipeline run; the evolution ends {@code interrupted} and is still tagged. */
    void cancel();

    /** Like {@link #cancel()}, for when the process is being stopped: the run is recorded interrupted too. */
    void interrupt();

    /** Completes with the final evolution once it is recorded and tagged. */
    CompletableFuture<Evolution> result();

    /** Waits for the final evolution; a failure to record or tag it is thrown as it was raised. */
    default Evolution await() {
        try {
            return result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }
}
