package io.gryt.sqlite;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReleaseStore.StoredPromotion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Maps rows of the release tables to the API's records (row readers for {@link Database#select}). Column names are those of the
 * tables, plus {@code generation} (the generation's version) and {@code change_ids} (comma-separated, in file
 * order) in evolution queries.
 */
final class ReleaseRows {
    /** Columns that {@link #evolution} reads, for {@code SELECT} lists over {@code evolutions e JOIN generations g}. */
    static final String EVOLUTION_COLUMNS = """
            e.tag, g.version AS generation, e.rc_number, e.status, e.commit_sha, e.pipeline_run_id, e.allow_dirty,
            e.created_at, e.finished_at, e.owner_pid, e.owner_host, e.owner_start, e.policy_hash,
            (SELECT group_concat(gc.change_id, ',' ORDER BY gc.position)
               FROM evolution_changes ec JOIN generation_changes gc ON gc.id = ec.change_id
              WHERE ec.evolution_id = e.id) AS change_ids""";

    /** Columns that {@link #evidence} reads, {@code c} being the change ({@code generation_changes}); with {@link #EVIDENCE_JOINS}. */
    static final String EVIDENCE_COLUMNS = """
            c.change_id, c.type, c.title, c.description,
                   l.tag AS latest_tag, l.rc_number AS latest_rc, l.status AS latest_status,
                   l.commit_sha AS latest_commit, l.pipeline_run_id AS latest_run,
                   p.tag AS pass_tag, p.rc_number AS pass_rc, p.status AS pass_status,
                   p.commit_sha AS pass_commit, p.pipeline_run_id AS pass_run""";

    /**
     * Each change's newest pass-or-fail evolution ({@code l}) and newest pass ({@code p}), found newest first by id
     * (see {@link SqliteReleaseStore#EVIDENCE} for why id order is RC order).
     */
    static final String EVIDENCE_JOINS = """
              LEFT JOIN evolutions l ON l.id = (
                        SELECT ec.evolution_id FROM evolution_changes ec JOIN evolutions e ON e.id = ec.evolution_id
                         WHERE ec.change_id = c.id AND e.status IN ('pass', 'fail')
                         ORDER BY ec.evolution_id DESC LIMIT 1)
              LEFT JOIN evolutions p ON p.id = (
                        SELECT ec.evolution_id FROM evolution_changes ec JOIN evolutions e ON e.id = ec.evolution_id
                         WHERE ec.change_id = c.id AND e.status = 'pass'
                         ORDER BY ec.evolution_id DESC LIMIT 1)""";

    private ReleaseRows() {
    }

    /** A change's evidence from {@link #EVIDENCE_COLUMNS}. */
    static ChangeEvidence evidence(ResultSet rs) throws SQLException {
        return new ChangeEvidence(change(rs, "description"), ref(rs, "latest_"), ref(rs, "pass_"));
    }

    /** A generation row without its changes (see {@link #withChanges}). */
    static Generation generation(ResultSet rs) throws SQLException {
        return new Generation(rs.getString("version"), rs.getString("description"), List.of(),
                rs.getString("pipeline_template"), rs.getString("hotfix_of"),
                GenerationStatus.fromLabel(rs.getString("status")), rs.getString("contract_hash"),
                Timestamps.parse(rs.getString("promoted_at")));
    }

    static Generation withChanges(Generation g, List<Change> changes) {
        return new Generation(g.version(), g.description(), changes, g.pipelineTemplate(), g.hotfixOf(), g.status(),
                g.contractHash(), g.promotedAt());
    }

    /** A change from the columns {@code change_id, type, title} and {@code descriptionColumn}. */
    static Change change(ResultSet rs, String descriptionColumn) throws SQLException {
        return new Change(rs.getString("change_id"), type(rs.getString("type")), rs.getString("title"),
                rs.getString(descriptionColumn));
    }

    static Evolution evolution(ResultSet rs) throws SQLException {
        String changeIds = rs.getString("change_ids");
        return new Evolution(rs.getString("tag"), rs.getString("generation"), rs.getInt("rc_number"),
                changeIds == null ? List.of() : Arrays.asList(changeIds.split(",")),
                EvolutionStatus.fromLabel(rs.getString("status")), rs.getString("commit_sha"),
                rs.getString("pipeline_run_id"), rs.getInt("allow_dirty") != 0,
                Timestamps.parse(rs.getString("created_at")), Timestamps.parse(rs.getString("finished_at")),
                rs.getString("policy_hash"));
    }

    /** The process that owns an evolution, or {@code null} when none was recorded. */
    static ProcessOwner owner(ResultSet rs) throws SQLException {
        String host = rs.getString("owner_host");
        return host == null ? null
                : new ProcessOwner(rs.getLong("owner_pid"), host, Timestamps.parse(rs.getString("owner_start")));
    }

    /** An evolution reference from the columns {@code <prefix>tag, <prefix>rc, ...}, or {@code null} if absent. */
    static EvolutionRef ref(ResultSet rs, String prefix) throws SQLException {
        String tag = rs.getString(prefix + "tag");
        return tag == null ? null
                : new EvolutionRef(tag, rs.getInt(prefix + "rc"), EvolutionStatus.fromLabel(rs.getString(prefix + "status")),
                        rs.getString(prefix + "commit"), rs.getString(prefix + "run"));
    }

    static StoredPromotion promotion(ResultSet rs) throws SQLException {
        return new StoredPromotion(rs.getLong("id"), rs.getString("version"), rs.getString("commit_sha"),
                rs.getString("tag"), PromotionStatus.fromLabel(rs.getString("status")), rs.getString("gate_report"),
                Timestamps.parse(rs.getString("started_at")));
    }

    private static ChangeType type(String label) {
        return ChangeType.parse(label).orElseThrow(() -> new IllegalStateException("unknown change type " + label));
    }
}
