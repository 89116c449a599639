package io.gryt.sqlite;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.PreparedStatement;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tables whose rows the audit trail describes, and the one place that knows how a row is written into an
 * entry: its <em>image</em>, every column by name with its stored value ({@code Long} for integers, {@code Double}
 * for reals, {@code String} for text, {@code null}). Entries carry the images a write left; verification compares
 * the images of the rows in the tables with the last image the trail recorded for each key.
 */
enum AuditedTable {
    PIPELINE_RUNS("pipeline_runs", List.of("id"), row -> null),
    STEP_RUNS("step_runs", List.of("id"), row -> row.get("run_id") + "/" + row.get("step_name")),
    DATA_ROWS("data_rows", List.of("id"),
            row -> row.get("run_id") + "/" + row.get("step_name") + " " + row.get("kind") + " " + row.get("name")),
    GENERATIONS("generations", List.of("id"), row -> String.valueOf(row.get("version"))),
    GENERATION_CHANGES("generation_changes", List.of("id"), row -> String.valueOf(row.get("change_id"))),
    EVOLUTIONS("evolutions", List.of("id"), row -> String.valueOf(row.get("tag"))),
    EVOLUTION_CHANGES("evolution_changes", List.of("evolution_id", "change_id"), row -> null),
    PROMOTIONS("promotions", List.of("id"), row -> row.get("tag") + " " + row.get("status"));

    private final String table;
    private final List<String> keyColumns;
    private final Function<Map<String, Object>, String> label;

    AuditedTable(String table, List<String> keyColumns, Function<Map<String, Object>, String> label) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.label = label;
    }

    /** The table's name, as used in SQL and in entry payloads. */
    String table() {
        return table;
    }

    /** The table named {@code name}, or {@code null} when the trail does not describe it. */
    static AuditedTable named(String name) {
        for (AuditedTable t : values()) {
            if (t.table.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The images of the rows that {@code where} selects (with positional {@code ?} arguments), in key order, read on
     * {@code connection} (in the caller's transaction); a driver failure as Jdbi's.
     */
    List<Map<String, Object>> select(Connection connection, String where, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM " + table + " WHERE " + where + " ORDER BY " + orderBy())) {
            for (int i = 0; i < args.length; i++) statement.setObject(i + 1, args[i]);
            List<Map<String, Object>> images = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) images.add(image(rs));
            }
            return images;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** {@link #select(Connection, String, Object...)} on the connection of {@code h}. */
    List<Map<String, Object>> select(Handle h, String where, Object... args) {
        return select(h.getConnection(), where, args);
    }

    /** Every row of the table, for streaming. */
    Query selectAll(Handle h) {
        return h.createQuery("SELECT * FROM " + table + " ORDER BY " + orderBy());
    }

    /** The key of a row (or of a removed row's key image), as text: {@code 12}, {@code r1}, {@code 4/7}. */
    String key(Map<String, ?> image) {
        return keyColumns.stream().map(c -> String.valueOf(image.get(c))).collect(Collectors.joining("/"));
    }

    /** The key columns of a row's image, which is how an entry names a row it removed. */
    Map<String, Object> keyOf(Map<String, Object> image) {
        Map<String, Object> key = new TreeMap<>();
        keyColumns.forEach(c -> key.put(c, image.get(c)));
        return key;
    }

    /** How a problem names a row: {@code step_runs 12 (r1/test)}. */
    String describe(String key, Map<String, Object> image) {
        String natural = image == null ? null : label.apply(image);
        return table + " " + key + (natural == null ? "" : " (" + natural + ")");
    }

    /** The image of the current row of {@code rs}: every column, integers as {@code Long}. */
    static Map<String, Object> image(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> image = new TreeMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            image.put(meta.getColumnName(i), value instanceof Integer n ? Long.valueOf(n) : value);
        }
        return image;
    }

    private String orderBy() {
        return String.join(", ", keyColumns);
    }
}
