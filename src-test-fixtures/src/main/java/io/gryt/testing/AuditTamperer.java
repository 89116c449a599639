package io.gryt.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Changes a gryt SQLite database behind gryt's back, with plain JDBC and the JDK only, as anyone holding the file
 * can: runs SQL after dropping the append-only triggers, and recomputes the whole audit chain from the canonical
 * form documented in {@code docs/audit.md}. (Needs the SQLite JDBC driver on the test class path.)
 *
 * <pre>{@code
 * AuditTamperer.execute(db, "UPDATE step_runs SET status = 'pass' WHERE step_name = 'test'");
 * AuditTamperer.rehash(db);     // the trail verifies again; only an anchor kept in git tells
 * }</pre>
 */
public final class AuditTamperer {
    private AuditTamperer() {
    }

    /** Drops every trigger, then runs {@code sql} statements in order. */
    public static void execute(Path db, String... sql) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            List<String> triggers = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
            for (String trigger : triggers) {
                st.executeUpdate("DROP TRIGGER \"" + trigger + "\"");
            }
            for (String each : sql) {
                st.executeUpdate(each);
            }
        }
    }

    /**
     * Recomputes every entry's {@code prev_hash} and {@code hash}, in order, as SHA-256 over
     * {@code "gryt-audit-v1\n" + seq + "\n" + at + "\n" + actor + "\n" + event + "\n" + payload + "\n" + prevHash}.
     */
    public static void rehash(Path db) throws SQLException {
        execute(db);
        try (Connection c = connect(db); Statement read = c.createStatement();
             ResultSet rs = read.executeQuery("SELECT seq, at, actor, event, payload FROM audit_log ORDER BY seq");
             PreparedStatement write = c.prepareStatement("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?")) {
            String previous = "0".repeat(64);
            while (rs.next()) {
                String hash = sha256("gryt-audit-v1\n" + rs.getLong(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3)
                        + "\n" + rs.getString(4) + "\n" + rs.getString(5) + "\n" + previous);
                write.setString(1, previous);
                write.setString(2, hash);
                write.setLong(3, rs.getLong(1));
                write.executeUpdate();
                previous = hash;
            }
        }
    }

    /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }
}
