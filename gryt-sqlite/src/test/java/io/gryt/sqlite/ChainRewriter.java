package io.gryt.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Recomputes every entry's prev_hash and hash from the documented canonical form (docs/audit.md) with plain
 * JDBC and the JDK only, as a third party (or a tamperer) can.
 */
final class ChainRewriter {
    private ChainRewriter() {
    }

    static void rehash(Path db) throws Exception {
        try (Connection c = PlainJdbc.connect(db); Statement read = c.createStatement();
             ResultSet rs = read.executeQuery("SELECT seq, at, actor, event, payload FROM audit_log ORDER BY seq");
             PreparedStatement write = c.prepareStatement("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?")) {
            String previous = "0".repeat(64);
            while (rs.next()) {
                String form = "gryt-audit-v1\n" + rs.getLong(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3) + "\n"
                        + rs.getString(4) + "\n" + rs.getString(5) + "\n" + previous;
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(form.getBytes(StandardCharsets.UTF_8)));
                write.setString(1, previous);
                write.setString(2, hash);
                write.setLong(3, rs.getLong(1));
                write.executeUpdate();
                previous = hash;
            }
        }
    }
}
