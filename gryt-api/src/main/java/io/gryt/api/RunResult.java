package io.gryt.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a pipeline run, as recorded in the store.
 *
 * @param runId        the run's id (also the name of its log directory)
 * @param pipelineName the pipeline's name
 * @param status       how the run ended
 * @param startedAt    when it started
 * @param finishedAt   when it ended
 * @param steps        one result per step, in the pipeline's declaration order
 * @param logDir       the directory holding the steps' logs ({@code .gryt/runs/<run-id>})
 */
public record RunResult(String runId, String pipelineName, RunStatus status, Instant startedAt, Instant finishedAt,
                        List<StepResult> steps, Path logDir) {
    public RunResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
    }

    /** True when the run passed. */
    public boolean passed() {
        return status == RunStatus.PASS;
    }

    /** The result of the named step. */
    public Optional<StepResult> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Wall-clock duration of the run. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
