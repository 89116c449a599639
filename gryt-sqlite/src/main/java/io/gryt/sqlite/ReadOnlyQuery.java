package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.RowHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a user's SQL on a connection opened read-only by SQLite itself ({@code SQLITE_OPEN_READONLY} plus
 * {@code PRAGMA query_only}), so that no statement, however it is written, can change the database. With the
 * user schema, the connection first gets the temporary views of {@code query-schema.sql}, which shadow the
 * stored tables of their names for this connection only.
 */
final class ReadOnlyQuery {
    private ReadOnlyQuery() {
    }

    /** The views of the schema users query ({@code gryt db query}), documented in docs/cli.md. */
    private static final String USER_SCHEMA = resource("query-schema.sql");

    static void run(Database database, String sql, RowHandler handler, boolean userSchema) {
        String more = SqlStatements.afterFirst(sql);
        if (!more.isEmpty()) {
            throw new BadInputException("db query on " + database.location() + " runs one statement, and this text has"
                    + " more after its first ';': " + abbreviated(more));
        }
        try (Connection c = database.readOnlyConnection();
             Statement st = c.createStatement()) {
            // TEMP objects live in the connection's own temporary database: the database file is not written
            if (userSchema) st.executeUpdate(USER_SCHEMA);
            st.execute("PRAGMA query_only = 1");
            if (!st.execute(sql)) {
                throw new BadInputException("db query on " + database.location() + ": the statement returned no rows (only queries that read are allowed)");
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> names = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) names.add(meta.getColumnLabel(i));
                handler.columns(names);
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) row.add(value(rs, i));
                    handler.row(row);
                }
            }
        } catch (SQLException e) {
            throw new BadInputException("db query on " + database.location() + " failed: " + message(e), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReadOnlyQuery.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource missing: io/gryt/sqlite/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/gryt/sqlite/" + name, e);
        }
    }

    private static String abbreviated(String sql) {
        String line = sql.replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static Object value(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) return null;
        return switch (rs.getMetaData().getColumnType(column)) {
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> rs.getLong(column);
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> rs.getDouble(column);
            case Types.BLOB, Types.BINARY, Types.VARBINARY -> rs.getBytes(column);
            default -> v instanceof Integer i ? (Object) i.longValue() : v instanceof Number || v instanceof byte[] ? v : v.toString();
        };
    }

    private static String message(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("SQLITE_READONLY") || m.contains("readonly") || m.contains("query_only")
                || m.contains("because it is a view")) {
            return "the database is opened read-only: only queries that read are allowed (" + Database.reason(e) + ")";
        }
        return Database.reason(e);
    }
}
