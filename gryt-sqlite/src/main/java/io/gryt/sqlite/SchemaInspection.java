package io.gryt.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a database holds, read without writing: its gryt schema version (0 when it has none) and the tables
 * that are not gryt's (so that a foreign database is refused rather than filled).
 *
 * @param isGryt      true when it has a {@code schema_version} table
 * @param version     the highest applied schema version, 0 for none
 * @param otherTables the names of its tables, when it is not a gryt database
 */
record SchemaInspection(boolean isGryt, int version, List<String> otherTables) {
    SchemaInspection {
        otherTables = List.copyOf(otherTables);
    }

    /** The first few other tables, for a message. */
    String otherTablesSummary() {
        return otherTables.size() <= 3 ? String.join(", ", otherTables)
                : String.join(", ", otherTables.subList(0, 3)) + ", ...";
    }

    static SchemaInspection of(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.contains("schema_version")) {
            return new SchemaInspection(false, 0, tables);
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return new SchemaInspection(true, rs.getInt(1), List.of());
        }
    }
}
