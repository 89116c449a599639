package io.gryt.api.read;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A pipeline run that ended in pass or fail: one point of the duration series.
 *
 * @param runId      the run id
 * @param status     {@code pass} or {@code fail}
 * @param startedAt  when it started
 * @param finishedAt when it ended
 */
public record FinishedRun(String runId, String status, Instant startedAt, Instant finishedAt) {
    public FinishedRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** Its wall-clock duration. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
