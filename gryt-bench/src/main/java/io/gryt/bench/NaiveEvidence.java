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
 * The baseline: the evidence as an N+1 implementation would read it, one query for the changes and then one
 * query per change for its pass/fail evolutions, newest first, read until its latest and latest passing
 * evolutions are found. It keeps one connection and one prepared statement, which favours it.
 */
final class NaiveEvidence implements AutoCloseable {
    private final Connection db;
    private final PreparedStatement changes;
    private final PreparedStatement evolutions;

    NaiveEvidence(Path file) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        changes = db.prepareStatement("""
                SELECT c.id, c.change_id, c.type, c.title, c.description
                  FROM generation_changes c JOIN generations g ON g.id = c.generation_id
                 WHERE g.version = ? ORDER BY c.position""");
        evolutions = db.prepareStatement("""
                SELECT e.tag, e.rc_number, e.status, e.commit_sha, e.pipeline_run_id
                  FROM evolution_changes ec JOIN evolutions e ON e.id = ec.evolution_id
                 WHERE ec.change_id = ? AND e.status IN ('pass', 'fail')
                 ORDER BY e.rc_number DESC""");
    }

    List<ChangeEvidence> evidence(String version) throws SQLException {
        List<ChangeEvidence> evidence = new ArrayList<>();
        changes.setString(1, version);
        try (ResultSet rs = changes.executeQuery()) {
            while (rs.next()) {
                Change change = new Change(rs.getString(2), ChangeType.parse(rs.getString(3)).orElseThrow(),
                        rs.getString(4), rs.getString(5));
                evidence.add(evidenceOf(rs.getLong(1), change));
            }
        }
        return evidence;
    }

    private ChangeEvidence evidenceOf(long changeRow, Change change) throws SQLException {
        EvolutionRef latest = null;
        EvolutionRef latestPass = null;
        evolutions.setLong(1, changeRow);
        try (ResultSet rs = evolutions.executeQuery()) {
            while (latestPass == null && rs.next()) {
                EvolutionRef ref = new EvolutionRef(rs.getString(1), rs.getInt(2),
                        EvolutionStatus.fromLabel(rs.getString(3)), rs.getString(4), rs.getString(5));
                if (latest == null) {
                    latest = ref;
                }
                if (ref.status() == EvolutionStatus.PASS) {
                    latestPass = ref;
                }
            }
        }
        return new ChangeEvidence(change, latest, latestPass);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
