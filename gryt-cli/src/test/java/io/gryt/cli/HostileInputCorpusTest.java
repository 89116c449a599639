package io.gryt.cli;

import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Torture, hostile and malformed input: a corpus of over 200 broken files, arguments and databases, each run through
 * the CLI in-process on one project that holds runs, a generation and an evolution. Every case exits 2 with only
 * {@code gryt: error: } lines (one per problem, no stack trace, no raw control character) and leaves the project as
 * it was: the database's content and every file are hashed before and after. The count is in each test's name.
 */
class HostileInputCorpusTest {
    /** Ids, names and versions no gryt identifier may hold: shell and SQL metacharacters, paths, control characters. */
    static final List<String> HOSTILE_IDS = List.of(
            "A-1; rm -rf ~", "A-1 && touch pwned", "$(touch pwned)", "`touch pwned`", "A-1|cat", "A-1>out", "A-1<in",
            "A'1", "A\"1", "A-1' OR '1'='1", "A-1'); DROP TABLE generations;--", "A-1;--", "../../etc/passwd", "A/1",
            "A\\1", "A 1", "-rf", "*", "A-1\u0000", "A-1\u001b[2J", "A-1\u0007", "A-1\r\nB-2", "A\t1", "A-1\u009b",
            "%s%n", "${HOME}", "A-1#x", "", " ", "\u202eA-1");

    static Path project;
    static TempGitRepo git;

    @BeforeAll
    static void aProjectWithHistory() throws IOException {
        project = Files.createTempDirectory("gryt-corpus");
        git = CliRun.initProject(project);
        git.write(".gryt/pipelines/ci.yaml", "steps:\n  - name: prove\n    run: [echo, proving]\n");
        ok("generation", "new", "v1.0.0", "--change", "fix:A-1:One", "--change", "add:B-2:Two");
        git.commit("v1.0.0");
        ok("evolution", "start", "v1.0.0", "--change", "A-1");
        ok("run", "ci");
        ok("audit", "snapshot", "--name", "baseline");
    }

