package io.gryt.api.spi;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records pipeline runs. Data rows are append-only: once written they are never updated or deleted.
 * Each method is one transaction.
 */
public interface RunStore {
    /** Records a new run in state {@code running}. */
    void runStarted(PipelineRun run);

    /**
     * Records that a step started. {@code pid} is the process (and process group) the step runs as, so that a
     * later recovery can kill what a crashed gryt left behind; {@code null} for lambda steps.
     */
    void stepStarted(String runId, String step, Instant at, Long pid);

    /** Records a step's final result together with its data rows. */
    void stepFinished(String runId, StepResult result, List<DataRow> rows);

    /** Records the end of a run. */
    void runFinished(String runId, RunStatus status, Instant at);

    /**
     * Marks a run whose owner process died as {@code interrupted}, with its running steps. Does nothing when
     * the run already ended. Returns true when it changed the run.
     */
    boolean markInterrupted(String runId, Instant at);

    /** One run. */
    Optional<PipelineRun> run(String runId);

    /** The most recent runs, newest first. */
    List<PipelineRun> recent(int limit);

    /** Runs still recorded as {@code running}. */
    List<PipelineRun> running();

    /** A run's steps, in the order they started (skipped steps last). */
    List<StepRun> steps(String runId);

    /** A run's data rows, in the order they were recorded. */
    List<DataRow> dataRows(String runId);
}
