package io.gryt.sqlite;

import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.audit.VerifyReport.Problem;
import io.gryt.sqlite.ExpectedRows.Expected;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Verifies a trail, in one read transaction (one consistent state): first the chain (sequence numbers from 1
 * without gaps, each {@code prev_hash} the previous entry's hash, each hash recomputed from the entry), then the
 * tables: the entries are replayed, in order, into the image each row should have now (the last one an entry
 * recorded for its key, or removed), and every row of every {@link AuditedTable} is compared with it. A row that
 * differs, that no entry describes, or that an entry recorded but is gone, is a problem naming the last entry
 * that described it (0 when none did). Entries and rows are streamed; the expected images are held in memory for
 * a small trail and in a temporary file beyond ({@link ExpectedRows}), so the heap needed is bounded.
 */
final class TrailVerifier {
    private static final String AUDIT_LOG = "audit_log";

    private final List<Problem> chain = new ArrayList<>();
    private final List<Problem> rows = new ArrayList<>();
    private final ExpectedRows expected;
    private long entries;
    private long next = 1;
    private String previous = AuditEntry.GENESIS;
    private String head;

    private TrailVerifier(ExpectedRows expected) {
        this.expected = expected;
    }

    /** Verifies the trail and the tables that {@code h} reads; {@code h} must be in a read transaction. */
    static VerifyReport verify(Handle h) {
        try (ExpectedRows expected = new ExpectedRows()) {
            return verify(h, expected);
        }
    }

    /** {@link #verify(Handle)} keeping the expected images in {@code expected}. */
    static VerifyReport verify(Handle h, ExpectedRows expected) {
        TrailVerifier verifier = new TrailVerifier(expected);
        h.createQuery("SELECT seq, at, actor, event, payload, prev_hash, hash FROM audit_log ORDER BY seq")
                .map((rs, ctx) -> new Stored(rs.getLong("seq"), rs.getString("at"), rs.getString("actor"),
                        rs.getString("event"), rs.getString("payload"), rs.getString("prev_hash"), rs.getString("hash")))
                .useStream(stream -> stream.forEach(verifier::check));
        for (AuditedTable table : AuditedTable.values()) {
            table.selectAll(h).map((rs, ctx) -> AuditedTable.image(rs))
                    .useStream(stream -> stream.forEach(image -> verifier.compare(table, image)));
        }
        verifier.reportMissingRows();
        List<Problem> problems = new ArrayList<>(verifier.chain);
        verifier.rows.sort(Comparator.comparingLong(Problem::seq));
        problems.addAll(verifier.rows);
        return new VerifyReport(verifier.entries, verifier.head, problems);
    }

    private void check(Stored e) {
        entries++;
        if (e.seq() != next) {
            chain.add(new Problem(next, AUDIT_LOG, e.seq() < next
                    ? "entry " + e.seq() + " has an impossible sequence number (they start at 1)"
                    : (e.seq() == next + 1 ? "entry " + next + " is missing"
                    : "entries " + next + " to " + (e.seq() - 1) + " are missing")
                    + " (the trail goes on with entry " + e.seq() + ")"));
        } else if (!previous.equals(e.prevHash())) {
            chain.add(new Problem(e.seq(), AUDIT_LOG, "entry " + e.seq() + " does not follow entry " + (e.seq() - 1)
                    + ": its prev_hash is " + abbrev(e.prevHash()) + ", entry " + (e.seq() - 1) + "'s hash is "
                    + abbrev(previous)));
        }
        String recomputed = AuditLog.hash(e.seq(), e.at(), e.actor(), e.event(), e.payload(), e.prevHash());
        if (!recomputed.equals(e.hash())) {
            chain.add(new Problem(e.seq(), AUDIT_LOG, "entry " + e.seq() + " (" + e.event()
                    + ") was altered: its content hashes to " + abbrev(recomputed) + ", not to its recorded hash "
                    + abbrev(e.hash())));
        }
        next = e.seq() + 1;
        previous = String.valueOf(e.hash());
        head = e.hash();
        replay(e);
    }

    @SuppressWarnings("unchecked")
    private void replay(Stored e) {
        Map<String, Object> payload;
        try {
            payload = Json.object(String.valueOf(e.payload()));
        } catch (IllegalArgumentException ex) {
            chain.add(new Problem(e.seq(), AUDIT_LOG, "entry " + e.seq() + " has a payload that is not a JSON object"));
            return;
        }
        for (String section : List.of(EntryPayload.ROWS, EntryPayload.REMOVED)) {
            if (!(payload.get(section) instanceof Map<?, ?> tables)) {
                continue;
            }
            for (Map.Entry<?, ?> rowsOfTable : tables.entrySet()) {
                AuditedTable table = AuditedTable.named(String.valueOf(rowsOfTable.getKey()));
                if (table == null || !(rowsOfTable.getValue() instanceof List<?> list)) {
                    chain.add(new Problem(e.seq(), AUDIT_LOG, "entry " + e.seq() + " describes rows of an unknown table "
                            + rowsOfTable.getKey()));
                    continue;
                }
                for (Object item : list) {
                    Map<String, Object> image = item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    String key = table.key(image);
                    boolean removed = section.equals(EntryPayload.REMOVED);
                    expected.put(new Expected(e.seq(), table, key, removed ? null : Json.canonical(image)));
                }
            }
        }
    }

    private void compare(AuditedTable table, Map<String, Object> image) {
        String key = table.key(image);
        Expected ex = expected.take(table, key);
        String where = table.describe(key, image);
        if (ex == null) {
            rows.add(new Problem(0, where, "no audit entry describes this row (written behind gryt's back)"));
        } else if (ex.json() == null) {
            rows.add(new Problem(ex.seq(), where, "entry " + ex.seq() + " removed this row, but it is in the table"));
        } else if (!ex.json().equals(Json.canonical(image))) {
            rows.add(new Problem(ex.seq(), where, difference(image, Json.object(ex.json()), ex.seq())));
        }
    }

    private void reportMissingRows() {
        expected.remaining(ex -> {
            if (ex.json() != null) {
                rows.add(new Problem(ex.seq(), ex.table().describe(ex.key(), Json.object(ex.json())),
                        "entry " + ex.seq() + " recorded this row, but it is not in the table (deleted behind gryt's back)"));
            }
        });
    }

    /** The first column (by name) whose value differs from the recorded one. */
    private static String difference(Map<String, Object> actual, Map<String, Object> recorded, long seq) {
        TreeSet<String> columns = new TreeSet<>(actual.keySet());
        columns.addAll(recorded.keySet());
        for (String column : columns) {
            String now = Json.canonical(actual.get(column));
            String then = Json.canonical(recorded.get(column));
            if (!actual.containsKey(column) || !recorded.containsKey(column) || !now.equals(then)) {
                return "column " + column + " is " + (actual.containsKey(column) ? now : "absent") + ", but entry "
                        + seq + " recorded " + (recorded.containsKey(column) ? then : "no such column");
            }
        }
        return "differs from entry " + seq;
    }

    private static String abbrev(String hash) {
        return hash == null ? "null" : hash.length() <= 16 ? hash : hash.substring(0, 16) + "...";
    }

    /** An audit_log row exactly as stored. */
    private record Stored(long seq, String at, String actor, String event, String payload, String prevHash, String hash) {
    }
}
