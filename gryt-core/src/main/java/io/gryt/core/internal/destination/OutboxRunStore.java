package io.gryt.core.internal.destination;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.RunFinished;
import io.gryt.api.event.RunStarted;
import io.gryt.api.event.StepFailed;
import io.gryt.api.event.StepFinished;
import io.gryt.api.event.StepStarted;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RunStore} whose writes carry their events to the outbox: a run's start and end, each step's attempts and
 * result are written together with the events that describe them, in one transaction.
 */
final class OutboxRunStore implements RunStore {
    private final RunStore runs;
    private final Outbox outbox;
    /** Runs started and not ended through this store: their pipeline and start, for {@link RunFinished}. */
    private final Map<String, PipelineRun> started = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    OutboxRunStore(RunStore runs, Outbox outbox) {
        this.runs = runs;
        this.outbox = outbox;
    }

    @Override
    public void runStarted(PipelineRun run) {
        outbox.recording(List.of(new RunStarted(run.id(), run.pipelineName(), run.startedAt())), () -> {
            runs.runStarted(run);
            return null;
        });
        started.put(run.id(), run);
    }

    @Override
    public void stepStarted(String runId, String step, Instant at, Long pid) {
        int attempt = attempts.merge(runId + "\n" + step, 1, Integer::sum);
        outbox.recording(List.of(new StepStarted(runId, step, attempt, at)), () -> {
            runs.stepStarted(runId, step, at, pid);
            return null;
        });
    }

    @Override
    public void stepFinished(String runId, StepResult result, List<DataRow> rows) {
        attempts.remove(runId + "\n" + result.name());
        Instant at = result.finishedAt() != null ? result.finishedAt() : Instant.now();
        List<GrytEvent> events = new ArrayList<>();
        events.add(new StepFinished(runId, result.name(), result.status(), result.attempts(), result.duration(), at));
        if (result.status() == StepStatus.FAIL || result.status() == StepStatus.TIMEOUT) {
            events.add(new StepFailed(runId, result.name(), result.status(), result.exitCode(), result.error(),
                    result.attempts(), result.duration(), at));
        }
        outbox.recording(events, () -> {
            runs.stepFinished(runId, result, rows);
            return null;
        });
    }

    @Override
    public void runFinished(String runId, RunStatus status, Instant at) {
        PipelineRun run = Optional.ofNullable(started.remove(runId)).or(() -> runs.run(runId)).orElse(null);
        if (run == null) {
            runs.runFinished(runId, status, at); // the store refuses an unknown run in its own words
            return;
        }
        Duration took = run.startedAt() == null || at.isBefore(run.startedAt()) ? Duration.ZERO
                : Duration.between(run.startedAt(), at);
        outbox.recording(List.of(new RunFinished(runId, run.pipelineName(), status, took, at)), () -> {
            runs.runFinished(runId, status, at);
            return null;
        });
    }

    @Override
    public boolean markInterrupted(String runId, Instant at) {
        return runs.markInterrupted(runId, at);
    }

    @Override
    public Optional<PipelineRun> run(String runId) {
        return runs.run(runId);
    }

    @Override
    public List<PipelineRun> recent(int limit) {
        return runs.recent(limit);
    }

    @Override
    public List<PipelineRun> running() {
        return runs.running();
    }

    @Override
    public List<StepRun> steps(String runId) {
        return runs.steps(runId);
    }

    @Override
    public Set<String> pipelineNames(Collection<String> runIds) {
        return runs.pipelineNames(runIds);
    }

    @Override
    public Map<String, Duration> lastStepDurations(String pipeline) {
        return runs.lastStepDurations(pipeline);
    }

    @Override
    public List<DataRow> dataRows(String runId) {
        return runs.dataRows(runId);
    }

    @Override
    public List<PipelineRun> runs(Collection<String> runIds) {
        return runs.runs(runIds);
    }

    @Override
    public List<DataRow> dataRows(Collection<String> runIds) {
        return runs.dataRows(runIds);
    }
}
