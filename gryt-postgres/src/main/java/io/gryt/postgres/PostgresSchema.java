package io.gryt.postgres;

import io.gryt.api.spi.StoreException;
import io.gryt.sqlite.Timestamps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema's versions on PostgreSQL: {@code migrations/V<n>.sql} beside this class, numbered 1, 2, 3... without
 * gaps, each the PostgreSQL form of gryt-sqlite's migration of that number, its first line a comment naming it
 * ({@code -- ci_runs}). Porting a new SQLite migration is adding the next file. Versions applied are recorded in
 * {@code schema_version}, as in SQLite.
 *
 * <p>{@link #migrate} first reads the version without writing (a read-only role can open an up-to-date store), then,
 * when behind, applies every missing migration in one transaction under gryt's write lock: of several processes
 * opening a new database at once, one migrates and the others wait and find nothing left to do; a failure leaves
 * the schema as it was.
 */
final class PostgresSchema {
    /** The schema of the views users query ({@code gryt db query}), over the tables. */
    static final String QUERY_SCHEMA = "gryt_query";

    private final List<Script> migrations;
    private final String queryViews;

    private PostgresSchema(List<Script> migrations, String queryViews) {
        this.migrations = List.copyOf(migrations);
        this.queryViews = queryViews;
    }

    /** The migrations bundled with this gryt. */
    static PostgresSchema bundled() {
        List<Script> found = new ArrayList<>();
        for (int n = 1; ; n++) {
            String sql = resource("migrations/V" + n + ".sql");
            if (sql == null) break;
            String first = sql.lines().findFirst().orElse("");
            String description = first.startsWith("--") ? first.substring(2).strip() : "V" + n;
            found.add(new Script(n, description, sql));
        }
        if (found.isEmpty()) throw new IllegalStateException("no migrations in io/gryt/postgres/migrations");
        return new PostgresSchema(found, resource("query-schema.sql"));
    }

    /** The newest version this gryt knows. */
    int latest() {
        return migrations.size();
    }

    /**
     * Brings the database of {@code c} up to {@link #latest()}.
     *
     * @throws StoreException when it holds a schema from a newer gryt, or a migration fails
     */
    void migrate(Connection c, String location) throws SQLException {
        if (version(c, location) == latest()) return;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + PostgresDatabase.WRITE_LOCK + ")");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version     INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at  TEXT NOT NULL
                    )""");
            int current = version(c, location);
            for (Script m : migrations.subList(current, latest())) {
                try {
                    st.execute(m.sql());
                } catch (SQLException e) {
                    throw new StoreException(location + ": schema migration V" + m.version() + " (" + m.description()
                            + ") failed: " + Failures.reason(e), e);
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, m.version());
                    insert.setString(2, m.description());
                    insert.setString(3, Timestamps.format(Instant.now()));
                    insert.executeUpdate();
                }
            }
            if (current < latest()) st.execute(queryViews);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The database's schema version (0 when empty), refused when newer than this gryt's. */
    int version(Connection c, String location) throws SQLException {
        int version;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) return 0;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            version = rs.getInt(1);
        }
        if (version > latest()) {
            throw new StoreException(location + " was written by a newer gryt (schema " + version
                    + "; this gryt knows up to " + latest() + "): upgrade gryt");
        }
        return version;
    }

    private static String resource(String name) {
        try (InputStream in = PostgresSchema.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/gryt/postgres/" + name, e);
        }
    }

    /** One migration. */
    record Script(int version, String description, String sql) {
    }
}
