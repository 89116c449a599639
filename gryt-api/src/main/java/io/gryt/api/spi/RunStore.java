package io.gryt.api.spi;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Records data rows of step {@code step} of run {@code runId} while the step runs: evidence that the step's own
     * process reports, such as the results of a test suite run with gryt-junit's {@code @Proves}. Every row must
     * belong to that step, which must be recorded as running.
     *
     * @throws io.gryt.api.BadInputException when the run or step is unknown or the step is not running
     * @throws StoreException when the store cannot add rows to a running step (the default)
     */
    default void stepRowsRecorded(String runId, String step, List<DataRow> rows) {
        throw new StoreException(getClass().getSimpleName() + " cannot record data rows while a step runs");
    }

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

    /**
     * The runs among {@code runIds} that are recorded, in no particular order: one read for many runs (by default
     * {@link #run} for each; stores override it with one query).
     */
    default List<PipelineRun> runs(Collection<String> runIds) {
        List<PipelineRun> found = new ArrayList<>();
        for (String id : runIds) run(id).ifPresent(found::add);
        return found;
    }

    /**
     * The data rows of the runs {@code runIds} (each {@link DataRow#runId()} says whose), each run's in the order
     * they were recorded: one read for many runs (by default {@link #dataRows(String)} for each; stores override it
     * with one query).
     */
    default List<DataRow> dataRows(Collection<String> runIds) {
        List<DataRow> rows = new ArrayList<>();
        for (String id : runIds) rows.addAll(dataRows(id));
        return rows;
    }

    /**
     * The names of the pipelines that the recorded runs among {@code runIds} ran, each once, in no particular order:
     * one read (by default through {@link #runs(Collection)}; stores override it with one that reads only names).
     */
    default Set<String> pipelineNames(Collection<String> runIds) {
        Set<String> names = new HashSet<>();
        for (PipelineRun run : runs(runIds)) names.add(run.pipelineName());
        return names;
    }

    /** How many of the newest runs {@link #lastStepDurations} looks among. */
    int STEP_HISTORY_RUNS = 1000;

    /**
     * How long each step took in the newest run of pipeline {@code pipeline} that passed or failed, among the newest
     * {@link #STEP_HISTORY_RUNS} runs, by step name (only steps that passed, failed or timed out, timed from their
     * first start to their end); empty when there is none. The engine weighs steps by it to start those on the
     * longest remaining path first. By default read through {@link #recent} and {@link #steps}; stores override it.
     */
    default Map<String, Duration> lastStepDurations(String pipeline) {
        for (PipelineRun run : recent(STEP_HISTORY_RUNS)) {
            if (!run.pipelineName().equals(pipeline)) continue;
            if (run.status() == RunStatus.PASS || run.status() == RunStatus.FAIL) return durations(steps(run.id()));
        }
        return Map.of();
    }

    /** How long each of {@code steps} that passed, failed or timed out took, from its first start to its end. */
    private static Map<String, Duration> durations(List<StepRun> steps) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        for (StepRun step : steps) {
            boolean ended = step.status() == StepStatus.PASS || step.status() == StepStatus.FAIL
                    || step.status() == StepStatus.TIMEOUT;
            if (ended && step.startedAt() != null && step.finishedAt() != null) {
                durations.put(step.name(), Duration.between(step.startedAt(), step.finishedAt()));
            }
        }
        return durations;
    }
}
