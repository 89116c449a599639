package io.gryt.api.spi;

import io.gryt.api.StepStatus;

import java.time.Instant;

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
}
