package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product spec's {@code gryt db query} and {@code gryt db metric} examples answer as documented, through the
 * schema users query (the spec's table and column names, references by name), without changing the database.
 */
class SeedQueriesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void twoGenerationsWithEvolutions() {
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES; test \\"$GRYT_CHANGES\\" != PAY-002"
                """);
        ok("generation", "new", "v2.2.0", "--pipeline", "release-pipeline",
                "--change", "fix:PAY-001:Race condition in refund webhook",
                "--change", "refine:PAY-002:Reduce latency of status polling",
                "--change", "add:PAY-003:Support Apple Pay");
        ok("generation", "new", "v2.3.0", "--pipeline", "release-pipeline", "--change", "add:PAY-009:Refund API");
        git.commit("contracts");
        ok("evolution", "start", "v2.2.0", "--change", "PAY-001", "--change", "PAY-003");
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-002").exitCode()).isEqualTo(1);
        ok("evolution", "start", "v2.3.0", "--change", "PAY-009");
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    private JsonNode query(String sql) throws Exception {
        return JSON.readTree(ok("db", "query", "--json", sql).out());
    }

    @Test
    void evolutionsOfAGenerationByItsVersionAsTheSpecDocumentsIt() throws Exception {
        String sql = "SELECT * FROM evolutions WHERE generation_id = 'v2.2.0'";
        CliRun table = ok("db", "query", sql);
        assertThat(table.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .startsWith("TAG          GENERATION_ID  CHANGE_ID        STATUS  PIPELINE_RUN"));
        assertThat(table.out()).contains("v2.2.0-rc.1").contains("v2.2.0-rc.2").doesNotContain("v2.3.0").endsWith("(2 rows)\n");

        JsonNode rows = query(sql + " ORDER BY tag");
        assertThat(rows).hasSize(2);
        JsonNode rc1 = rows.get(0);
        assertThat(rc1.get("tag").asText()).isEqualTo("v2.2.0-rc.1");
        assertThat(rc1.get("generation_id").asText()).isEqualTo("v2.2.0");
        assertThat(rc1.get("change_id").asText()).isEqualTo("PAY-001,PAY-003");
        assertThat(rc1.get("status").asText()).isEqualTo("pass");
        assertThat(rc1.get("pipeline_run").asText()).matches("\\d{8}-\\d{6}-[0-9a-f]{6}");
        assertThat(rows.get(1).get("status").asText()).isEqualTo("fail");
        assertThat(rows.get(1).get("change_id").asText()).isEqualTo("PAY-002");
    }

    @Test
    void passRateOfAGenerationAsTheSpecDocumentsIt() {
        CliRun r = ok("db", "metric", "pass_rate", "--gen", "v2.2.0");
        assertThat(r.out()).isEqualTo("pass_rate (v2.2.0): 50.0%  [2 records]\n");
        assertThat(ok("db", "metric", "pass_rate", "--gen", "v2.3.0").out()).isEqualTo("pass_rate (v2.3.0): 100.0%  [1 record]\n");
    }

    @Test
    void everyTableOfTheSpecHasItsColumns() throws Exception {
        JsonNode generations = query("SELECT version, status, created_at FROM generations ORDER BY version");
        assertThat(generations).hasSize(2);
        assertThat(generations.get(0).get("version").asText()).isEqualTo("v2.2.0");
        assertThat(generations.get(0).get("status").asText()).isEqualTo("draft");

        JsonNode changes = query("SELECT generation_id, change_id, type, title FROM generation_changes"
                + " WHERE generation_id = 'v2.2.0' ORDER BY position");
        assertThat(changes).extracting(c -> c.get("change_id").asText()).containsExactly("PAY-001", "PAY-002", "PAY-003");
        assertThat(changes.get(1).get("type").asText()).isEqualTo("refine");
        assertThat(changes.get(1).get("title").asText()).isEqualTo("Reduce latency of status polling");

        JsonNode evolutions = query("SELECT tag, generation_id, change_id, status, pipeline_run FROM evolutions ORDER BY tag");
        assertThat(evolutions).extracting(e -> e.get("generation_id").asText()).containsExactly("v2.2.0", "v2.2.0", "v2.3.0");

        JsonNode runs = query("SELECT id, pipeline_name, status, started_at FROM pipeline_runs ORDER BY started_at");
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(evolutions.get(0).get("pipeline_run").asText());
        assertThat(runs.get(0).get("pipeline_name").asText()).isEqualTo("release-pipeline");

        JsonNode data = query("SELECT evolution_id, step_name, metric, value, artifact_path FROM data_rows"
                + " WHERE evolution_id = 'v2.2.0-rc.2'");
        assertThat(data).singleElement().satisfies(d -> {
            assertThat(d.get("step_name").asText()).isEqualTo("prove");
            assertThat(d.get("value").asText()).isEqualTo("fail");
            assertThat(d.get("metric").isNull()).isTrue();
            assertThat(d.get("artifact_path").isNull()).isTrue();
        });

        JsonNode proofs = query("SELECT evolution_id, change_id FROM evolution_changes WHERE generation_id = 'v2.2.0'"
                + " ORDER BY evolution_id, change_id");
        assertThat(proofs).extracting(p -> p.get("evolution_id").asText() + " " + p.get("change_id").asText())
                .containsExactly("v2.2.0-rc.1 PAY-001", "v2.2.0-rc.1 PAY-003", "v2.2.0-rc.2 PAY-002");
    }

    @Test
    void theStoredTablesStayAsTheyAreAndTheQueriesWriteNothing() throws Exception {
        Path db = dir.resolve(".gryt/gryt.db");
        String before = sha256(db);
        JsonNode stored = query("SELECT tag, generation_id FROM main.evolutions ORDER BY tag");
        assertThat(stored.get(0).get("generation_id").isIntegralNumber()).isTrue();
        query("SELECT * FROM evolutions WHERE generation_id = 'v2.2.0'");
        query("SELECT * FROM data_rows");
        assertThat(sha256(db)).isEqualTo(before);
        assertThat(ok("db", "query", "--csv", "SELECT name FROM sqlite_master WHERE type = 'view'").out()).isEqualTo("name\r\n");
        CliRun write = CliRun.in(dir, "db", "query", "DROP VIEW temp.evolutions");
        assertThat(write.exitCode()).isEqualTo(2);
        assertThat(ok("audit", "verify").out()).startsWith("audit trail intact");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theSpecsExamplesAreInTheDocs() throws Exception {
        String cli = Files.readString(Path.of("..", "docs", "cli.md"));
        for (String example : List.of("gryt db query \"SELECT * FROM evolutions WHERE generation_id = 'v2.2.0'\"",
                "gryt db metric pass_rate --gen v2.2.0")) {
            assertThat(cli).contains(example);
        }
    }
}
