package io.gryt.core.internal.exec;

import io.gryt.api.StepResult;
import io.gryt.api.spi.DataRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data rows that prove a step's result: its status and duration, each metric, each artifact, each output,
 * each test case of its reports.
 */
final class ResultRows {
    private ResultRows() {
    }

    /**
     * One {@code RESULT} row, then {@code METRIC} rows sorted by name, then {@code ARTIFACT} rows, {@code OUTPUT}
     * rows sorted by name and {@code TEST} rows in report order.
     */
    static List<DataRow> of(String runId, StepResult r) {
        Instant now = Instant.now();
        List<DataRow> rows = new ArrayList<>();
        rows.add(new DataRow(runId, r.name(), DataRow.Kind.RESULT, "result", r.status().label(),
                (double) r.duration().toMillis(), null, now));
        r.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(m -> rows.add(
                new DataRow(runId, r.name(), DataRow.Kind.METRIC, m.getKey(), null, m.getValue(), null, now)));
        r.artifacts().forEach(a -> rows.add(new DataRow(runId, r.name(), DataRow.Kind.ARTIFACT, a.path(), null,
                (double) a.size(), a.sha256(), now)));
        r.outputs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(o -> rows.add(
                new DataRow(runId, r.name(), DataRow.Kind.OUTPUT, o.getKey(), o.getValue(), null, null, now)));
        r.testCases().forEach(t -> rows.add(new DataRow(runId, r.name(), DataRow.Kind.TEST, t.fullName(),
                t.message() == null ? t.status().label() : t.status().label() + ": " + t.message(),
                (double) t.time().toMillis(), null, now)));
        return List.copyOf(rows);
    }
}
