package io.gryt.postgres;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.StoreException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Copies a project's SQLite trail into an empty PostgreSQL store ({@code gryt db migrate --to postgres://...}), so
 * that a team can start local and move up: every row of every table, with its id, and every audit entry exactly as
 * stored, so that the chain's hashes and the row images its entries recorded verify in the new store. The source is
 * read in one read transaction (one consistent state, while others may go on writing it) and the target written in
 * one transaction under gryt's write lock: all of it is copied or none.
 *
 * <p>Stability: experimental.
 */
public final class TrailMigration {
    /** The tables, parents before children; tables the target has beyond these are copied after them. */
    private static final List<String> TABLES = List.of("generations", "generation_changes", "pipeline_runs",
            "step_runs", "evolutions", "evolution_changes", "data_rows", "promotions", "audit_log", "outbox_events",
            "outbox_deliveries");

    private TrailMigration() {
    }

    /**
     * What was copied.
     *
     * @param target the PostgreSQL store, as named in messages
     * @param rows   rows copied per table, in copy order
     */
    public record Copied(String target, Map<String, Long> rows) {
        public Copied {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    /**
     * Copies the gryt SQLite database {@code sqliteFile} into the PostgreSQL store at {@code url}, creating its schema.
     *
     * @throws BadInputException when the target already holds records, or the two schemas are of different versions
     * @throws StoreException    when either database cannot be read or written
     */
    public static Copied copy(Path sqliteFile, String url, PostgresOptions options) {
        Objects.requireNonNull(sqliteFile, "sqliteFile");
        PostgresLocation at = PostgresLocation.parse(url);
        if (!Files.isRegularFile(sqliteFile)) throw new BadInputException(sqliteFile + ": no such database file");
        try (PostgresDatabase target = PostgresStore.database(at, options, System.getenv());
             Connection source = openSqlite(sqliteFile)) {
            return target.retrying("copy the trail into " + at.shown(), () -> {
                try (Connection pg = target.pool().getConnection()) {
                    return copy(source, sqliteFile.toString(), pg, at.shown());
                }
            });
        } catch (SQLException e) {
            throw new StoreException(sqliteFile + ": cannot read the trail to migrate: " + Failures.reason(e), e);
        }
    }

    private static Copied copy(Connection source, String sourceName, Connection pg, String targetName) throws SQLException {
        int sourceVersion = intOf(source, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        int targetVersion = intOf(pg, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        if (sourceVersion != targetVersion) {
            throw new BadInputException(sourceName + " has schema " + sourceVersion + " and " + targetName + " schema "
                    + targetVersion + ": migrate with the gryt that wrote " + sourceName + " (open the project once with"
                    + " this gryt to upgrade it)");
        }
        pg.setAutoCommit(false);
        try (Statement st = pg.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + PostgresDatabase.WRITE_LOCK + ")");
            List<String> tables = tables(pg);
            for (String table : tables) {
                long n = longOf(pg, "SELECT COUNT(*) FROM " + table);
                if (n > 0) {
                    throw new BadInputException(targetName + " already holds records (" + n + " in " + table + "):"
                            + " gryt db migrate copies a trail into an empty database only");
                }
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : tables) {
                if (!exists(source, table)) continue;
                copied.put(table, copyTable(source, pg, table));
                resetIdentity(pg, table);
            }
            pg.commit();
            return new Copied(targetName, copied);
        } catch (SQLException | RuntimeException e) {
            pg.rollback();
            throw e;
        }
    }

    /** The target's tables in copy order: {@link #TABLES}, then any others but {@code schema_version}. */
    private static List<String> tables(Connection pg) throws SQLException {
        List<String> all = new ArrayList<>(TABLES);
        try (Statement st = pg.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                     + " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!all.contains(name) && !name.equals("schema_version")) all.add(name);
            }
        }
        return all;
    }

    private static long copyTable(Connection source, Connection pg, String table) throws SQLException {
        long n = 0;
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            StringJoiner columns = new StringJoiner(", ");
            StringJoiner values = new StringJoiner(", ");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                values.add("?");
            }
            try (PreparedStatement insert = pg.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + values + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) insert.setObject(i, rs.getObject(i));
                    insert.addBatch();
                    if (++n % 500 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
        }
        return n;
    }

    /** Lets new rows continue after the copied ids (for tables whose {@code id} is an identity). */
    private static void resetIdentity(Connection pg, String table) throws SQLException {
        String sequence = null;
        try (PreparedStatement st = pg.prepareStatement("""
                SELECT pg_get_serial_sequence(table_name, column_name) FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'""")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) sequence = rs.getString(1);
            }
        }
        if (sequence == null) return;
        try (Statement set = pg.createStatement()) {
            set.execute("SELECT setval('" + sequence + "', COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)");
        }
    }

    private static Connection openSqlite(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        c.setAutoCommit(false); // one read transaction: one consistent state
        return c;
    }

    private static boolean exists(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement st = sqlite.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int intOf(Connection c, String sql) throws SQLException {
        return (int) longOf(c, sql);
    }

    private static long longOf(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
