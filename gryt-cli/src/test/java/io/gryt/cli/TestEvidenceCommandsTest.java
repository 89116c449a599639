package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Test reports, metrics and outputs of shell steps, read back through the command line. */
class TestEvidenceCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TempGitRepo git;

    @BeforeEach
    void project() {
        git = CliRun.initProject(dir);
        git.write("test.sh", """
                mkdir -p target/surefire-reports
                failure='<failure message="expected 268 but was 267">stack</failure>'
                if [ "$GRYT_CHANGES" = PAY-001 ]; then failure=''; fi
                cat > target/surefire-reports/TEST-PayTest.xml <<EOF
                <testsuite name="PayTest">
                  <testcase classname="com.example.PayTest" name="charges" time="0.01"/>
                  <testcase classname="com.example.PayTest" name="refunds" time="0.02">$failure</testcase>
                  <testcase classname="com.example.PayTest" name="gateway"><skipped/></testcase>
                </testsuite>
                EOF
                echo coverage=0.87 >> "$GRYT_METRICS"
                echo build_id=b-42 >> "$GRYT_OUTPUT"
                """);
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: test
                    run: sh test.sh
                    junit: target/surefire-reports/*.xml
                  - name: publish
                    run: 'echo "publishing $GRYT_OUTPUTS_TEST_BUILD_ID" > published.txt'
                    depends_on: [test]
                """);
        git.write(".gitignore", "target/\npublished.txt\n");
        CliRun created = CliRun.in(dir, "generation", "new", "v1.0.0", "--pipeline", "release-pipeline",
                "--change", "add:PAY-001:Charges", "--change", "fix:PAY-002:Refund rounding");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("contract");
    }

    @Test
    void failedTestsAreShownByEvolutionShowAndTheHtmlExport() throws Exception {
        CliRun failing = CliRun.in(dir, "evolution", "start", "v1.0.0", "--change", "PAY-002");
        assertThat(failing.exitCode()).as(failing.all()).isEqualTo(1);
        assertThat(failing.all()).contains("1 of 3 tests failed: com.example.PayTest.refunds");

        CliRun show = CliRun.in(dir, "evolution", "show", "v1.0.0-rc.1");
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.out()).contains("tests: 3 (1 failed, 1 passed, 1 skipped)")
                .containsPattern("com\\.example\\.PayTest\\.refunds\\s+test\\s+failed\\s+expected 268 but was 267");

        String html = CliRun.in(dir, "audit", "export", "--format", "html").out();
        assertThat(html).contains("3 test cases recorded, 1 failed")
                .contains("<td>com.example.PayTest.refunds</td><td>test</td>")
                .contains("expected 268 but was 267");

        JsonNode json = JSON.readTree(CliRun.in(dir, "audit", "export", "--format", "json").out());
        assertThat(json.findValues("tests").stream().filter(JsonNode::isArray).mapToInt(JsonNode::size).sum()).isEqualTo(3);
    }

    @Test
    void aShellStepsMetricAndOutputAreReadBackFromTheStoreAndByItsDependent() throws Exception {
        CliRun passing = CliRun.in(dir, "evolution", "start", "v1.0.0", "--change", "PAY-001");
        assertThat(passing.exitCode()).as(passing.all()).isZero();
        assertThat(Files.readString(dir.resolve("published.txt"))).isEqualTo("publishing b-42\n");

        CliRun metric = CliRun.in(dir, "db", "query", "--json",
                "SELECT step_name, metric, value FROM data_rows WHERE kind = 'metric'");
        assertThat(metric.exitCode()).as(metric.all()).isZero();
        JsonNode row = JSON.readTree(metric.out()).get(0);
        assertThat(row.get("metric").asText()).isEqualTo("coverage");
        assertThat(row.get("value").asDouble()).isEqualTo(0.87);

        CliRun recorded = CliRun.in(dir, "db", "metric", "coverage");
        assertThat(recorded.exitCode()).as(recorded.all()).isZero();
        assertThat(recorded.out()).startsWith("coverage: 0.87  [1 record]").contains("test  1");
        JsonNode ofGeneration = JSON.readTree(CliRun.in(dir, "db", "metric", "coverage", "--gen", "v1.0.0", "--json").out());
        assertThat(ofGeneration.get("value").asDouble()).isEqualTo(0.87);
        assertThat(ofGeneration.get("unit").asText()).isEqualTo("recorded");
        CliRun unknown = CliRun.in(dir, "db", "metric", "speed");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown metric 'speed'").contains("or a metric a step recorded");

        CliRun output = CliRun.in(dir, "db", "query", "--json",
                "SELECT step_name, name, value FROM data_rows WHERE kind = 'output'");
        assertThat(JSON.readTree(output.out()).get(0).get("value").asText()).isEqualTo("b-42");

        CliRun show = CliRun.in(dir, "evolution", "show", "v1.0.0-rc.1");
        assertThat(show.out()).contains("tests: 3 (2 passed, 1 skipped)").doesNotContain("FAILED TEST");
    }

    @Test
    void inGithubActionsFailedStepsAndTestsAreAnnotatedAndTheRunSummarized() throws Exception {
        Path summary = dir.resolve("summary.md");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
             java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
            java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
            env.put("GITHUB_ACTIONS", "true");
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            code = Cli.execute(new String[] {"-C", dir.toString(), "evolution", "start", "v1.0.0", "--change", "PAY-002"}, o, e, env);
        }
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(code).as(printed + err).isEqualTo(1);
        assertThat(printed.lines()).contains(
                "::error title=gryt%3A step test fail::1 of 3 tests failed: com.example.PayTest.refunds",
                "::error file=target/surefire-reports/TEST-PayTest.xml,title=com.example.PayTest.refunds failed::expected 268 but was 267");
        assertThat(Files.readString(summary)).startsWith("### gryt run `release-pipeline`: fail")
                .contains("| test | fail | ").contains(" | 1/3 passed | 1 of 3 tests failed: com.example.PayTest.refunds |")
                .contains("| publish | skipped |");
    }

    @Test
    void outsideGithubActionsNoWorkflowCommandIsPrinted() {
        CliRun run = CliRun.in(dir, "evolution", "start", "v1.0.0", "--change", "PAY-002");
        assertThat(run.all()).doesNotContain("::error");
    }

    @Test
    void workflowCommandValuesAreEscaped() {
        assertThat(GithubActions.data("50% done\nnext")).isEqualTo("50%25 done%0Anext");
        assertThat(GithubActions.property("a:b,c")).isEqualTo("a%3Ab%2Cc");
    }
}
