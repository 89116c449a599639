package io.gryt.core.internal.exec;

import java.util.Map;

/** Runs attempts of one step: a process or a lambda. */
interface AttemptRunner {
    /** Called when an attempt has started, with the pid of its process ({@code null} when there is none). */
    @FunctionalInterface
    interface StartCallback {
        void started(int attempt, Long pid);
    }

    /**
     * Runs attempt number {@code attempt}, writing its output to {@code log}. Calls {@code started} once the
     * attempt is under way (or could not start). A runtime exception from {@code started} propagates after
     * the attempt's processes were killed.
     */
    AttemptOutcome run(int attempt, StepLog log, StartCallback started);

    /** Stops the current attempt (killing its process tree) and any later one; safe from any thread. */
    void cancel();

    /** The metrics the last attempt recorded. */
    Map<String, Double> metrics();
}
