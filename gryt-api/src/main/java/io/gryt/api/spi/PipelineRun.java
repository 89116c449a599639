package io.gryt.api.spi;

import io.gryt.api.CiRun;
import io.gryt.api.RunStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored pipeline run.
 *
 * @param id           the run id
 * @param pipelineName the pipeline's name
 * @param status       the run's status
 * @param startedAt    when it started
 * @param finishedAt   when it ended, or {@code null} while running
 * @param owner        the process that runs it
 * @param workDir      the directory it ran in
 * @param ci           the CI job it ran in, or {@code null} outside CI
 */
public record PipelineRun(String id, String pipelineName, RunStatus status, Instant startedAt, Instant finishedAt,
                          ProcessOwner owner, String workDir, CiRun ci) {
    public PipelineRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** A run outside CI. */
    public PipelineRun(String id, String pipelineName, RunStatus status, Instant startedAt, Instant finishedAt,
                       ProcessOwner owner, String workDir) {
        this(id, pipelineName, status, startedAt, finishedAt, owner, workDir, null);
    }
}
