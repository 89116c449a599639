package io.gryt.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes a database file with plain JDBC, behind gryt's back, as a user or a tamperer would. */
final class PlainJdbc {
    private PlainJdbc() {
    }

    static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Runs statements (each may hold several, separated by semicolons). */
    static void execute(Path file, String... sql) throws SQLException {
        try (Connection connection = connect(file); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.executeUpdate(each);
            }
        }
    }

    /** The first column of every row of a query, as text. */
    static List<String> column(Path file, String query) throws SQLException {
        try (Connection connection = connect(file); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
