package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DbCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void twoRunsOneFlaky() throws Exception {
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        Files.writeString(dir.resolve(".gryt/pipelines/flaky.yaml"), """
                steps:
                  - name: wobbly
                    run: "if [ -f seen ]; then echo ok; else touch seen; exit 1; fi"
                    retries: 1
                """);
        Files.writeString(dir.resolve(".gryt/pipelines/broken.yaml"), """
                steps:
                  - name: nope
                    run: "exit 4"
                """);
        assertThat(CliRun.in(dir, "run", "flaky").exitCode()).isZero();
        assertThat(CliRun.in(dir, "run", "broken").exitCode()).isEqualTo(1);
    }

    @Test
    void queryPrintsAnAlignedTable() {
        CliRun r = CliRun.in(dir, "db", "query", "SELECT pipeline_name, status FROM pipeline_runs ORDER BY pipeline_name");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "PIPELINE_NAME  STATUS", "broken         fail", "flaky          pass", "(2 rows)");
    }

    @Test
    void theTableShowsControlCharactersAsSpacesSoNoValueBreaksItOrDrivesTheTerminal() {
        CliRun r = CliRun.in(dir, "db", "query",
                "SELECT 'a' || char(10) || 'b' AS text, char(27) || '[2J' || 'x' || char(9) || 'y' AS \"esc\naped\"");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("TEXT  ESC APED", "a b   x y", "(1 row)");

        CliRun json = CliRun.in(dir, "db", "query", "--json", "SELECT 'a' || char(10) || 'b' AS text");
        assertThat(json.out()).contains("\"a\\nb\"");
    }

    @Test
    void queryAsJsonAndCsv() throws Exception {
        CliRun json = CliRun.in(dir, "db", "query", "--json", "SELECT step_name, attempts, exit_code FROM step_runs ORDER BY step_name");
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode rows = JSON.readTree(json.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("step_name").asText()).isEqualTo("nope");
        assertThat(rows.get(0).get("exit_code").asInt()).isEqualTo(4);
        assertThat(rows.get(1).get("attempts").asInt()).isEqualTo(2);

        CliRun csv = CliRun.in(dir, "db", "query", "--csv", "SELECT step_name, 'a,b' AS tricky FROM step_runs ORDER BY step_name");
        assertThat(csv.out()).isEqualTo("step_name,tricky\r\nnope,\"a,b\"\r\nwobbly,\"a,b\"\r\n");
    }

    @Test
    void writesAreRefusedByTheConnectionAndChangeNothing() {
        for (String sql : new String[] {"DELETE FROM pipeline_runs", "DROP TABLE step_runs", "delete from data_rows"}) {
            CliRun r = CliRun.in(dir, "db", "query", sql);
            assertThat(r.exitCode()).as(sql).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains("read-only").doesNotContain("\tat ");
        }
        CliRun count = CliRun.in(dir, "db", "query", "--csv", "SELECT COUNT(*) AS n FROM pipeline_runs");
        assertThat(count.out()).isEqualTo("n\r\n2\r\n");
    }

    @Test
    void metrics() throws Exception {
        CliRun rate = CliRun.in(dir, "db", "metric", "pass_rate");
        assertThat(rate.exitCode()).as(rate.all()).isZero();
        assertThat(rate.out()).contains("pass_rate: 50.0%").contains("[2 records]");

        JsonNode flaky = JSON.readTree(CliRun.in(dir, "db", "metric", "flaky_steps", "--json").out());
        assertThat(flaky.get("value").asInt()).isEqualTo(1);
        assertThat(flaky.get("details").get(0).get("label").asText()).isEqualTo("wobbly");

        JsonNode mean = JSON.readTree(CliRun.in(dir, "db", "metric", "mean_duration", "--json").out());
        assertThat(mean.get("value").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(mean.get("sample").asInt()).isEqualTo(2);

        assertThat(CliRun.in(dir, "db", "metric", "--list").out())
                .contains("pass_rate", "evolution_count", "mean_duration", "p95_duration", "flaky_steps");
        assertThat(CliRun.in(dir, "db", "metric", "evolution_count").out()).contains("evolution_count: 0");
    }

    @Test
    void badMetricInputIsUsageError() {
        CliRun unknown = CliRun.in(dir, "db", "metric", "speed");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown metric 'speed'").contains("pass_rate");
        assertThat(CliRun.in(dir, "db", "metric", "pass_rate", "--gen", "v9.9.9").exitCode()).isEqualTo(2);
        assertThat(CliRun.in(dir, "db", "metric", "pass_rate", "--gen", "latest").exitCode()).isEqualTo(2);
        assertThat(CliRun.in(dir, "db", "metric").exitCode()).isEqualTo(2);
        CliRun both = CliRun.in(dir, "db", "metric", "pass_rate", "--list");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().strip()).isEqualTo("gryt: error: db metric --list takes no metric name (got pass_rate): gryt db metric pass_rate");
    }

    @Test
    void jsonKeysOfRepeatedColumnNamesStayDistinct() throws Exception {
        CliRun r = CliRun.in(dir, "db", "query", "--json",
                "SELECT r.id, s.id, 'x' AS id_2 FROM pipeline_runs r JOIN step_runs s ON s.run_id = r.id LIMIT 1");
        assertThat(r.exitCode()).as(r.all()).isZero();
        var row = JSON.readTree(r.out()).get(0);
        assertThat(row.fieldNames()).toIterable().containsExactly("id", "id_2", "id_2_2");
        assertThat(row.get("id").asText()).isNotEqualTo(row.get("id_2").asText());
    }

    @Test
    void aTextOfTwoStatementsIsRefusedNotHalfRun() {
        CliRun r = CliRun.in(dir, "db", "query", "SELECT 1; SELECT 2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("runs one statement").contains("SELECT 2");
        assertThat(r.out()).isEmpty();
    }
}