    @AfterAll
    static void removeTheProject() throws IOException {
        try (Stream<Path> all = Files.walk(project)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputIsRefusedInOneLinePerProblemAndChangesNothing() {
        List<Case> cases = new ArrayList<>();
        pipelineFiles(cases);
        generationFiles(cases);
        configFiles(cases);
        arguments(cases);
        databases(cases);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        int total = cases.size();
        return java.util.stream.IntStream.range(0, total).mapToObj(i -> DynamicTest.dynamicTest(
                "[" + (i + 1) + "/" + total + "] " + ControlCodes.visible(cases.get(i).name()), () -> {
                    try {
                        cases.get(i).check();
                    } catch (AssertionError e) {
                        throw new AssertionError(ControlCodes.visible(cases.get(i).name()) + ": " + e.getMessage(), e);
                    }
                }));
    }

    // ---- the corpus ----

    private static void pipelineFiles(List<Case> cases) {
        List<String> yaml = new ArrayList<>(List.of(
                // broken YAML
                "steps: [", "steps:\n  - name: a\n   run: [echo]\n", "steps:\n\t- name: a\n", "steps: {\n", "::::\n",
                "steps:\n  - name: \"a\n    run: [echo]\n", "steps:\n  - name: a\n    run: [echo\n", "- just\n- a list\n",
                "just a string\n", "42\n", "null\n", "steps: ~\n", "---\nsteps: []\n---\nsteps: []\n", "%YAML 9.9\n---\nsteps: []\n",
                "steps:\n  - name: a\n    run: [echo]\n  - name: a\n    run: [echo]\n", "steps: []\n",
                "steps:\n  - name: a\n    run: [echo]\n    run: [true]\n", "name: x\nname: y\nsteps:\n  - name: a\n    run: [echo]\n",
                "# only a comment\n", "\n\n\n", "\uFEFF\uFEFFsteps: [\n",
                // wrong types
                "steps: 5\n", "steps: \"x\"\n", "steps: {a: 1}\n", "steps:\n  - 5\n", "steps:\n  - [a, b]\n",
                "steps:\n  - name: [1]\n    run: [echo]\n", "steps:\n  - name: a\n    run: {a: b}\n",
                "steps:\n  - name: a\n    run: []\n", "steps:\n  - name: a\n    run: [[echo]]\n", "steps:\n  - name: a\n",
                "steps:\n  - name: a\n    run: [echo]\n    timeout: 10x\n", "steps:\n  - name: a\n    run: [echo]\n    timeout: -1s\n",
                "steps:\n  - name: a\n    run: [echo]\n    timeout: [1]\n", "steps:\n  - name: a\n    run: [echo]\n    retries: -1\n",
                "steps:\n  - name: a\n    run: [echo]\n    retries: many\n", "steps:\n  - name: a\n    run: [echo]\n    retries: 1.5\n",
                "runners: 0\nsteps:\n  - name: a\n    run: [echo]\n", "runners: two\nsteps:\n  - name: a\n    run: [echo]\n",
                "runners: -3\nsteps:\n  - name: a\n    run: [echo]\n", "env: [1]\nsteps:\n  - name: a\n    run: [echo]\n",
                "env: {A: [1]}\nsteps:\n  - name: a\n    run: [echo]\n", "env: {\"A=B\": x}\nsteps:\n  - name: a\n    run: [echo]\n",
                "steps:\n  - name: a\n    run: [echo]\n    depends_on: [nope]\n", "steps:\n  - name: a\n    run: [echo]\n    depends_on: 5\n",
                "steps:\n  - name: a\n    run: [echo]\n    depends_on: [a]\n",
                "steps:\n  - name: a\n    run: [echo]\n    depends_on: [b]\n  - name: b\n    run: [echo]\n    depends_on: [a]\n",
                "steps:\n  - name: a\n    run: [echo]\n    env: 7\n", "steps:\n  - name: a\n    run: [echo]\n    timeout: true\n",
                // unknown fields
                "stepz:\n  - name: a\n    run: [echo]\n", "steps:\n  - nmae: a\n    run: [echo]\n", "steps:\n  - name: a\n    runs: [echo]\n",
                "steps:\n  - name: a\n    run: [echo]\n    retry: 2\n", "steps:\n  - name: a\n    run: [echo]\nrunner: 2\n",
                // huge values
                "steps:\n  - name: " + "a".repeat(10_000) + "\n    run: [echo]\n", "steps:\n  - name: a\n    run: [echo]\n    timeout: 99999999999999999999h\n",
                "steps:\n  - name: a\n    run: [echo]\n    retries: 99999999999999999999\n", "runners: 1e30\nsteps:\n  - name: a\n    run: [echo]\n",
                "runners: 100000\nsteps:\n  - name: a\n    run: [echo]\n", "steps:\n  - name: a\n    run: [echo]\n    retries: 2147483648\n",
                // deep nesting
                "steps: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n", "steps: " + "{a: ".repeat(3_000) + "1" + "}".repeat(3_000) + "\n",
                "steps:\n  - name: a\n    run: " + "[".repeat(2_000) + "echo" + "]".repeat(2_000) + "\n",
                // anchors and aliases
                billionLaughs(), "x: &a [*a]\nsteps: *a\n", "base: &b {name: a, run: [echo]}\nsteps:\n  - <<: *b\n",
                "steps:\n  - &s {name: a, run: [echo]}\n  - *s\n"));
        for (String id : HOSTILE_IDS) yaml.add("steps:\n  - name: " + quoted(id) + "\n    run: [echo, hi]\n");
        for (String id : List.of("a; rm -rf ~", "$(id)", "x\u001b[2J", "../x")) {
            yaml.add("steps:\n  - name: a\n    run: [echo]\n    depends_on: [" + quoted(id) + "]\n");
        }
        for (int i = 0; i < yaml.size(); i++) {
            String content = yaml.get(i);
            cases.add(new Case("pipeline file " + (i + 1) + ": " + preview(content),
                    ".gryt/pipelines/hostile.yaml", content.getBytes(StandardCharsets.UTF_8), "run", "hostile"));
        }
        for (byte[] garbage : garbage()) {
            cases.add(new Case("pipeline file of " + garbage.length + " bytes of garbage",
                    ".gryt/pipelines/hostile.yaml", garbage, "run", "hostile"));
        }
    }

    private static void generationFiles(List<Case> cases) {
        String ok = "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: t\n";
        List<String> yaml = new ArrayList<>(List.of(
                "version: v9.9.8\nchanges:\n  - type: fix\n    id: X-1\n    title: t\n", "version: 9.9.9\nchanges: []\n",
                "version: v9.9\nchanges: []\n", "version: [v9.9.9]\n", "changes:\n  - type: fix\n    id: X-1\n    title: t\n",
                "version: v9.9.9\nchanges:\n  - type: bugfix\n    id: X-1\n    title: t\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: t\n  - type: add\n    id: X-1\n    title: u\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    title: t\n", "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n",
                "version: v9.9.9\nchanges: 5\n", "version: v9.9.9\nchanges: {a: 1}\n", "version: v9.9.9\nchanges:\n  - 5\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    id: [X-1]\n    title: t\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: {a: b}\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: \"two\\nlines\"\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: t\n    colour: red\n",
                ok + "pipeline_template: \"../../etc/passwd\"\n", ok + "pipeline_template: [ci]\n", ok + "hotfix_of: nonsense\n",
                ok + "unknown_field: 1\n", ok + "description: [1, 2]\n", ok + "version: v9.9.9\n",
                "version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: " + "t".repeat(2_000_000) + "\n",
                "version: v9.9.9\nchanges: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n",
                billionLaughs().replace("steps:", "version: v9.9.9\nchanges:"), "version: v9.9.9\nchanges: [\n", "", "\n# nothing\n",
                "version: v9.9.9\n  changes: []\n", "version: v9.9.9\nchanges:\n- type: fix\n  id: X-1\n  title: t\n - type: fix\n"));
        for (String id : HOSTILE_IDS) {
            yaml.add("version: v9.9.9\nchanges:\n  - type: fix\n    id: " + quoted(id) + "\n    title: t\n");
        }
        for (String title : List.of("a\u0000b", "a\u001b[2Jb", "a\u0007b", "a\rb", "a\u0085b")) {
            yaml.add("version: v9.9.9\nchanges:\n  - type: fix\n    id: X-1\n    title: " + quoted(title) + "\n");
        }
        for (String version : List.of("v9.9.9; rm -rf ~", "v9.9.9'--", "v09.9.9", "v9.9.9-rc.1", "v-1.0.0", "v99999999999999999999.0.0")) {
            yaml.add("version: " + quoted(version) + "\nchanges:\n  - type: fix\n    id: X-1\n    title: t\n");
        }
        for (int i = 0; i < yaml.size(); i++) {
            String content = yaml.get(i);
            cases.add(new Case("generation file " + (i + 1) + ": " + preview(content),
                    ".gryt/generations/v9.9.9.yaml", content.getBytes(StandardCharsets.UTF_8), "generation", "show", "v9.9.9"));
        }
        for (byte[] garbage : garbage()) {
            cases.add(new Case("generation file of " + garbage.length + " bytes of garbage",
                    ".gryt/generations/v9.9.9.yaml", garbage, "generation", "show", "v9.9.9"));
        }
    }

    private static void configFiles(List<Case> cases) {
        List<String> yaml = List.of("run:\n  runners: [1]\n", "run:\n  runners: 0\n", "run:\n  runners: 999999\n", "run: {runners: x}\n",
                "store.colour: red\n", "store:\n  url: [a]\n", "execution.mode: banana\n", "execution.mode: shared\n", "run: [\n",
                "pipeline_template: \"../x\"\n", "pipeline_template: \"ci; rm -rf ~\"\n", "release.push: [a, b]\n",
                billionLaughs().replace("steps:", "run:"), "run:\n  runners: 1\nrun:\n  runners: 2\n", "\u0000\u0001\u0002");
        for (int i = 0; i < yaml.size(); i++) {
            cases.add(new Case("config file " + (i + 1) + ": " + preview(yaml.get(i)), ".gryt/config.yaml",
                    yaml.get(i).getBytes(StandardCharsets.UTF_8), "config", "list"));
        }
    }

    private static void arguments(List<Case> cases) {
        List<List<String>> args = new ArrayList<>();
        for (String version : List.of("1.0.0", "v1", "v1.0", "v1.0.0.0", "v01.0.0", "v1.0.0-rc.1", "V1.0.0", "v1.0.0; rm -rf ~",
                "v1.0.0'--", "../v1.0.0", "v99999999999999999999.0.0", "v1.0.0\u001b[2J", "", "v1.0.0\n")) {
            args.add(List.of("generation", "new", version, "--change", "fix:X-1:t"));
        }
        for (String id : HOSTILE_IDS) {
            args.add(List.of("generation", "new", "v8.0.0", "--change", "fix:" + id + ":t"));
            args.add(List.of("evolution", "start", "v1.0.0", "--change", id));
        }
        args.addAll(List.of(
                List.of("generation", "new", "v8.0.0", "--change", "bugfix:X-1:t"),
                List.of("generation", "new", "v8.0.0", "--change", "fix"),
                List.of("generation", "new", "v8.0.0", "--change", "fix:X-1:t", "--change", "add:X-1:u"),
                List.of("generation", "new", "v1.0.0", "--change", "fix:X-1:t"),
                List.of("generation", "new", "v8.0.0", "--pipeline", "../../etc/passwd"),
                List.of("generation", "show", "v1.0.0; rm -rf ~"), List.of("generation", "promote", "v1.0.0'--"),
                List.of("evolution", "start", "v7.7.7", "--change", "A-1"), List.of("evolution", "show", "v1.0.0-rc.1' OR 1=1--"),
                List.of("evolution", "list", "--limit", "0"), List.of("evolution", "list", "--limit", "-1"),
                List.of("evolution", "list", "--limit", "x"), List.of("evolution", "list", "--limit", "99999999999999999999"),
                List.of("run", "../../etc/passwd"), List.of("run", "ci; touch pwned"), List.of("run", "$(touch pwned)"),
                List.of("run", "ci", "--runners", "0"), List.of("run", "ci", "--runners", "-1"), List.of("run", "ci", "--runners", "1e9"),
                List.of("run", "ci", "--only", "nope"),
                List.of("config", "set", "run.runners", "0"), List.of("config", "set", "run.runners", "99999999999999999999"),
                List.of("config", "set", "run.runners", "two"), List.of("config", "set", "store.colour", "x"),
                List.of("config", "set", "execution.mode", "shared"), List.of("config", "set", "pipeline_template", "../x"),
                List.of("config", "get", "x'; DROP TABLE generations;--"),
                List.of("audit", "snapshot", "--name", "../escape"), List.of("audit", "snapshot", "--name", "a;b"),
                List.of("audit", "snapshot", "--name", "baseline"), List.of("audit", "snapshot", "--name", "x".repeat(500)),
                List.of("audit", "rollback", "../../gryt"), List.of("audit", "rollback", "nope"),
                List.of("db", "query", "DELETE FROM audit_log"), List.of("db", "query", "DROP TABLE generations"),
                List.of("db", "query", "UPDATE generations SET status = 'promoted'"),
                List.of("db", "query", "ATTACH DATABASE '" + "/tmp/gryt-corpus-attach.db" + "' AS x"),
                List.of("db", "query", "PRAGMA writable_schema = 1"), List.of("db", "query", "SELECT * FROM nope"),
                List.of("db", "query", "SELECT 1; DELETE FROM audit_log"), List.of("db", "query", "not sql at all"),
                List.of("db", "metric", "nope'--"), List.of("--no-such-option"), List.of("rnu"),
                List.of("run"), List.of("completion", "fish; rm -rf ~")));
        for (int i = 0; i < args.size(); i++) {
            List<String> a = args.get(i);
            cases.add(new Case("arguments " + (i + 1) + ": " + preview(String.join(" ", a)), null, null, a.toArray(String[]::new)));
        }
    }

    private static void databases(List<Case> cases) {
        cases.add(Case.database("a truncated gryt.db (first 4096 bytes)", real -> java.util.Arrays.copyOf(real, 4096)));
        cases.add(Case.database("a truncated gryt.db (first 100 bytes)", real -> java.util.Arrays.copyOf(real, 100)));
        cases.add(Case.database("a gryt.db cut in half", real -> java.util.Arrays.copyOf(real, real.length / 2)));
        cases.add(Case.database("a gryt.db of binary garbage", real -> garbage().get(2)));
        cases.add(Case.database("a gryt.db holding text", real -> "hello, I am not a database\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(Case.database("a gryt.db whose header is overwritten", real -> {
            byte[] copy = real.clone();
            java.util.Arrays.fill(copy, 0, 16, (byte) 'X');
            return copy;
        }));
        cases.add(Case.database("a foreign SQLite database", real -> sqlite("CREATE TABLE customers (id INTEGER, name TEXT)",
                "INSERT INTO customers VALUES (1, 'x')")));
        cases.add(Case.database("a gryt.db from a newer gryt (schema 99)", real -> withSql(real,
                "INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')")));
    }

    // ---- helpers ----

    static String billionLaughs() {
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) b.append(i == 0 ? "" : ",").append('*').append(prev);
            b.append("]\n");
            prev = c;
        }
        return b.append("steps: [*j]\n").toString();
    }

    static List<byte[]> garbage() {
        Random random = new Random(18);
        List<byte[]> all = new ArrayList<>();
        for (int size : List.of(1, 17, 4096, 100_000)) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            all.add(bytes);
        }
        all.add(new byte[0]);
        all.add(new byte[] {(byte) 0xff, (byte) 0xfe, 's', 0, 't', 0, 'e', 0, 'p', 0, 's', 0, ':', 0}); // UTF-16
        all.add("steps:\u0000\n  - name: a\n".getBytes(StandardCharsets.UTF_8));
        return all;
    }

    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String preview(String s) {
        String one = s.replace("\n", "⏎");
        return one.length() > 60 ? one.substring(0, 60) + "… (" + s.length() + " chars)" : one;
    }

    static byte[] sqlite(String... sql) {
        try {
            Path file = Files.createTempFile("gryt-corpus", ".db");
            Files.delete(file);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                for (String each : sql) s.execute(each);
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] withSql(byte[] db, String... sql) {
        try {
            Path file = Files.createTempFile("gryt-corpus", ".db");
            Files.write(file, db);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                for (String each : sql) s.execute(each);
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CliRun ok(String... args) {
        CliRun r = CliRun.in(project, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    /** The project's state: the database's content, table by table, and every other file's bytes. */
    static String state() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            TreeMap<String, String> files = new TreeMap<>();
            try (Stream<Path> all = Files.walk(project)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    String rel = project.relativize(p).toString();
                    // the database is compared by content (a checkpoint may rewrite its pages); git's index is a
                    // cache; a lock file (.gryt/config.yaml.lock, git-ignored) stays by design
                    if (rel.startsWith(".gryt/gryt.db") || rel.equals(".git/index") || rel.endsWith(".lock")) continue;
                    files.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
                }
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(".gryt/gryt.db") + "?open_mode=1");
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                    while (rs.next()) tables.add(rs.getString(1));
                }
                for (String table : tables) {
                    StringBuilder rows = new StringBuilder();
                    try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= n; i++) rows.append(rs.getString(i)).append('\u0001');
                            rows.append('\n');
                        }
                    } catch (java.sql.SQLException withoutRowid) {
                        rows.append("?");
                    }
                    files.put("db:" + table, HexFormat.of().formatHex(sha.digest(rows.toString().getBytes(StandardCharsets.UTF_8))));
                }
            }
            return files.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot hash the project", e);
        }
    }

    /** One hostile input: a file written into the project (or none), then the command line that reads it. */
    record Case(String name, String file, byte[] content, String[] args, java.util.function.UnaryOperator<byte[]> database) {
        Case(String name, String file, byte[] content, String... args) {
            this(name, file, content, args, null);
        }

        static Case database(String name, java.util.function.UnaryOperator<byte[]> hostile) {
            return new Case(name, null, null, new String[] {"generation", "list"}, hostile);
        }

        void check() throws Exception {
            if (database != null) {
                checkDatabase();
                return;
            }
            String before = state();
            Path written = file == null ? null : project.resolve(file);
            if (written != null) Files.write(written, content);
            CliRun run;
            try {
                run = CliRun.in(project, args);
            } finally {
                if (written != null) Files.delete(written);
            }
            assertRefused(run);
            assertThat(state()).as("the project is untouched\n" + run.all()).isEqualTo(before);
            assertThat(project.resolve("pwned")).doesNotExist();
        }

        private void checkDatabase() throws Exception {
            Path db = project.resolve(".gryt/gryt.db");
            Path aside = project.resolve(".gryt/runs/real.db");
            Files.move(db, aside);
            try {
                byte[] hostile = database.apply(Files.readAllBytes(aside));
                Files.write(db, hostile);
                for (String[] command : List.of(args, new String[] {"run", "ci"}, new String[] {"audit", "verify"})) {
                    CliRun run = CliRun.in(project, command);
                    assertRefused(run);
                    assertThat(Files.readAllBytes(db)).as("the database file is untouched\n" + run.all()).isEqualTo(hostile);
                }
            } finally {
                for (String suffix : List.of("", "-wal", "-shm", "-journal")) Files.deleteIfExists(project.resolve(".gryt/gryt.db" + suffix));
                Files.move(aside, db);
            }
        }

        private static void assertRefused(CliRun run) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
            assertThat(run.err()).as(run.all()).isNotBlank().doesNotContain("Exception", "\tat ", "internal error");
            assertThat(run.err().lines()).as(run.all()).allSatisfy(line -> assertThat(line).startsWith("gryt: error: ")
                    .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f\\x80-\\x9f]"));
            assertThat(run.out()).as("the last line is an error, not output\n" + run.all()).doesNotContain("Exception");
        }
    }
}
