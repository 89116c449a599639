package io.gryt.sqlite;

import io.gryt.api.read.ArtifactRecord;
import io.gryt.api.read.FinishedRun;
import io.gryt.api.read.FlakyStep;
import io.gryt.api.read.GenerationRecord;
import io.gryt.api.read.PromotionRecord;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The typed reads of {@link SqliteReads} as a Jdbi SqlObject: one annotated query per read, rows mapped to
 * records by their constructors (columns are named after the components). The SQL is standard except where a
 * method says so; a store of another dialect can extend this interface and override those methods with its own
 * {@code @SqlQuery}. A {@code :version} that is null means every generation.
 */
@RegisterConstructorMapper(GenerationRecord.class)
@RegisterConstructorMapper(PromotionRecord.class)
@RegisterConstructorMapper(ArtifactRecord.class)
@RegisterConstructorMapper(FinishedRun.class)
@RegisterConstructorMapper(FlakyStep.class)
@RegisterConstructorMapper(ReadQueries.ChangeProofRow.class)
@RegisterConstructorMapper(ReadQueries.EvolutionStepRow.class)
@RegisterConstructorMapper(ReadQueries.StatusCount.class)
interface ReadQueries {
    @SqlQuery("""
            SELECT id, version, description, status, hotfix_of, pipeline_template, contract_hash, file_path AS file,
                   created_at, promoted_at
              FROM generations
             WHERE :version IS NULL OR version = :version
             ORDER BY created_at, id""")
    List<GenerationRecord> generations(@Bind("version") String version);

    /** One row per change and evolution naming it (the evolution columns null when none does). */
    @SqlQuery("""
            SELECT c.change_id AS change_id, c.type AS type, c.title AS title, c.description AS description,
                   e.tag AS tag, e.status AS status, e.commit_sha AS commit_sha, e.pipeline_run_id AS run_id
              FROM generation_changes c
              JOIN generations g ON g.id = c.generation_id
              LEFT JOIN evolution_changes ec ON ec.change_id = c.id
              LEFT JOIN evolutions e ON e.id = ec.evolution_id
             WHERE g.version = :version
             ORDER BY c.position, c.id, e.rc_number""")
    void changeProofs(@Bind("version") String version, Consumer<ChangeProofRow> each);

    /**
     * One row per evolution, step and artifact-or-metric data row of the step. SQLite dialect: the change ids
     * are joined with {@code group_concat(... ORDER BY ...)}.
     */
    @SqlQuery("""
            SELECT e.rc_number AS rc, e.tag AS tag, e.status AS status, e.commit_sha AS commit_sha,
                   e.pipeline_run_id AS run_id, e.allow_dirty AS allow_dirty, e.created_at AS created_at,
                   e.finished_at AS finished_at, e.policy_hash AS policy_hash,
                   (SELECT group_concat(c.change_id, ',' ORDER BY c.position)
                    FROM evolution_changes ec JOIN generation_changes c ON c.id = ec.change_id
                    WHERE ec.evolution_id = e.id) AS changes,
                   r.id AS run, r.pipeline_name AS pipeline, r.status AS run_status, r.started_at AS run_started,
                   r.finished_at AS run_finished,
                   s.step_name AS step, s.status AS step_status, s.exit_code AS exit_code, s.attempts AS attempts,
                   s.duration_ms AS duration_ms, s.started_at AS step_started, s.finished_at AS step_finished,
                   s.error AS error,
                   d.id AS row_id, d.kind AS kind, d.name AS name, d.value AS value, d.number AS number,
                   d.sha256 AS sha256
              FROM evolutions e
              JOIN generations g ON g.id = e.generation_id
              LEFT JOIN pipeline_runs r ON r.id = e.pipeline_run_id
              LEFT JOIN step_runs s ON s.run_id = e.pipeline_run_id
              LEFT JOIN data_rows d ON d.run_id = s.run_id AND d.step_name = s.step_name
                                   AND d.kind IN ('artifact', 'metric', 'output', 'test')
             WHERE g.version = :version
             ORDER BY e.rc_number, s.started_at IS NULL, s.started_at, s.step_name, d.id""")
    void evolutionSteps(@Bind("version") String version, Consumer<EvolutionStepRow> each);

    @SqlQuery("""
            SELECT p.id, p.status, p.commit_sha AS "commit", p.tag, p.started_at, p.finished_at, p.gate_report AS report
              FROM promotions p JOIN generations g ON g.id = p.generation_id
             WHERE g.version = :version
             ORDER BY p.id""")
    List<PromotionRecord> promotions(@Bind("version") String version);

    @SqlQuery("""
            SELECT e.status AS status, COUNT(*) AS n, MIN(e.rc_number) AS first, MAX(e.rc_number) AS last
              FROM evolutions e JOIN generations g ON g.id = e.generation_id
             WHERE :version IS NULL OR g.version = :version
             GROUP BY e.status""")
    List<StatusCount> evolutionStatuses(@Bind("version") String version);

