package io.gryt.sqlite;

import io.gryt.api.RunStatus;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.StepRun;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Maps rows of the run tables to the SPI's records (row readers for {@link Database#select}). */
final class RunRows {
    private RunRows() {
    }

    static PipelineRun pipelineRun(ResultSet rs) throws SQLException {
        String host = rs.getString("owner_host");
        ProcessOwner owner = host == null ? null
                : new ProcessOwner(rs.getLong("owner_pid"), host, Timestamps.parse(rs.getString("owner_start")));
        return new PipelineRun(rs.getString("id"), rs.getString("pipeline_name"),
                RunStatus.fromLabel(rs.getString("status")), Timestamps.parse(rs.getString("started_at")),
                Timestamps.parse(rs.getString("finished_at")), owner, rs.getString("work_dir"), ci(rs));
    }

    private static io.gryt.api.CiRun ci(ResultSet rs) throws SQLException {
        String provider = rs.getString("ci_provider");
        return provider == null ? null : new io.gryt.api.CiRun(provider, rs.getString("ci_url"), rs.getString("ci_actor"));
    }

    static StepRun stepRun(ResultSet rs) throws SQLException {
        return new StepRun(rs.getString("run_id"), rs.getString("step_name"),
                StepStatus.fromLabel(rs.getString("status")), nullableInt(rs, "exit_code"), rs.getInt("attempts"),
                Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("finished_at")),
                rs.getString("log_path"), rs.getString("error"), nullableLong(rs, "pid"));
    }

    static DataRow dataRow(ResultSet rs) throws SQLException {
        Double number = nullableDouble(rs, "number");
        return new DataRow(rs.getString("run_id"), rs.getString("step_name"), kind(rs.getString("kind")),
                rs.getString("name"), rs.getString("value"), number, rs.getString("sha256"),
                Timestamps.parse(rs.getString("recorded_at")));
    }

    static String label(DataRow.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static DataRow.Kind kind(String label) {
        return DataRow.Kind.valueOf(label.toUpperCase(Locale.ROOT));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
