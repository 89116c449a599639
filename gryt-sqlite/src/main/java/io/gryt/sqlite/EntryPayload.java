package io.gryt.sqlite;

import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an audit entry says, built inside the write it describes:
 * {@code {"rows": {<table>: [<image>...]}, "removed": {<table>: [<key>...]}, <fact>: ...}}. {@code rows} holds
 * the full images of the rows the write left (read back after writing, so they are what the table holds),
 * {@code removed} the keys of the rows it deleted, and facts anything else (a rollback's snapshots).
 */
final class EntryPayload {
    static final String ROWS = "rows";
    static final String REMOVED = "removed";

    private final Connection connection;
    private final Map<String, Object> root = new TreeMap<>();

    private EntryPayload(Connection connection) {
        this.connection = connection;
    }

    /** A payload for an entry written on {@code h}, in its transaction. */
    static EntryPayload on(Handle h) {
        return new EntryPayload(h.getConnection());
    }

    /** A payload for an entry written on {@code connection}, in its transaction. */
    static EntryPayload on(Connection connection) {
        return new EntryPayload(connection);
    }

    /** Adds the images of the rows of {@code table} that {@code where} selects, as they are now. */
    EntryPayload rows(AuditedTable table, String where, Object... args) {
        return rows(table, table.select(connection, where, args));
    }

    /** Adds row images read before. */
    EntryPayload rows(AuditedTable table, List<Map<String, Object>> images) {
        list(ROWS, table).addAll(images);
        return this;
    }

    /** Adds the keys of rows of {@code table} that the write deleted. */
    EntryPayload removed(AuditedTable table, List<Map<String, Object>> images) {
        List<Object> keys = list(REMOVED, table);
        images.forEach(image -> keys.add(table.keyOf(image)));
        return this;
    }

    /** Adds a fact that is not a row. */
    EntryPayload fact(String name, Object value) {
        root.put(name, value);
        return this;
    }

    /** The payload as canonical JSON. */
    String json() {
        return Json.canonical(root);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(String section, AuditedTable table) {
        Map<String, Object> tables = (Map<String, Object>) root.computeIfAbsent(section, k -> new TreeMap<>());
        return (List<Object>) tables.computeIfAbsent(table.table(), k -> new ArrayList<>());
    }
}