    @SqlQuery("""
            SELECT s.status AS status, COUNT(*) AS n, 0 AS first, 0 AS last
              FROM step_runs s
              JOIN evolutions e ON e.pipeline_run_id = s.run_id
              JOIN generations g ON g.id = e.generation_id
             WHERE g.version = :version
             GROUP BY s.status""")
    List<StatusCount> stepStatuses(@Bind("version") String version);

    @SqlQuery("""
            SELECT COUNT(DISTINCT s.run_id)
              FROM step_runs s
              JOIN evolutions e ON e.pipeline_run_id = s.run_id
              JOIN generations g ON g.id = e.generation_id
             WHERE g.version = :version""")
    long stepRuns(@Bind("version") String version);

    @SqlQuery("""
            SELECT d.id AS id, e.tag AS evolution, d.name AS path, d.sha256 AS sha256
              FROM data_rows d
              JOIN evolutions e ON e.pipeline_run_id = d.run_id
              JOIN generations g ON g.id = e.generation_id
             WHERE g.version = :version AND e.status = 'pass' AND d.kind = 'artifact' AND d.sha256 IN (<digests>)
             ORDER BY d.id""")
    List<ArtifactRecord> passingArtifacts(@Bind("version") String version, @BindList("digests") List<String> digests);

    @SqlQuery("""
            SELECT r.id AS run_id, r.status AS status, r.started_at AS started_at, r.finished_at AS finished_at
              FROM pipeline_runs r
             WHERE r.status IN ('pass', 'fail') AND r.finished_at IS NOT NULL
               AND (:version IS NULL OR r.id IN (
                    SELECT e.pipeline_run_id FROM evolutions e JOIN generations g ON g.id = e.generation_id
                     WHERE g.version = :version))
             ORDER BY r.started_at, r.id""")
    List<FinishedRun> finishedRuns(@Bind("version") String version);

    /**
     * Steps that passed only on a retry, or passed in an evolution after failing in an earlier one of the same
     * generation on the same commit. The second is a join with each (generation, commit, step)'s first failure, not
     * with every earlier failing evolution: that pairing grew with the square of a commit's evolutions (100,000 on
     * one commit kept {@code gryt status} busy for more than 14 minutes). {@code CROSS JOIN} keeps SQLite's join order
     * (evolutions, their steps, then a lookup in the first failures); PostgreSQL plans it as any inner join.
     */
    @SqlQuery("""
            SELECT step, COUNT(DISTINCT run) AS runs FROM (
                SELECT s.step_name AS step, s.run_id AS run FROM step_runs s
                 WHERE s.status = 'pass' AND s.attempts > 1
                   AND (:version IS NULL OR s.run_id IN (
                        SELECT e.pipeline_run_id FROM evolutions e JOIN generations g ON g.id = e.generation_id
                         WHERE g.version = :version))
                UNION
                SELECT p.step_name AS step, p.run_id AS run
                  FROM evolutions ep
                 CROSS JOIN step_runs p
                 CROSS JOIN (SELECT ef.generation_id AS generation_id, ef.commit_sha AS commit_sha,
                                    f.step_name AS step_name, MIN(ef.rc_number) AS rc_number
                               FROM evolutions ef JOIN step_runs f ON f.run_id = ef.pipeline_run_id
                              WHERE f.status IN ('fail', 'timeout') AND ef.commit_sha IS NOT NULL
                              GROUP BY ef.generation_id, ef.commit_sha, f.step_name) first_failure
                 WHERE p.run_id = ep.pipeline_run_id AND p.status = 'pass'
                   AND first_failure.generation_id = ep.generation_id AND first_failure.commit_sha = ep.commit_sha
                   AND first_failure.step_name = p.step_name AND first_failure.rc_number < ep.rc_number
                   AND (:version IS NULL OR ep.generation_id = (SELECT id FROM generations WHERE version = :version))
            ) flaky
             GROUP BY step
             ORDER BY 2 DESC, 1""")
    List<FlakyStep> flakySteps(@Bind("version") String version);

    /** A change and one evolution naming it (the evolution's columns null when none does). */
    record ChangeProofRow(String changeId, String type, String title, String description, String tag, String status,
                          String commitSha, String runId) {
    }

    /** An evolution, its run, one of its steps and one of that step's data rows, flattened by a join. */
    record EvolutionStepRow(long rc, String tag, String status, String commitSha, String runId, Long allowDirty,
                            Instant createdAt, Instant finishedAt, String changes, String run, String pipeline,
                            String runStatus, Instant runStarted, Instant runFinished, String step, String stepStatus,
                            Long exitCode, Long attempts, Long durationMs, Instant stepStarted, Instant stepFinished,
                            String error, Long rowId, String kind, String name, String value, Double number,
                            String sha256, String policyHash) {
    }

    /** A count of rows with one status, and the RC range where it applies. */
    record StatusCount(String status, long n, long first, long last) {
    }
}
