package io.gryt.bench;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.EvolutionStatus;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The other one-query form of the evidence, kept as a reference: window functions
 * ({@code ROW_NUMBER() OVER (PARTITION BY change ORDER BY rc_number DESC)} and the highest passing RC over the
 * same window) instead of the store's {@code GROUP BY} with {@code MAX}. It returns the same rows; it is here to
 * show what the sort of every proof that the window needs costs.
 */
final class WindowedEvidence implements AutoCloseable {
    private static final String SQL = """
            WITH generation AS (
                SELECT id FROM generations WHERE version = ?
            ),
            proofs AS (
                SELECT ec.change_id AS change_row, e.rc_number AS rc,
                       ROW_NUMBER() OVER w AS newest,
                       MAX(CASE WHEN e.status = 'pass' THEN e.rc_number END) OVER w AS pass_rc
                  FROM evolutions e
                  JOIN evolution_changes ec ON ec.evolution_id = e.id
                 WHERE e.generation_id = (SELECT id FROM generation) AND e.status IN ('pass', 'fail')
                WINDOW w AS (PARTITION BY ec.change_id ORDER BY e.rc_number DESC
                             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            )
            SELECT c.change_id, c.type, c.title, c.description,
                   l.tag, l.rc_number, l.status, l.commit_sha, l.pipeline_run_id,
                   p.tag, p.rc_number, p.status, p.commit_sha, p.pipeline_run_id
              FROM generation_changes c
              LEFT JOIN proofs x ON x.change_row = c.id AND x.newest = 1
              LEFT JOIN evolutions l ON l.generation_id = c.generation_id AND l.rc_number = x.rc
              LEFT JOIN evolutions p ON p.generation_id = c.generation_id AND p.rc_number = x.pass_rc
             WHERE c.generation_id = (SELECT id FROM generation)
             ORDER BY c.position""";

    private final Connection db;
    private final PreparedStatement query;

    WindowedEvidence(Path file) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        query = db.prepareStatement(SQL);
    }

    List<ChangeEvidence> evidence(String version) throws SQLException {
        List<ChangeEvidence> evidence = new ArrayList<>();
        query.setString(1, version);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                Change change = new Change(rs.getString(1), ChangeType.parse(rs.getString(2)).orElseThrow(),
                        rs.getString(3), rs.getString(4));
                evidence.add(new ChangeEvidence(change, ref(rs, 5), ref(rs, 10)));
            }
        }
        return evidence;
    }

    private static EvolutionRef ref(ResultSet rs, int first) throws SQLException {
        String tag = rs.getString(first);
        return tag == null ? null : new EvolutionRef(tag, rs.getInt(first + 1),
                EvolutionStatus.fromLabel(rs.getString(first + 2)), rs.getString(first + 3), rs.getString(first + 4));
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
