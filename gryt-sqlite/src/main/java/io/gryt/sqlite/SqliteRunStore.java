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
import io.gryt.api.audit.AuditEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
        db.writeStepRecord("record the start of run " + run.id(), c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO pipeline_runs (id, pipeline_name, status, started_at, owner_pid, owner_host, owner_start,
                                               work_dir, ci_provider, ci_url, ci_actor)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, run.id());
                insert.setString(2, run.pipelineName());
                insert.setString(3, RUNNING);
                insert.setString(4, Timestamps.format(run.startedAt()));
                setLong(insert, 5, owner == null ? null : owner.pid());
                insert.setString(6, owner == null ? null : owner.host());
                insert.setString(7, owner == null ? null : Timestamps.format(owner.processStart()));
                insert.setString(8, run.workDir());
                insert.setString(9, run.ci() == null ? null : run.ci().provider());
                insert.setString(10, run.ci() == null ? null : run.ci().url());
                insert.setString(11, run.ci() == null ? null : run.ci().actor());
                insert.executeUpdate();
            }
            return audit.append(c, "run.started", EntryPayload.on(c).rows(PIPELINE_RUNS, THE_RUN, run.id()));
        });
    }

    /** Each call counts one attempt; {@link #stepFinished} then records the engine's own count. */
    @Override
    public void stepStarted(String runId, String step, Instant at, Long pid) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        db.writeStepRecord("record the start of step " + step + " of run " + runId, c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO step_runs (run_id, step_name, status, attempts, started_at, pid)
                    VALUES (?, ?, ?, 1, ?, ?)
                    ON CONFLICT (run_id, step_name) DO UPDATE
                       SET status = excluded.status,
                           attempts = step_runs.attempts + 1,
                           started_at = COALESCE(step_runs.started_at, excluded.started_at),
                           pid = excluded.pid""")) {
                upsert.setString(1, runId);
                upsert.setString(2, step);
                upsert.setString(3, StepStatus.RUNNING.label());
                upsert.setString(4, Timestamps.format(at));
                setLong(upsert, 5, pid);
                upsert.executeUpdate();
            }
            return audit.append(c, "step.started", EntryPayload.on(c).rows(STEP_RUNS, THE_STEP, runId, step));
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
        db.writeStepRecord("record the result of step " + result.name() + " of run " + runId, c -> {
            long lastRow = rows.isEmpty() ? 0 : lastDataRow(c);
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO step_runs (run_id, step_name, status, exit_code, attempts, started_at, finished_at,
                                           duration_ms, log_path, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id, step_name) DO UPDATE
                       SET status = excluded.status,
                           exit_code = excluded.exit_code,
                           attempts = excluded.attempts,
                           started_at = COALESCE(excluded.started_at, step_runs.started_at),
                           finished_at = excluded.finished_at,
                           duration_ms = excluded.duration_ms,
                           log_path = excluded.log_path,
                           error = excluded.error""")) {
                upsert.setString(1, runId);
                upsert.setString(2, result.name());
                upsert.setString(3, result.status().label());
                setLong(upsert, 4, result.exitCode() == null ? null : result.exitCode().longValue());
                upsert.setLong(5, result.attempts());
                upsert.setString(6, Timestamps.format(result.startedAt()));
                upsert.setString(7, Timestamps.format(result.finishedAt()));
                setLong(upsert, 8, timed ? result.duration().toMillis() : null);
                upsert.setString(9, result.logPath() == null ? null : result.logPath().toString());
                upsert.setString(10, result.error());
                upsert.executeUpdate();
            }
            EntryPayload payload = EntryPayload.on(c).rows(STEP_RUNS, THE_STEP, runId, result.name());
            if (rows.isEmpty()) {
                payload.rows(DATA_ROWS, List.of()); // the entry names the table all the same
            } else {
                insert(c, rows);
                payload.rows(DATA_ROWS, THE_STEP + " AND id > ?", runId, result.name(), lastRow);
            }
            return audit.append(c, "step.finished", payload);
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
            return ((SqlDatabase.RecordWrite<AuditEntry>) c -> {
                long lastRow = lastDataRow(c);
                insert(c, rows);
                return audit.append(c, "step.rows", EntryPayload.on(c)
                        .rows(DATA_ROWS, THE_STEP + " AND id > ?", runId, step, lastRow));
            }).on(h);
        });
    }

    /** The highest id of {@code data_rows} (0 when empty): the rows a write adds come after it. */
    private static long lastDataRow(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM data_rows");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, List<DataRow> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO data_rows (run_id, step_name, kind, name, value, number, sha256, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (DataRow row : rows) {
                insert.setString(1, row.runId());
                insert.setString(2, row.step());
                insert.setString(3, RunRows.label(row.kind()));
                insert.setString(4, row.name());
                insert.setString(5, row.value());
                if (row.number() == null) insert.setNull(6, Types.DOUBLE);
                else insert.setDouble(6, row.number());
                insert.setString(7, row.sha256());
                insert.setString(8, Timestamps.format(row.recordedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) statement.setNull(index, Types.BIGINT);
        else statement.setLong(index, value);
    }

    /** Ends a run that is still running; a run that already ended (say, marked interrupted) is left as it is. */
    @Override
    public void runFinished(String runId, RunStatus status, Instant at) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        if (Objects.requireNonNull(status, "status") == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a run cannot finish as running: " + runId);
        }
        boolean known = db.writeRunRecord("record the end of run " + runId, c -> {
            int changed;
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE pipeline_runs SET status = ?, finished_at = ? WHERE id = ? AND status = ?""")) {
                update.setString(1, status.label());
                update.setString(2, Timestamps.format(at));
                update.setString(3, runId);
                update.setString(4, RUNNING);
                changed = update.executeUpdate();
            }
            if (changed > 0) {
                audit.append(c, "run.finished", EntryPayload.on(c).rows(PIPELINE_RUNS, THE_RUN, runId));
                return true;
            }
            try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pipeline_runs WHERE id = ?")) {
                query.setString(1, runId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next();
                }
            }
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

    /** One read of the recorded durations of the newest passed or failed run among the newest runs. */
    @Override
    public Map<String, Duration> lastStepDurations(String pipeline) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> step : db.select("read the step durations of pipeline " + pipeline, """
                SELECT step_name, duration_ms FROM step_runs
                 WHERE run_id = (SELECT id FROM (SELECT id, pipeline_name, status, started_at FROM pipeline_runs
                                                  ORDER BY started_at DESC, rowid DESC LIMIT ?) AS newest
                                  WHERE pipeline_name = ? AND status IN (?, ?)
                                  ORDER BY started_at DESC LIMIT 1)
                   AND status IN (?, ?, ?) AND duration_ms IS NOT NULL
                 ORDER BY id""", rs -> Map.entry(rs.getString(1), Duration.ofMillis(rs.getLong(2))),
                STEP_HISTORY_RUNS, pipeline, RunStatus.PASS.label(), RunStatus.FAIL.label(),
                StepStatus.PASS.label(), StepStatus.FAIL.label(), StepStatus.TIMEOUT.label())) {
            durations.put(step.getKey(), step.getValue());
        }
        return durations;
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
    public Set<String> pipelineNames(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select("read the pipelines of " + runIds.size() + " run(s)",
                "SELECT DISTINCT pipeline_name FROM pipeline_runs WHERE id IN (SELECT value FROM json_each(?))",
                rs -> rs.getString(1), Json.array(runIds)));
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
}
