package io.gryt.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable row of proof: a step result, a metric, an artifact with its digest, an output, a test case.
 *
 * @param runId      the run
 * @param step       the step
 * @param kind       what the row records
 * @param name       the metric name, the artifact path, or {@code "result"}
 * @param value      a text value (a status for results), or {@code null}
 * @param number     a numeric value (duration in ms for results, the metric's value, the artifact size)
 * @param sha256     the artifact digest, or {@code null}
 * @param recordedAt when it was recorded
 */
public record DataRow(String runId, String step, Kind kind, String name, String value, Double number, String sha256,
                      Instant recordedAt) {
    /** What a data row records. */
    public enum Kind {
        /** A step's final status ({@code value}) and duration in ms ({@code number}). */
        RESULT,
        /** A named numeric metric. */
        METRIC,
        /** A produced file: path in {@code name}, size in {@code number}, digest in {@code sha256}. */
        ARTIFACT,
        /** A named value the step wrote to {@code $GRYT_OUTPUT}: name in {@code name}, value (masked) in {@code value}. */
        OUTPUT,
        /**
         * A test case of a JUnit report: {@code class.name} in {@code name}, its status (then {@code ": "} and the
         * failure message, if any) in {@code value}, its time in ms in {@code number}.
         */
        TEST
    }

    public DataRow {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
