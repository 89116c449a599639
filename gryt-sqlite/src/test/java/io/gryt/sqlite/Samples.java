package io.gryt.sqlite;

import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.RunStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs, results and rows to record in tests. */
final class Samples {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    static final ProcessOwner OWNER = new ProcessOwner(4242, "build-host", Instant.parse("2025-03-01T09:59:58.5Z"));

    private Samples() {
    }

    static PipelineRun run(String id, Instant startedAt) {
        return new PipelineRun(id, "ci", RunStatus.RUNNING, startedAt, null, OWNER, "/work/project");
    }

    static StepResult passed(String step, Instant startedAt, Instant finishedAt) {
        return new StepResult(step, StepStatus.PASS, 0, 1, startedAt, finishedAt,
                Path.of(".gryt/runs/r1/" + step + ".log"), null, List.of("ok"), List.of(), Map.of());
    }

    static DataRow result(String runId, String step, StepStatus status, double millis, Instant at) {
        return new DataRow(runId, step, DataRow.Kind.RESULT, "result", status.label(), millis, null, at);
    }

    static DataRow metric(String runId, String step, String name, double value, Instant at) {
        return new DataRow(runId, step, DataRow.Kind.METRIC, name, null, value, null, at);
    }

    static DataRow artifact(String runId, String step, String path, long size, String sha256, Instant at) {
        return new DataRow(runId, step, DataRow.Kind.ARTIFACT, path, null, (double) size, sha256, at);
    }
}
