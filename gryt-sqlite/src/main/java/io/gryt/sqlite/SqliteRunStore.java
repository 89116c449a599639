package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.StoreException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.gryt.sqlite.AuditedTable.DATA_ROWS;
import static io.gryt.sqlite.AuditedTable.PIPELINE_RUNS;
import static io.gryt.sqlite.AuditedTable.STEP_RUNS;

/**
 * {@link RunStore} on the {@code pipeline_runs}, {@code step_runs} and {@code data_rows} tables. Each write
 * appends an audit entry with the rows it left, in the same transaction.
 */
final class SqliteRunStore implements RunStore {
    private static final String RUNNING = RunStatus.RUNNING.label();
    private static final String THE_RUN = "id = ?";
    private static final String THE_STEP = "run_id = ? AND step_name = ?";

    private final SqlDatabase db;
    private final AuditLog audit;

    SqliteRunStore(SqlDatabase db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    @Override
    public void runStarted(PipelineRun run) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(run.pipelineName(), "pipelineName");
        Objects.requireNonNull(run.startedAt(), "startedAt");
        ProcessOwner owner = run.owner();
        db.writeStepRecord("record the start of run " + run.id(), h -> {
            h.createUpdate("""
                            INSERT INTO pipeline_runs (id, pipeline_name, status, started_at, owner_pid, owner_host,
                                                       owner_start, work_dir, ci_provider, ci_url, ci_actor)
                            VALUES (:id, :pipeline, :status, :startedAt, :pid, :host, :processStart, :workDir,
                                    :ciProvider, :ciUrl, :ciActor)""")
                    .bind("id", run.id())
                    .bind("pipeline", run.pipelineName())
                    .bind("status", RUNNING)
                    .bindByType("startedAt", run.startedAt(), Instant.class)
                    .bind("pid", owner == null ? null : owner.pid())
                    .bind("host", owner == null ? null : owner.host())
                    .bindByType("processStart", owner == null ? null : owner.processStart(), Instant.class)
                    .bind("workDir", run.workDir())
                    .bind("ciProvider", run.ci() == null ? null : run.ci().provider())
                    .bind("ciUrl", run.ci() == null ? null : run.ci().url())
                    .bind("ciActor", run.ci() == null ? null : run.ci().actor())
                    .execute();
            return audit.append(h, "run.started", EntryPayload.on(h).rows(PIPELINE_RUNS, THE_RUN, run.id()));
        });
    }

