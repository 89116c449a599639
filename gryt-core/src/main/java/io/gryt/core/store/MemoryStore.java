package io.gryt.core.store;

import io.gryt.core.release.Generations;
import io.gryt.api.BadInputException;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.OutboxStore;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete {@link Store} kept in memory, for tests and for embedders who do not want a database: runs,
 * releases (generations, evolutions, promotions) and the typed reads; no audit trail and no SQL. It enforces the
 * same rules as a database store (a run is started once, steps belong to a started run that has not ended, data
 * rows are append-only, RC numbers are unique and gap-free) and forgets everything when the JVM exits.
 *
 * <p>Thread-safe: every method is atomic. {@link #location()} is {@code memory}; after {@link #close()} every
 * call fails with a {@link StoreException}.
 */
public final class MemoryStore implements Store, RunStore {
    /** The value of {@link #location()}. */
    public static final String LOCATION = "memory";

    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private boolean closed;
    private final MemoryReleases releases = new MemoryReleases(this);
    private final RecordReads reads = new MemoryReads(this, releases);
    private final OutboxStore outbox = new MemoryOutbox(this);

    /** The runs, steps and rows of one pipeline run. */
    private static final class RunRecord {
        PipelineRun run;
        final Map<String, StepRun> steps = new LinkedHashMap<>();
        final List<DataRow> rows = new ArrayList<>();

        RunRecord(PipelineRun run) {
            this.run = run;
        }
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public RunStore runs() {
        return this;
    }

    /** Generations, evolutions and promotions, kept in memory with the same rules. */
    @Override
    public ReleaseStore releases() {
        return releases;
    }

    /** True: this store records releases (but keeps no audit trail). */
    @Override
    public boolean recordsReleases() {
        return true;
    }

    /** The outbox of events on their way to destinations, kept in memory. */
    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    /** Typed reads over what is kept in memory. */
    @Override
    public RecordReads reads() {
        return reads;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public synchronized void runStarted(PipelineRun run) {
        Objects.requireNonNull(run, "run");
        open();
        if (runs.containsKey(run.id())) throw new StoreException("run " + run.id() + " is already recorded");
        runs.put(run.id(), new RunRecord(run));
    }

    @Override
    public synchronized void stepStarted(String runId, String step, Instant at, Long pid) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        RunRecord record = runningRun(runId);
        if (record.steps.containsKey(step)) {
            throw new StoreException("step '" + step + "' of run " + runId + " is already recorded");
        }
        record.steps.put(step, new StepRun(runId, step, StepStatus.RUNNING, null, 0, at, null, null, null, pid));
    }

    @Override
    public synchronized void stepFinished(String runId, StepResult result, List<DataRow> rows) {
        Objects.requireNonNull(result, "result");
        RunRecord record = runningRun(runId);
        for (DataRow row : rows) {
            if (!row.runId().equals(runId) || !row.step().equals(result.name())) {
                throw new StoreException("data row " + row + " does not belong to step '" + result.name()
                        + "' of run " + runId);
            }
        }
        StepRun started = record.steps.get(result.name());
        if (started != null && started.status() != StepStatus.RUNNING) {
            throw new StoreException("step '" + result.name() + "' of run " + runId + " already ended");
        }
        record.steps.put(result.name(), new StepRun(runId, result.name(), result.status(), result.exitCode(),
                result.attempts(), started != null ? started.startedAt() : result.startedAt(), result.finishedAt(),
                result.logPath() == null ? null : result.logPath().toString(), result.error(),
                started != null ? started.pid() : null));
        record.rows.addAll(rows);
    }

    @Override
    public synchronized void stepRowsRecorded(String runId, String step, List<DataRow> rows) {
        Objects.requireNonNull(step, "step");
        open();
        RunRecord record = runs.get(Objects.requireNonNull(runId, "runId"));
        StepRun started = record == null ? null : record.steps.get(step);
        if (started == null || started.status() != StepStatus.RUNNING || record.run.status() != RunStatus.RUNNING) {
            throw new BadInputException("step '" + step + "' of run " + runId + " is not running: rows can only be"
                    + " added to a running step");
        }
        for (DataRow row : rows) {
            if (!row.runId().equals(runId) || !row.step().equals(step)) {
                throw new IllegalArgumentException("data row " + row + " does not belong to step '" + step
                        + "' of run " + runId);
            }
        }
        record.rows.addAll(rows);
    }

    @Override
    public synchronized void runFinished(String runId, RunStatus status, Instant at) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        RunRecord record = runningRun(runId);
        PipelineRun r = record.run;
        record.run = new PipelineRun(r.id(), r.pipelineName(), status, r.startedAt(), at, r.owner(), r.workDir(), r.ci());
    }

    @Override
    public synchronized boolean markInterrupted(String runId, Instant at) {
        open();
        RunRecord record = runs.get(runId);
        if (record == null || record.run.status() != RunStatus.RUNNING) return false;
        PipelineRun r = record.run;
        record.run = new PipelineRun(r.id(), r.pipelineName(), RunStatus.INTERRUPTED, r.startedAt(), at, r.owner(),
                r.workDir(), r.ci());
        record.steps.replaceAll((name, s) -> s.status() != StepStatus.RUNNING ? s
                : new StepRun(s.runId(), s.name(), StepStatus.INTERRUPTED, s.exitCode(), s.attempts(), s.startedAt(),
                at, s.logPath(), s.error(), s.pid()));
        return true;
    }

    @Override
    public synchronized Optional<PipelineRun> run(String runId) {
        open();
        return Optional.ofNullable(runs.get(runId)).map(r -> r.run);
    }

    @Override
    public synchronized List<PipelineRun> recent(int limit) {
        open();
        List<PipelineRun> all = new ArrayList<>();
        runs.values().forEach(r -> all.add(0, r.run));
        all.sort(Comparator.comparing(PipelineRun::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return List.copyOf(all.subList(0, Math.min(Math.max(limit, 0), all.size())));
    }

    @Override
    public synchronized List<PipelineRun> running() {
        open();
        return runs.values().stream().map(r -> r.run).filter(r -> r.status() == RunStatus.RUNNING).toList();
    }

    @Override
    public synchronized List<StepRun> steps(String runId) {
        open();
        RunRecord record = runs.get(runId);
        if (record == null) return List.of();
        List<StepRun> steps = new ArrayList<>(record.steps.values());
        steps.sort(Comparator.comparing(StepRun::startedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(steps);
    }

    @Override
    public synchronized List<DataRow> dataRows(String runId) {
        open();
        RunRecord record = runs.get(runId);
        return record == null ? List.of() : List.copyOf(record.rows);
    }

    private RunRecord runningRun(String runId) {
        open();
        RunRecord record = runs.get(Objects.requireNonNull(runId, "runId"));
        if (record == null) throw new StoreException("run " + runId + " is not recorded");
        if (record.run.status() != RunStatus.RUNNING) {
            throw new StoreException("run " + runId + " already ended (" + record.run.status().label() + ")");
        }
        return record;
    }

    /** Fails once the store is closed (callers hold the lock). */
    void requireOpen() {
        open();
    }

    /** Fails when closed; for the parts of this store. */
    synchronized void checkOpen() {
        open();
    }

    private void open() {
        if (closed) throw new StoreException("store " + LOCATION + " is closed");
    }

    @Override
    public String toString() {
        return "MemoryStore";
    }
}
