package io.gryt.sqlite;

import io.gryt.api.spi.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What replaying a trail says each audited row should be now ({@link TrailVerifier}): the image (canonical JSON,
 * {@code null} for a removed row) and the last entry that said so, by row. Held in memory up to {@link #LIMIT}
 * rows; beyond that, moved to a temporary SQLite file (deleted on {@link #close()}), so that verifying a trail of
 * any length needs a bounded heap.
 */
final class ExpectedRows implements AutoCloseable {
    /** How many rows are held in memory before they are moved to a temporary file. */
    static final int LIMIT = 20_000;
    private static final int BATCH = 5_000;

    private final int limit;
    private final Path directory;
    private Map<String, Expected> memory = new HashMap<>();
    private Path file;
    private Connection scratch;
    private PreparedStatement put;
    private PreparedStatement get;
    private PreparedStatement remove;
    private int pending;

    ExpectedRows() {
        this(LIMIT, null);
    }

    /** With another memory limit and the temporary file in {@code directory} (the system's if null), for tests. */
    ExpectedRows(int limit, Path directory) {
        this.limit = limit;
        this.directory = directory;
    }

    /** What an entry says a row should be: its image ({@code json}, null when removed) and the entry's seq. */
    record Expected(long seq, AuditedTable table, String key, String json) {
    }

    /** Records that entry {@code e.seq()} described row {@code e.key()} of {@code e.table()}, replacing any earlier. */
    void put(Expected e) {
        if (memory != null) {
            memory.put(id(e.table(), e.key()), e);
            if (memory.size() > limit) spill();
            return;
        }
        try {
            bind(put, e);
            put.addBatch();
            if (++pending >= BATCH) flush();
        } catch (SQLException ex) {
            throw failure(ex);
        }
    }

    /** Takes out what the trail says row {@code key} of {@code table} should be; null when no entry described it. */
    Expected take(AuditedTable table, String key) {
        String id = id(table, key);
        if (memory != null) return memory.remove(id);
        try {
            flush();
            get.setString(1, id);
            Expected found = null;
            try (ResultSet rs = get.executeQuery()) {
                if (rs.next()) found = new Expected(rs.getLong(1), table, key, rs.getString(2));
            }
            if (found != null) {
                remove.setString(1, id);
                remove.executeUpdate();
            }
            return found;
        } catch (SQLException ex) {
            throw failure(ex);
        }
    }

    /** Each row still expected that was not taken (in no particular order). */
    void remaining(Consumer<Expected> each) {
        if (memory != null) {
            memory.values().forEach(each);
            return;
        }
        try {
            flush();
            try (Statement s = scratch.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, tbl, key, json FROM expected")) {
                while (rs.next()) {
                    each.accept(new Expected(rs.getLong(1), AuditedTable.named(rs.getString(2)), rs.getString(3),
                            rs.getString(4)));
                }
            }
        } catch (SQLException ex) {
            throw failure(ex);
        }
    }

    /** True once the rows were moved to a temporary file. */
    boolean spilled() {
        return memory == null;
    }

    private void spill() {
        try {
            file = directory == null ? Files.createTempFile("gryt-verify-", ".db")
                    : Files.createTempFile(directory, "gryt-verify-", ".db");
            scratch = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = scratch.createStatement()) {
                s.execute("PRAGMA journal_mode=OFF");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA cache_size=-4096"); // 4 MiB of pages: the file holds the rest
                s.execute("CREATE TABLE expected (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, tbl TEXT NOT NULL,"
                        + " key TEXT NOT NULL, json TEXT) WITHOUT ROWID");
            }
            scratch.setAutoCommit(false);
            put = scratch.prepareStatement("INSERT OR REPLACE INTO expected (id, seq, tbl, key, json) VALUES (?, ?, ?, ?, ?)");
            get = scratch.prepareStatement("SELECT seq, json FROM expected WHERE id = ?");
            remove = scratch.prepareStatement("DELETE FROM expected WHERE id = ?");
            Map<String, Expected> held = memory;
            memory = null;
            held.values().forEach(this::put);
        } catch (IOException | SQLException ex) {
            close();
            throw new StoreException("cannot verify the audit trail: no temporary file for the rows it describes: " + ex, ex);
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            put.executeBatch();
            pending = 0;
        }
    }

    private static void bind(PreparedStatement s, Expected e) throws SQLException {
        s.setString(1, id(e.table(), e.key()));
        s.setLong(2, e.seq());
        s.setString(3, e.table().table());
        s.setString(4, e.key());
        s.setString(5, e.json());
    }

    private static String id(AuditedTable table, String key) {
        return table.table() + ' ' + key;
    }

    private static StoreException failure(SQLException e) {
        return new StoreException("cannot verify the audit trail: its temporary file failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            if (scratch != null) scratch.close();
        } catch (SQLException e) {
            // the file is deleted all the same
        }
        scratch = null;
        try {
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind; nothing depends on it
        }
        file = null;
    }
}