    /** Each call counts one attempt; {@link #stepFinished} then records the engine's own count. */
    @Override
    public void stepStarted(String runId, String step, Instant at, Long pid) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        db.writeStepRecord("record the start of step " + step + " of run " + runId, h -> {
            h.createUpdate("""
                            INSERT INTO step_runs (run_id, step_name, status, attempts, started_at, pid)
                            VALUES (:run, :step, :status, 1, :at, :pid)
                            ON CONFLICT (run_id, step_name) DO UPDATE
                               SET status = excluded.status,
                                   attempts = step_runs.attempts + 1,
                                   started_at = COALESCE(step_runs.started_at, excluded.started_at),
                                   pid = excluded.pid""")
                    .bind("run", runId)
                    .bind("step", step)
                    .bind("status", StepStatus.RUNNING.label())
                    .bindByType("at", at, Instant.class)
                    .bind("pid", pid)
                    .execute();
            return audit.append(h, "step.started", EntryPayload.on(h).rows(STEP_RUNS, THE_STEP, runId, step));
        });
    }

    @Override
    public void stepFinished(String runId, StepResult result, List<DataRow> rows) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(result, "result");
        for (DataRow row : rows) {
            if (!row.runId().equals(runId) || !row.step().equals(result.name())) {
                throw new IllegalArgumentException("data row " + row.name() + " belongs to step " + row.step()
                        + " of run " + row.runId() + ", not to step " + result.name() + " of run " + runId);
            }
        }
        boolean timed = result.startedAt() != null && result.finishedAt() != null;
        db.writeStepRecord("record the result of step " + result.name() + " of run " + runId, h -> {
            long lastRow = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM data_rows").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO step_runs (run_id, step_name, status, exit_code, attempts, started_at,
                                                   finished_at, duration_ms, log_path, error)
                            VALUES (:run, :step, :status, :exitCode, :attempts, :startedAt, :finishedAt, :durationMs,
                                    :logPath, :error)
                            ON CONFLICT (run_id, step_name) DO UPDATE
                               SET status = excluded.status,
                                   exit_code = excluded.exit_code,
                                   attempts = excluded.attempts,
                                   started_at = COALESCE(excluded.started_at, step_runs.started_at),
                                   finished_at = excluded.finished_at,
                                   duration_ms = excluded.duration_ms,
                                   log_path = excluded.log_path,
                                   error = excluded.error""")
                    .bind("run", runId)
                    .bind("step", result.name())
                    .bind("status", result.status().label())
                    .bind("exitCode", result.exitCode())
                    .bind("attempts", result.attempts())
                    .bindByType("startedAt", result.startedAt(), Instant.class)
                    .bindByType("finishedAt", result.finishedAt(), Instant.class)
                    .bind("durationMs", timed ? result.duration().toMillis() : null)
                    .bind("logPath", result.logPath() == null ? null : result.logPath().toString())
                    .bind("error", result.error())
                    .execute();
            if (!rows.isEmpty()) {
                insert(h.prepareBatch("""
                        INSERT INTO data_rows (run_id, step_name, kind, name, value, number, sha256, recorded_at)
                        VALUES (:run, :step, :kind, :name, :value, :number, :sha256, :recordedAt)"""), rows);
            }
            return audit.append(h, "step.finished", EntryPayload.on(h)
                    .rows(STEP_RUNS, THE_STEP, runId, result.name())
                    .rows(DATA_ROWS, THE_STEP + " AND id > ?", runId, result.name(), lastRow));
        });
    }

    @Override
    public void stepRowsRecorded(String runId, String step, List<DataRow> rows) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        for (DataRow row : rows) {
            if (!row.runId().equals(runId) || !row.step().equals(step)) {
                throw new IllegalArgumentException("data row " + row.name() + " belongs to step " + row.step()
                        + " of run " + row.runId() + ", not to step " + step + " of run " + runId);
            }
        }
        if (rows.isEmpty()) return;
        db.write("record data rows of step " + step + " of run " + runId, h -> {
            boolean running = h.createQuery("""
                            SELECT COUNT(*) FROM step_runs s JOIN pipeline_runs r ON r.id = s.run_id
                             WHERE s.run_id = :run AND s.step_name = :step AND s.status = :running
                               AND r.status = :running""")
                    .bind("run", runId)
                    .bind("step", step)
                    .bind("running", RUNNING)
                    .mapTo(Long.class).one() > 0;
            if (!running) {
                throw new BadInputException("step '" + step + "' of run " + runId + " is not running: rows can only be"
                        + " added to a running step");
            }
            long lastRow = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM data_rows").mapTo(Long.class).one();
            insert(h.prepareBatch("""
                    INSERT INTO data_rows (run_id, step_name, kind, name, value, number, sha256, recorded_at)
                    VALUES (:run, :step, :kind, :name, :value, :number, :sha256, :recordedAt)"""), rows);
            return audit.append(h, "step.rows", EntryPayload.on(h)
                    .rows(DATA_ROWS, THE_STEP + " AND id > ?", runId, step, lastRow));
        });
    }

    private static void insert(PreparedBatch batch, List<DataRow> rows) {
        for (DataRow row : rows) {
            batch.bind("run", row.runId())
                    .bind("step", row.step())
                    .bind("kind", RunRows.label(row.kind()))
                    .bind("name", row.name())
                    .bind("value", row.value())
                    .bind("number", row.number())
                    .bind("sha256", row.sha256())
                    .bindByType("recordedAt", row.recordedAt(), Instant.class)
                    .add();
        }
        batch.execute();
    }

    /** Ends a run that is still running; a run that already ended (say, marked interrupted) is left as it is. */
    @Override
    public void runFinished(String runId, RunStatus status, Instant at) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        if (Objects.requireNonNull(status, "status") == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a run cannot finish as running: " + runId);
        }
        boolean known = db.write("record the end of run " + runId, h -> {
            int changed = h.createUpdate("""
                            UPDATE pipeline_runs SET status = :status, finished_at = :at
                             WHERE id = :id AND status = :running""")
                    .bind("status", status.label())
                    .bindByType("at", at, Instant.class)
                    .bind("id", runId)
                    .bind("running", RUNNING)
                    .execute();
            if (changed > 0) {
                audit.append(h, "run.finished", EntryPayload.on(h).rows(PIPELINE_RUNS, THE_RUN, runId));
                return true;
            }
            return exists(h, runId);
        });
        if (!known) {
            throw new StoreException(db.location() + ": cannot record the end of run " + runId + ": no such run");
        }
    }

    @Override
    public boolean markInterrupted(String runId, Instant at) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        return db.write("mark run " + runId + " interrupted", h -> {
            int changed = h.createUpdate("""
                            UPDATE pipeline_runs SET status = :interrupted, finished_at = :at
                             WHERE id = :id AND status = :running""")
                    .bind("interrupted", RunStatus.INTERRUPTED.label())
                    .bindByType("at", at, Instant.class)
                    .bind("id", runId)
                    .bind("running", RUNNING)
                    .execute();
            if (changed == 0) {
                return false;
            }
            h.createUpdate("""
                            UPDATE step_runs SET status = :interrupted, finished_at = :at
                             WHERE run_id = :id AND status = :running""")
                    .bind("interrupted", StepStatus.INTERRUPTED.label())
                    .bindByType("at", at, Instant.class)
                    .bind("id", runId)
                    .bind("running", StepStatus.RUNNING.label())
                    .execute();
            audit.append(h, "run.interrupted", EntryPayload.on(h)
                    .rows(PIPELINE_RUNS, THE_RUN, runId)
                    .rows(STEP_RUNS, "run_id = ?", runId));
            return true;
        });
    }

    @Override
    public Optional<PipelineRun> run(String runId) {
        return db.selectFirst("read run " + runId, "SELECT * FROM pipeline_runs WHERE id = ?", RunRows::pipelineRun,
                runId);
    }

    @Override
    public List<PipelineRun> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return db.select("read recent runs", """
                SELECT * FROM pipeline_runs ORDER BY started_at DESC, rowid DESC LIMIT ?""", RunRows::pipelineRun, limit);
    }

    @Override
    public List<PipelineRun> running() {
        return db.select("read running runs", """
                SELECT * FROM pipeline_runs WHERE status = ? ORDER BY started_at, rowid""", RunRows::pipelineRun, RUNNING);
    }

    @Override
    public List<StepRun> steps(String runId) {
        return db.select("read the steps of run " + runId, """
                SELECT * FROM step_runs WHERE run_id = ?
                 ORDER BY started_at IS NULL, started_at, id""", RunRows::stepRun, runId);
    }

    @Override
    public List<DataRow> dataRows(String runId) {
        return db.select("read the data rows of run " + runId, "SELECT * FROM data_rows WHERE run_id = ? ORDER BY id",
                RunRows::dataRow, runId);
    }

    @Override
    public List<PipelineRun> runs(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        // The run ids travel as one JSON array parameter, so that any number of them fits in one statement.
        return db.select("read " + runIds.size() + " run(s)",
                "SELECT * FROM pipeline_runs WHERE id IN (SELECT value FROM json_each(?))", RunRows::pipelineRun,
                Json.array(runIds));
    }

    @Override
    public List<DataRow> dataRows(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return db.select("read the data rows of " + runIds.size() + " run(s)",
                "SELECT * FROM data_rows WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, id",
                RunRows::dataRow, Json.array(runIds));
    }

    private static boolean exists(Handle h, String runId) {
        return h.createQuery("SELECT 1 FROM pipeline_runs WHERE id = :id").bind("id", runId).mapTo(Integer.class)
                .findOne().isPresent();
    }
}
