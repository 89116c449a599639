package io.gryt.bench;

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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a gryt database holding one generation with many changes and evolutions: the schema and the
 * generation through the store itself, then the evolutions, the changes they prove, their pipeline runs and
 * some artifact rows in bulk with plain JDBC batches inside one transaction.
 */
final class BenchmarkDatabase {
    static final String VERSION = "v9.0.0";

    private static final int BATCH = 10_000;
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private BenchmarkDatabase() {
    }

    /** What was built. */
    record Contents(int changes, int evolutions, int proofs, int artifactRows) {
    }

    static Contents build(Path file, BenchmarkOptions options) throws SQLException {
        try (SqliteStore store = SqliteStore.open(file)) {
            store.releases().syncGeneration(generation(options.changes()), ".gryt/generations/" + VERSION + ".yaml", START);
        }
        Random random = new Random(options.seed());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.setAutoCommit(false);
            long generationId;
            List<Long> changeRows = new ArrayList<>();
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT g.id, c.id FROM generations g JOIN generation_changes c"
                         + " ON c.generation_id = g.id WHERE g.version = '" + VERSION + "' ORDER BY c.position")) {
                rs.next();
                generationId = rs.getLong(1);
                do {
                    changeRows.add(rs.getLong(2));
                } while (rs.next());
            }
            int proofs = 0;
            int artifacts = 0;
            try (PreparedStatement run = db.prepareStatement("""
                         INSERT INTO pipeline_runs (id, pipeline_name, status, started_at, finished_at)
                         VALUES (?, 'release', ?, ?, ?)""");
                 PreparedStatement evolution = db.prepareStatement("""
                         INSERT INTO evolutions (id, generation_id, rc_number, tag, status, commit_sha, pipeline_run_id,
                                                 created_at, finished_at, tagged_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement proves = db.prepareStatement(
                         "INSERT INTO evolution_changes (evolution_id, change_id) VALUES (?, ?)");
                 PreparedStatement artifact = db.prepareStatement("""
                         INSERT INTO data_rows (run_id, step_name, kind, name, number, sha256, recorded_at)
                         VALUES (?, 'package', 'artifact', ?, ?, ?, ?)""")) {
                for (int rc = 1; rc <= options.evolutions(); rc++) {
                    String runId = "run-" + rc;
                    String status = status(random);
                    String at = TIME.format(START.plusSeconds(60L * rc));
                    String end = TIME.format(START.plusSeconds(60L * rc + 30));
                    run.setString(1, runId);
                    run.setString(2, status);
                    run.setString(3, at);
                    run.setString(4, end);
                    run.addBatch();
                    evolution.setLong(1, rc);
                    evolution.setLong(2, generationId);
                    evolution.setInt(3, rc);
                    evolution.setString(4, VERSION + "-rc." + rc);
                    evolution.setString(5, status);
                    evolution.setString(6, String.format("%040x", rc * 2_654_435_761L));
                    evolution.setString(7, runId);
                    evolution.setString(8, at);
                    evolution.setString(9, end);
                    evolution.setString(10, end);
                    evolution.addBatch();
                    for (long change : distinct(random, changeRows, 1 + random.nextInt(3))) {
                        proves.setLong(1, rc);
                        proves.setLong(2, change);
                        proves.addBatch();
                        proofs++;
                    }
                    if (status.equals("pass") && random.nextInt(5) == 0) { // a fifth of the passing runs packaged something
                        for (String path : List.of("target/app.jar", "target/app.sbom.json")) {
                            artifact.setString(1, runId);
                            artifact.setString(2, path);
                            artifact.setDouble(3, 1_000_000 + random.nextInt(1000));
                            artifact.setString(4, String.format("%064x", random.nextLong() & Long.MAX_VALUE));
                            artifact.setString(5, end);
                            artifact.addBatch();
                            artifacts++;
                        }
                    }
                    if (rc % BATCH == 0) {
                        execute(run, evolution, proves, artifact);
                    }
                }
                execute(run, evolution, proves, artifact);
            }
            db.commit();
            return new Contents(options.changes(), options.evolutions(), proofs, artifacts);
        }
    }

    private static Generation generation(int changes) {
        List<Change> list = new ArrayList<>(changes);
        ChangeType[] types = ChangeType.values();
        for (int i = 1; i <= changes; i++) {
            list.add(new Change(String.format("CHG-%05d", i), types[i % types.length], "Change number " + i, null));
        }
        return new Generation(VERSION, "Benchmark generation", list, "release", null, GenerationStatus.DRAFT, null, null);
    }

    /** Mostly passes, some failures, a few interrupted runs (which prove nothing). */
    static String status(Random random) {
        int roll = random.nextInt(100);
        return roll < 75 ? "pass" : roll < 95 ? "fail" : "interrupted";
    }

    static List<Long> distinct(Random random, List<Long> from, int count) {
        List<Long> picked = new ArrayList<>(count);
        while (picked.size() < Math.min(count, from.size())) {
            Long candidate = from.get(random.nextInt(from.size()));
            if (!picked.contains(candidate)) {
                picked.add(candidate);
            }
        }
        return picked;
    }

    private static void execute(PreparedStatement... batches) throws SQLException {
        for (PreparedStatement batch : batches) {
            batch.executeBatch();
        }
    }
}
