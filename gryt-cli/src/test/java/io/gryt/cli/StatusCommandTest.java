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

/** {@code gryt status}: generations, runs, stats and alerts once, as text, JSON and an HTML page. */
class StatusCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TempGitRepo git;

    @BeforeEach
    void project() {
        git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES; test \\"$GRYT_CHANGES\\" != BAD-1"
                """);
        CliRun created = CliRun.in(dir, "generation", "new", "v2.2.0", "--pipeline", "release-pipeline",
                "--change", "fix:PAY-001:Race condition in refund webhook",
                "--change", "add:PAY-003:Support <Apple> Pay",
                "--change", "fix:BAD-1:A change whose proof fails");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("v2.2.0 contract");
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001").exitCode()).isZero();
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "BAD-1").exitCode()).isEqualTo(1);
    }

    @Test
    void textShowsGenerationsProgressRecentActivityStatsAndAlerts() {
        CliRun r = CliRun.in(dir, "status");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).containsSubsequence("Generations", "v2.2.0", "draft", "1/3 proven",
                "Running", "nothing running",
                "Recent evolutions", "v2.2.0-rc.2", "fail", "BAD-1", "v2.2.0-rc.1", "pass", "PAY-001",
                "Stats", "2 runs, pass rate 50%",
                "Alerts", "! v2.2.0: BAD-1 failed in v2.2.0-rc.2");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    }

    @Test
    void jsonHasTheSameInformation() throws Exception {
        CliRun r = CliRun.in(dir, "status", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode s = JSON.readTree(r.out());
        assertThat(s.get("format").asText()).isEqualTo("gryt-status");
        JsonNode gen = s.get("generations").get(0);
        assertThat(gen.get("version").asText()).isEqualTo("v2.2.0");
        assertThat(gen.get("status").asText()).isEqualTo("draft");
        assertThat(gen.get("proven").asInt()).isEqualTo(1);
        assertThat(gen.get("declared").asInt()).isEqualTo(3);
        assertThat(gen.get("changes").get(2).get("latest_status").asText()).isEqualTo("fail");
        assertThat(s.get("recent_evolutions")).hasSize(2);
        assertThat(s.get("recent_runs").get(0).get("status").asText()).isEqualTo("fail");
        assertThat(s.get("stats").get("finished_runs").asLong()).isEqualTo(2);
        assertThat(s.get("stats").get("pass_rate").asDouble()).isEqualTo(0.5);
        assertThat(s.get("alerts").get(0).asText()).isEqualTo("v2.2.0: BAD-1 failed in v2.2.0-rc.2");
        assertThat(s.get("running")).isEmpty();
    }

    @Test
    void htmlIsOneSelfContainedEscapedPage() throws Exception {
        CliRun r = CliRun.in(dir, "status", "--html", "status.html");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("wrote the status page (1 generations, 0 running) to status.html");
        String html = Files.readString(dir.resolve("status.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy", "v2.2.0", "1/3 proven",
                "Support &lt;Apple&gt; Pay", "<span class=\"status fail\">fail</span>", "BAD-1 failed in v2.2.0-rc.2");
        assertThat(html).doesNotContain("<script", "http://", "https://", "<Apple>");
    }

    @Test
    void jsonAndHtmlTogetherAreBadInput() {
        CliRun r = CliRun.in(dir, "status", "--json", "--html", "x.html");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--json and --html are exclusive");
    }

    @Test
    void anEmptyProjectSaysWhatToDo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        TempGitRepo.init(empty);
        assertThat(CliRun.in(empty, "init").exitCode()).isZero();
        CliRun r = CliRun.in(empty, "status");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("none recorded (gryt generation new vX.Y.Z)", "no finished runs yet");
    }
}
