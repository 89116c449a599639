package io.gryt.core.internal.exec;

import io.gryt.api.StepResult;
import io.gryt.api.spi.DataRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The data rows that prove a step's result: its status and duration, each metric, each artifact. */
final class ResultRows {
    private ResultRows() {
    }

    /** One {@code RESULT} row, then {@code METRIC} rows sorted by name, then {@code ARTIFACT} rows. */
    static List<DataRow> of(String runId, StepResult r) {
        Instant now = Instant.now();
        List<DataRow> rows = new ArrayList<>();
        rows.add(new DataRow(runId, r.name(), DataRow.Kind.RESULT, "result", r.status().label(),
                (double) r.duration().toMillis(), null, now));
        r.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(m -> rows.add(
                new DataRow(runId, r.name(), DataRow.Kind.METRIC, m.getKey(), null, m.getValue(), null, now)));
        r.artifacts().forEach(a -> rows.add(new DataRow(runId, r.name(), DataRow.Kind.ARTIFACT, a.path(), null,
                (double) a.size(), a.sha256(), now)));
        return List.copyOf(rows);
    }
}
