package io.gryt.api.read;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An evolution with its pipeline run and the steps of that run, as an export holds it.
 *
 * @param rc         its RC number
 * @param tag        its tag
 * @param status     its status label
 * @param changes    the change ids it proves, in contract order
 * @param commit     the commit it ran on
 * @param runId      its pipeline run id, or {@code null}
 * @param allowDirty true when it ran on a dirty work tree
 * @param createdAt  when it was created
 * @param finishedAt when it ended, or {@code null}
 * @param run        its pipeline run, or {@code null} when none was recorded
 * @param steps      the run's steps, in the order they started (skipped steps last)
 * @param policyHash the SHA-256 of the policy file that applied to it, or {@code null} when there was none
 */
public record EvolutionRecord(long rc, String tag, String status, List<String> changes, String commit, String runId,
                              boolean allowDirty, Instant createdAt, Instant finishedAt, Run run, List<Step> steps,
                              String policyHash) {
    public EvolutionRecord {
        Objects.requireNonNull(tag, "tag");
        changes = List.copyOf(changes);
        steps = List.copyOf(steps);
    }

    /** An evolution without a recorded policy. */
    public EvolutionRecord(long rc, String tag, String status, List<String> changes, String commit, String runId,
                           boolean allowDirty, Instant createdAt, Instant finishedAt, Run run, List<Step> steps) {
        this(rc, tag, status, changes, commit, runId, allowDirty, createdAt, finishedAt, run, steps, null);
    }

    /**
     * An evolution's pipeline run.
     *
     * @param id         the run id
     * @param pipeline   the pipeline's name
     * @param status     its status label
     * @param startedAt  when it started
     * @param finishedAt when it ended, or {@code null}
     */
    public record Run(String id, String pipeline, String status, Instant startedAt, Instant finishedAt) {
    }

    /**
     * One step of a run with the artifacts, metrics, outputs and test cases it recorded.
     *
     * @param name       the step name
     * @param status     its status label
     * @param exitCode   the last attempt's exit code, or {@code null}
     * @param attempts   attempts made, or {@code null}
     * @param durationMs its duration in ms, or {@code null}
     * @param startedAt  when it started, or {@code null}
     * @param finishedAt when it ended, or {@code null}
     * @param error      a one-line failure reason, or {@code null}
     * @param recorded   its artifact, metric, output and test data rows, in the order they were recorded
     */
    public record Step(String name, String status, Long exitCode, Long attempts, Long durationMs, Instant startedAt,
                       Instant finishedAt, String error, List<Recorded> recorded) {
        public Step {
            recorded = List.copyOf(recorded);
        }
    }

    /**
     * An artifact ({@code sha256}, size in {@code number}) or metric ({@code number}) data row.
     *
     * @param id     the store's row id
     * @param kind   {@code artifact} or {@code metric}
     * @param name   the artifact path or metric name
     * @param value  a text value, or {@code null}
     * @param number the size or metric value, or {@code null}
     * @param sha256 the artifact's digest, or {@code null}
     */
    public record Recorded(long id, String kind, String name, String value, Double number, String sha256) {
    }
}
