package io.gryt.report;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.sqlite.SqliteStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A large, consistent record built fast: the schema and the generation through the store, then evolutions,
 * the changes they prove, their runs, two steps each, a result row per step, an artifact every tenth run, and
 * one audit entry per evolution, with plain JDBC batches in one transaction. The entries are not a valid chain
 * (their hashes are made up): exports of this record are made without verification.
 */
final class BulkRecord {
    static final String VERSION = "v9.0.0";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final int BATCH = 5_000;

    private BulkRecord() {
    }

    static void build(Path file, int changes, int evolutions) throws SQLException {
        try (SqliteStore store = SqliteStore.open(file)) {
            List<Change> list = new ArrayList<>();
            for (int i = 1; i <= changes; i++) {
                list.add(new Change(String.format("CHG-%04d", i), ChangeType.values()[i % 4], "Change number " + i, null));
            }
            store.releases().syncGeneration(new Generation(VERSION, "Bulk generation", list, "release", null,
                    GenerationStatus.DRAFT, null, null), ".gryt/generations/" + VERSION + ".yaml", START);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.setAutoCommit(false);
            long generation;
            List<Long> changeRows = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT g.id, c.id FROM generations g"
                    + " JOIN generation_changes c ON c.generation_id = g.id ORDER BY c.position")) {
                rs.next();
                generation = rs.getLong(1);
                do {
                    changeRows.add(rs.getLong(2));
                } while (rs.next());
            }
            long seq = 0;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_log")) {
                rs.next();
                seq = rs.getLong(1);
            }
            try (PreparedStatement run = db.prepareStatement("INSERT INTO pipeline_runs (id, pipeline_name, status,"
                    + " started_at, finished_at) VALUES (?, 'release', ?, ?, ?)");
                 PreparedStatement evolution = db.prepareStatement("INSERT INTO evolutions (id, generation_id, rc_number,"
                         + " tag, status, commit_sha, pipeline_run_id, created_at, finished_at, tagged_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement proves = db.prepareStatement(
                         "INSERT INTO evolution_changes (evolution_id, change_id) VALUES (?, ?)");
                 PreparedStatement step = db.prepareStatement("INSERT INTO step_runs (run_id, step_name, status,"
                         + " exit_code, attempts, started_at, finished_at, duration_ms) VALUES (?, ?, ?, ?, 1, ?, ?, ?)");
                 PreparedStatement row = db.prepareStatement("INSERT INTO data_rows (run_id, step_name, kind, name,"
                         + " value, number, sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement entry = db.prepareStatement("INSERT INTO audit_log (seq, at, actor, event, payload,"
                         + " prev_hash, hash) VALUES (?, ?, 'bulk', 'evolution.finished', ?, ?, ?)")) {
                String prev = "0".repeat(64);
                for (int rc = 1; rc <= evolutions; rc++) {
                    String runId = "run-" + rc;
                    String status = rc % 7 == 0 ? "fail" : "pass";
                    String at = START.plusSeconds(60L * rc).toString();
                    String end = START.plusSeconds(60L * rc + 30).toString();
                    run.setString(1, runId);
                    run.setString(2, status);
                    run.setString(3, at);
                    run.setString(4, end);
                    run.addBatch();
                    evolution.setLong(1, rc);
                    evolution.setLong(2, generation);
                    evolution.setInt(3, rc);
                    evolution.setString(4, VERSION + "-rc." + rc);
                    evolution.setString(5, status);
                    evolution.setString(6, String.format("%040x", rc * 2_654_435_761L));
                    evolution.setString(7, runId);
                    evolution.setString(8, at);
                    evolution.setString(9, end);
                    evolution.setString(10, end);
                    evolution.addBatch();
                    proves.setLong(1, rc);
                    proves.setLong(2, changeRows.get(rc % changeRows.size()));
                    proves.addBatch();
                    for (String name : List.of("test", "package")) {
                        boolean failed = status.equals("fail") && name.equals("package");
                        step.setString(1, runId);
                        step.setString(2, name);
                        step.setString(3, failed ? "fail" : "pass");
                        step.setInt(4, failed ? 1 : 0);
                        step.setString(5, at);
                        step.setString(6, end);
                        step.setLong(7, 1_000 + rc % 500);
                        step.addBatch();
                        row.setString(1, runId);
                        row.setString(2, name);
                        row.setString(3, "result");
                        row.setString(4, "result");
                        row.setString(5, failed ? "fail" : "pass");
                        row.setDouble(6, 1_000 + rc % 500);
                        row.setString(7, null);
                        row.setString(8, end);
                        row.addBatch();
                    }
                    if (rc % 10 == 0) {
                        row.setString(1, runId);
                        row.setString(2, "package");
                        row.setString(3, "artifact");
                        row.setString(4, "dist/app.bin");
                        row.setString(5, null);
                        row.setDouble(6, 4096);
                        row.setString(7, String.format("%064x", (long) rc));
                        row.setString(8, end);
                        row.addBatch();
                    }
                    String hash = String.format("%064x", rc * 31L + 7);
                    entry.setLong(1, ++seq);
                    entry.setString(2, end);
                    entry.setString(3, "{\"rows\":{\"evolutions\":[{\"generation_id\":" + generation + ",\"status\":\""
                            + status + "\",\"tag\":\"" + VERSION + "-rc." + rc + "\"}]}}");
                    entry.setString(4, prev);
                    entry.setString(5, hash);
                    entry.addBatch();
                    prev = hash;
                    if (rc % BATCH == 0) execute(run, evolution, proves, step, row, entry);
                }
                execute(run, evolution, proves, step, row, entry);
            }
            db.commit();
        }
    }

    private static void execute(PreparedStatement... batches) throws SQLException {
        for (PreparedStatement b : batches) b.executeBatch();
    }
}
