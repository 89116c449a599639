package io.gryt.sqlite;

import io.gryt.api.audit.AuditEntry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Appends hash-chained entries to {@code audit_log}, inside the transaction of the write they describe, so that
 * a state change and its entry are committed together or not at all. The write lock that every write
 * transaction takes first ({@code BEGIN IMMEDIATE}) makes reading the last entry and appending the next one
 * atomic across threads and processes, so sequence numbers have no gaps.
 *
 * <p>An entry's hash is the lower-case hex SHA-256 of the UTF-8 bytes of
 * {@code "gryt-audit-v1\n" + seq + "\n" + at + "\n" + actor + "\n" + event + "\n" + payload + "\n" + prevHash},
 * with {@code at} as stored (ISO-8601 UTC, nine fractional digits); see {@code docs/audit.md}.
 */
final class AuditLog {
    /** The event of an entry that records a rollback (see {@link Snapshots}). */
    static final String ROLLBACK = "audit.rollback";

    private static final String FORM = "gryt-audit-v1";
    private static final String LAST = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = """
            INSERT INTO audit_log (seq, at, actor, event, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** Copied for each hash by {@link #digest}. */
    private static final MessageDigest SHA_256 = lookUp();

    private final Supplier<String> actor;

    /** {@code actor} names who acts; it is asked once per entry. */
    AuditLog(Supplier<String> actor) {
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** Appends an entry for {@code event} saying {@code payload}. Must run inside a write transaction. */
    AuditEntry append(Handle h, String event, EntryPayload payload) {
        return append(h.getConnection(), event, payload);
    }

    /**
     * Appends an entry for {@code event} saying {@code payload} on {@code connection}, which must be in a write
     * transaction; a driver failure as Jdbi's.
     */
    AuditEntry append(Connection connection, String event, EntryPayload payload) {
        String json = payload.json();
        try {
            Link last = last(connection);
            long seq = last.seq() + 1;
            Instant now = Instant.now();
            String at = Timestamps.format(now); // nine fractional digits: the text stands for exactly this instant
            String who = actor();
            String hash = hash(seq, at, who, event, json, last.hash());
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, seq);
                insert.setString(2, at);
                insert.setString(3, who);
                insert.setString(4, event);
                insert.setString(5, json);
                insert.setString(6, last.hash());
                insert.setString(7, hash);
                insert.executeUpdate();
            }
            return new AuditEntry(seq, now, who, event, json, last.hash(), hash);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** The last entry's sequence number and hash; {@code 0} and {@link AuditEntry#GENESIS} for an empty trail. */
    static Link last(Handle h) {
        try {
            return last(h.getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static Link last(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LAST); ResultSet rs = query.executeQuery()) {
            return rs.next() ? new Link(rs.getLong("seq"), rs.getString("hash")) : new Link(0, AuditEntry.GENESIS);
        }
    }

    /** The hash of an entry, over its fields as stored. */
    static String hash(long seq, String at, String actor, String event, String payload, String prevHash) {
        String form = FORM + "\n" + seq + "\n" + at + "\n" + actor + "\n" + event + "\n" + payload + "\n" + prevHash;
        return sha256(form.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** A new SHA-256 digest: a copy of one looked up once (looking up a provider per entry cost more than hashing). */
    static MessageDigest digest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** A Jdbi row mapper of {@code audit_log} rows. */
    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), Timestamps.parse(rs.getString("at")), rs.getString("actor"),
                rs.getString("event"), rs.getString("payload"), Objects.toString(rs.getString("prev_hash"), ""),
                rs.getString("hash"));
    }

    /** The actor, on one line (the canonical form separates fields with line breaks). */
    private String actor() {
        String who = Optional.ofNullable(actor.get()).map(String::strip).orElse("");
        if (hasLineBreak(who)) who = who.replaceAll("\\R", " ");
        return who.isEmpty() ? "unknown" : who;
    }

    /** True when {@code text} holds a character of {@code \R} (so that the usual actor needs no regular expression). */
    private static boolean hasLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\n' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029') return true;
        }
        return false;
    }

    /** Where the chain ends: a sequence number and its hash. */
    record Link(long seq, String hash) {
    }
}
