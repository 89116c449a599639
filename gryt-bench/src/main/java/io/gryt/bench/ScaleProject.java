package io.gryt.bench;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A real gryt project at scale, made fast: a git repository whose generation {@value #VERSION} declares
 * {@code changes} changes (created through gryt's API, committed), then {@code evolutions} finished evolutions
 * (each with its pipeline run, one step, the 1 to 3 changes it proves, and for a fifth of the passing ones two
 * artifacts) written with plain JDBC in one transaction, each with the audit entry gryt would have appended for it
 * (the rows' images, hash-chained in the form docs/audit.md documents), then notes until the trail holds
 * {@code entries} entries. Every evolution's tag is in git (lightweight, in {@code packed-refs}) on the commit it
 * ran on, so the project is consistent: {@code gryt audit verify} finds it intact and the gates find every proof.
 */
final class ScaleProject {
    static final String VERSION = "v9.0.0";

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String FORM = "gryt-audit-v1";
    /** Canonical JSON as gryt's SQLite store writes it: keys sorted, no white space. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ScaleProject() {
    }

    /** What was built. */
    record Contents(Path dir, int changes, int evolutions, long entries, String commit) {
    }

    static Contents build(Path dir, int changes, int evolutions, long entries, long seed) throws Exception {
        git(dir, "init", "-q", "-b", "main");
        git(dir, "config", "user.name", "bench");
        git(dir, "config", "user.email", "bench@localhost");
        ProjectInit.init(dir);
        List<Change> declared = new ArrayList<>(changes);
        ChangeType[] types = ChangeType.values();
        for (int i = 1; i <= changes; i++) {
            declared.add(new Change(String.format("CHG-%05d", i), types[i % types.length], "Change number " + i, null));
        }
        try (Gryt gryt = Gryt.open(dir)) {
            gryt.generations().create(VERSION, "scale benchmark", declared, "ci");
        }
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "contract of " + VERSION);
        String commit = git(dir, "rev-parse", "HEAD").strip();
        long written = fill(dir.resolve(".gryt/gryt.db"), commit, evolutions, entries, new Random(seed));
        tags(dir, commit, evolutions);
        return new Contents(dir, changes, evolutions, written, commit);
    }

    private static long fill(Path db, String commit, int evolutions, long entries, Random random) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=OFF");
            }
            c.setAutoCommit(false);
            long generationId;
            List<Long> changeRows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT g.id, c.id FROM generations g"
                    + " JOIN generation_changes c ON c.generation_id = g.id WHERE g.version = '" + VERSION + "' ORDER BY c.position")) {
                rs.next();
                generationId = rs.getLong(1);
                do {
                    changeRows.add(rs.getLong(2));
                } while (rs.next());
            }
            Chain chain = Chain.after(c);
            try (PreparedStatement run = c.prepareStatement("INSERT INTO pipeline_runs (id, pipeline_name, status, started_at,"
                         + " finished_at) VALUES (?, 'ci', ?, ?, ?)");
                 PreparedStatement step = c.prepareStatement("INSERT INTO step_runs (run_id, step_name, status, exit_code,"
                         + " attempts, started_at, finished_at, duration_ms) VALUES (?, 'build', ?, ?, 1, ?, ?, 30000)");
                 PreparedStatement evolution = c.prepareStatement("INSERT INTO evolutions (id, generation_id, rc_number, tag,"
                         + " status, commit_sha, pipeline_run_id, created_at, finished_at, tagged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement proves = c.prepareStatement("INSERT INTO evolution_changes (evolution_id, change_id) VALUES (?, ?)");
                 PreparedStatement artifact = c.prepareStatement("INSERT INTO data_rows (run_id, step_name, kind, name, number,"
                         + " sha256, recorded_at) VALUES (?, 'build', 'artifact', ?, ?, ?, ?)");
                 Images images = new Images(c)) {
                for (int rc = 1; rc <= evolutions; rc++) {
                    String runId = String.format("run-%07d", rc);
                    String status = BenchmarkDatabase.status(random);
                    String at = TIME.format(START.plusSeconds(60L * rc));
                    String end = TIME.format(START.plusSeconds(60L * rc + 30));
                    exec(run, runId, status, at, end);
                    exec(step, runId, status.equals("interrupted") ? "cancelled" : status.equals("pass") ? "pass" : "fail",
                            status.equals("pass") ? 0 : 1, at, end);
                    exec(evolution, rc, generationId, rc, VERSION + "-rc." + rc, status, commit, runId, at, end, end);
                    for (long change : BenchmarkDatabase.distinct(random, changeRows, 1 + random.nextInt(3))) exec(proves, (long) rc, change);
                    if (status.equals("pass") && random.nextInt(5) == 0) {
                        for (String path : List.of("target/app.jar", "target/app.sbom.json")) {
                            exec(artifact, runId, path, 1_000_000.0 + random.nextInt(1000),
                                    String.format("%064x", random.nextLong() & Long.MAX_VALUE), end);
                        }
                    }
                    Map<String, Object> rows = new TreeMap<>();
                    rows.put("data_rows", images.of("data_rows", "run_id = ?", runId));
                    rows.put("evolution_changes", images.of("evolution_changes", "evolution_id = ?", rc));
                    rows.put("evolutions", images.of("evolutions", "id = ?", rc));
                    rows.put("pipeline_runs", images.of("pipeline_runs", "id = ?", runId));
                    rows.put("step_runs", images.of("step_runs", "run_id = ?", runId));
                    chain.append(c, end, "evolution.recorded", CANONICAL.writeValueAsString(Map.of("rows", rows)));
                }
            }
            long notes = entries - chain.seq;
            for (long i = 1; i <= notes; i++) {
                chain.append(c, TIME.format(START.plusSeconds(60L * evolutions + i)), "bench.note", "{\"note\":" + i + "}");
            }
            chain.flush();
            c.commit();
            return chain.seq;
        }
    }

    /** The images of rows as gryt's audit entries hold them: every column, integers as longs, in key order. */
    private static final class Images implements AutoCloseable {
        private final Connection c;
        private final Map<String, PreparedStatement> queries = new TreeMap<>();

        Images(Connection c) {
            this.c = c;
        }

        List<Map<String, Object>> of(String table, String where, Object key) throws SQLException {
            String order = table.equals("evolution_changes") ? "evolution_id, change_id" : "id";
            PreparedStatement q = queries.get(table);
            if (q == null) {
                q = c.prepareStatement("SELECT * FROM " + table + " WHERE " + where + " ORDER BY " + order);
                queries.put(table, q);
            }
            q.setObject(1, key);
            List<Map<String, Object>> images = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> image = new TreeMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        image.put(meta.getColumnName(i), value instanceof Integer n ? Long.valueOf(n) : value);
                    }
                    images.add(image);
                }
            }
            return images;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement q : queries.values()) q.close();
        }
    }

    /** The audit chain, continued from its last entry, appended in batches. */
    private static final class Chain {
        private final MessageDigest sha256;
        private PreparedStatement insert;
        private long seq;
        private String hash;
        private int pending;

        private Chain(long seq, String hash) throws NoSuchAlgorithmException {
            this.seq = seq;
            this.hash = hash;
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }

        static Chain after(Connection c) throws Exception {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
                return rs.next() ? new Chain(rs.getLong(1), rs.getString(2)) : new Chain(0, "0".repeat(64));
            }
        }

        void append(Connection c, String at, String event, String payload) throws SQLException {
            if (insert == null) {
                insert = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, event, payload, prev_hash, hash)"
                        + " VALUES (?, ?, 'bench', ?, ?, ?, ?)");
            }
            long next = seq + 1;
            String form = FORM + "\n" + next + "\n" + at + "\nbench\n" + event + "\n" + payload + "\n" + hash;
            String h = HexFormat.of().formatHex(sha256.digest(form.getBytes(StandardCharsets.UTF_8)));
            insert.setLong(1, next);
            insert.setString(2, at);
            insert.setString(3, event);
            insert.setString(4, payload);
            insert.setString(5, hash);
            insert.setString(6, h);
            insert.addBatch();
            seq = next;
            hash = h;
            if (++pending == 10_000) flush();
        }

        void flush() throws SQLException {
            if (insert != null && pending > 0) insert.executeBatch();
            pending = 0;
        }
    }

    /** Every evolution's tag, lightweight, on {@code commit}: one {@code packed-refs} file, written at once. */
    private static void tags(Path dir, String commit, int evolutions) throws IOException {
        List<String> names = new ArrayList<>(evolutions);
        for (int rc = 1; rc <= evolutions; rc++) names.add("refs/tags/" + VERSION + "-rc." + rc);
        names.sort(null);
        Path packed = dir.resolve(".git/packed-refs");
        try (BufferedWriter w = Files.newBufferedWriter(packed, StandardCharsets.UTF_8)) {
            w.write("# pack-refs with: peeled fully-peeled sorted \n");
            for (String name : names) w.write(commit + " " + name + "\n");
        }
    }

    private static void exec(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) s.setObject(i + 1, values[i]);
        s.executeUpdate();
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        return out;
    }
}
