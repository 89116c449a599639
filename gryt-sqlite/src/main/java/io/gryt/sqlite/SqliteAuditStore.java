package io.gryt.sqlite;

import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.StoreException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link AuditStore} on the {@code audit_log} table, with {@link TrailVerifier} and, for a SQLite file,
 * {@link Snapshots} (a server's database is backed up by the server's own tools instead).
 */
final class SqliteAuditStore implements AuditStore {
    private final SqlDatabase db;
    /** Null for a database that is not a SQLite file. */
    private final Snapshots snapshots;
    private final AuditLog log;

    SqliteAuditStore(SqlDatabase db, AuditLog log) {
        this.db = db;
        this.log = log;
        this.snapshots = db instanceof Database file ? new Snapshots(file, log) : null;
    }

    @Override
    public AuditEntry note(String event, Map<String, String> facts) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(facts, "facts");
        return db.write("record " + event, h -> {
            EntryPayload payload = EntryPayload.on(h);
            facts.forEach(payload::fact);
            return log.append(h, event, payload);
        });
    }

    @Override
    public void entries(long fromSeq, Consumer<AuditEntry> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        db.read("read the audit trail", h -> {
            h.createQuery("SELECT * FROM audit_log WHERE seq >= :from ORDER BY seq")
                    .bind("from", fromSeq)
                    .map((rs, ctx) -> AuditLog.entry(rs))
                    .useStream(stream -> stream.forEach(consumer));
            return null;
        });
    }

    /**
     * An entry's payload holds the images of the rows its write left ({@code {"rows": {<table>: [<row>...]}}}) and
     * the keys of those it removed; it is about the generation when one of them belongs to it.
     */
    @Override
    public void entriesAbout(String version, Consumer<AuditEntry> consumer) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(consumer, "consumer");
        db.readConsistent("read the audit entries about " + version, h -> {
            h.createQuery("""
                    WITH gen AS (SELECT id FROM generations WHERE version = :version),
                    runs AS (SELECT pipeline_run_id AS id FROM evolutions
                              WHERE generation_id = (SELECT id FROM gen) AND pipeline_run_id IS NOT NULL)
                    SELECT a.* FROM audit_log a
                    WHERE EXISTS (SELECT 1 FROM gen) AND json_valid(a.payload) AND EXISTS (
                        SELECT 1 FROM (SELECT key, value FROM json_each(a.payload, '$.rows')
                                       UNION ALL SELECT key, value FROM json_each(a.payload, '$.removed')) t,
                                      json_each(t.value) r
                        WHERE r.type = 'object' AND (
                               (t.key = 'generations' AND (json_extract(r.value, '$.version') = :version
                                                           OR json_extract(r.value, '$.id') = (SELECT id FROM gen)))
                            OR (t.key IN ('generation_changes', 'evolutions', 'promotions')
                                AND json_extract(r.value, '$.generation_id') = (SELECT id FROM gen))
                            OR (t.key = 'evolution_changes' AND json_extract(r.value, '$.evolution_id')
                                IN (SELECT id FROM evolutions WHERE generation_id = (SELECT id FROM gen)))
                            OR (t.key = 'pipeline_runs' AND json_extract(r.value, '$.id') IN (SELECT id FROM runs))
                            OR (t.key IN ('step_runs', 'data_rows')
                                AND json_extract(r.value, '$.run_id') IN (SELECT id FROM runs))))
                    ORDER BY a.seq""")
                    .bind("version", version)
                    .map((rs, ctx) -> AuditLog.entry(rs))
                    .useStream(stream -> stream.forEach(consumer));
            return null;
        });
    }

    @Override
    public Optional<AuditEntry> head() {
        return db.read("read the audit trail's head", h -> h.createQuery("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> AuditLog.entry(rs))
                .findOne());
    }

    @Override
    public Optional<AuditEntry> entry(long seq) {
        return db.read("read audit entry " + seq, h -> h.createQuery("SELECT * FROM audit_log WHERE seq = :seq")
                .bind("seq", seq)
                .map((rs, ctx) -> AuditLog.entry(rs))
                .findOne());
    }

    @Override
    public VerifyReport verify() {
        return db.readConsistent("verify the audit trail", TrailVerifier::verify);
    }

    /**
     * Looks in this trail, then in the trails that rollbacks replaced: the safety snapshot each
     * {@code audit.rollback} entry names (only when its file still has the SHA-256 the entry recorded), and
     * the rollbacks recorded in those, and so on.
     */
    @Override
    public Optional<String> locate(long seq, String hash) {
        Objects.requireNonNull(hash, "hash");
        List<Rollback> rollbacks = new ArrayList<>();
        boolean here = db.read("look up audit entry " + seq, h -> {
            try {
                rollbacks.addAll(rollbacks(h.getConnection()));
                return hash.equals(hashAt(h.getConnection(), seq));
            } catch (SQLException e) {
                throw new StoreException(db.location() + ": cannot read the audit trail: " + Database.reason(e), e);
            }
        });
        if (here) {
            return Optional.of("the trail");
        }
        Deque<Rollback> todo = new ArrayDeque<>(rollbacks);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Rollback r = todo.poll();
            Optional<Path> file = seen.add(r.safety()) && snapshots != null ? snapshots.verifiedFile(r.safety(), r.sha256()) : Optional.empty();
            if (file.isEmpty()) {
                continue;
            }
            try (Connection c = Snapshots.readOnly(file.get())) {
                if (hash.equals(hashAt(c, seq))) {
                    return Optional.of("snapshot " + r.safety() + " (the trail that the rollback at entry " + r.seq()
                            + " replaced)");
                }
                todo.addAll(rollbacks(c));
            } catch (SQLException e) {
                throw new StoreException("cannot read snapshot " + r.safety() + ": " + Database.reason(e), e);
            }
        }
        return Optional.empty();
    }

    @Override
    public Snapshot snapshot(String name) {
        return fileSnapshots().take(name);
    }

    /** None for a database that is not a SQLite file. */
    @Override
    public List<Snapshot> snapshots() {
        return snapshots == null ? List.of() : snapshots.list();
    }

    @Override
    public Snapshot rollback(String name) {
        return fileSnapshots().rollback(name);
    }

    private Snapshots fileSnapshots() {
        if (snapshots == null) {
            throw new StoreException(db.location() + " keeps no snapshots: back the database up with its server's"
                    + " tools (pg_dump, point-in-time recovery), see docs/team-store.md");
        }
        return snapshots;
    }

    private static String hashAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
            st.setLong(1, seq);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The rollbacks a trail records: each names the safety snapshot that keeps the trail it replaced. */
    private static List<Rollback> rollbacks(Connection c) throws SQLException {
        List<Rollback> found = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT seq, payload FROM audit_log WHERE event = ? ORDER BY seq")) {
            st.setString(1, AuditLog.ROLLBACK);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    try {
                        if (Json.object(rs.getString(2)).get("safety") instanceof Map<?, ?> safety) {
                            found.add(new Rollback(rs.getLong(1), String.valueOf(safety.get("name")),
                                    String.valueOf(safety.get("sha256"))));
                        }
                    } catch (IllegalArgumentException e) {
                        // a payload that is not JSON names no snapshot; verify() reports it
                    }
                }
            }
        }
        return found;
    }

    /** An {@code audit.rollback} entry: its sequence number and the safety snapshot it names. */
    private record Rollback(long seq, String safety, String sha256) {
    }
}
