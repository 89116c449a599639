package io.gryt.api.spi;

import io.gryt.api.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored step of a run.
 *
 * @param runId      the run
 * @param name       the step name
 * @param status     its status
 * @param exitCode   the last attempt's exit code, or {@code null}
 * @param attempts   attempts made
 * @param startedAt  first start, or {@code null} when skipped
 * @param finishedAt last end, or {@code null}
 * @param logPath    the log file, or {@code null}
 * @param error      a one-line failure reason, or {@code null}
 * @param pid        the process (group) id while it ran, or {@code null}
 */
public record StepRun(String runId, String name, StepStatus status, Integer exitCode, int attempts, Instant startedAt,
                      Instant finishedAt, String logPath, String error, Long pid) {

    /**
     * How long each of {@code steps} that ran to an end (passed, failed or timed out) took, from its first start to
     * its end, by name, in their order.
     */
    public static Map<String, Duration> durations(List<StepRun> steps) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        for (StepRun step : steps) {
            boolean ended = step.status == StepStatus.PASS || step.status == StepStatus.FAIL
                    || step.status == StepStatus.TIMEOUT;
            if (ended && step.startedAt != null && step.finishedAt != null) {
                durations.put(step.name, Duration.between(step.startedAt, step.finishedAt));
            }
        }
        return durations;
    }
}
