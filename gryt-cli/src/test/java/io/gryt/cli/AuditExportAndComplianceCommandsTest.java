package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt audit export} and {@code gryt compliance report} on the seed's release, made through the CLI. */
class AuditExportAndComplianceCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TempGitRepo git;

    @BeforeEach
    void seedRelease() {
        git = TempGitRepo.init(dir);
        ok("init");
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES; test \\"$GRYT_EVOLUTION_TAG\\" != v2.2.0-rc.2 && mkdir -p dist && echo app > dist/app.bin"
                    artifacts: ["dist/app.bin"]
                """);
        git.write(".gitignore", "dist/\n");
        ok("generation", "new", "v2.2.0", "--pipeline", "release-pipeline", "--description", "Payment gateway overhaul",
                "--change", "fix:PAY-001:Race condition in refund webhook",
                "--change", "refine:PAY-002:Reduce latency of status polling",
                "--change", "add:PAY-003:Support Apple Pay");
        git.commit("v2.2.0 contract");
        ok("evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-002").exitCode()).isEqualTo(1);
        assertThat(CliRun.in(dir, "generation", "promote", "v2.2.0").exitCode()).isEqualTo(1);
        ok("evolution", "start", "v2.2.0", "--change", "PAY-002");
        ok("evolution", "start", "v2.2.0", "--change", "PAY-003");
        ok("generation", "promote", "v2.2.0");
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    @Test
    void exportWritesEachFormatToStandardOutput() throws Exception {
        JsonNode json = JSON.readTree(ok("audit", "export", "--format", "json").out());
        assertThat(json.get("format").asText()).isEqualTo("gryt-audit-export");
        assertThat(json.get("generations").get(0).get("evolutions")).extracting(e -> e.get("status").asText())
                .containsExactly("pass", "fail", "pass", "pass");
        assertThat(ok("audit", "export").out()).as("json by default").isEqualTo(ok("audit", "export", "--format", "json").out());

        assertThat(json.get("verify").get("status").asText()).isEqualTo("intact");
        assertThat(json.get("entries").size()).isEqualTo(json.get("verify").get("entries").asInt()).isGreaterThan(10);

        String csv = ok("audit", "export", "--format", "csv").out();
        assertThat(csv).startsWith("seq,at,actor,event,prev_hash,hash,payload\r\n");
        assertThat(csv.split("\r\n")).hasSize(json.get("entries").size() + 1);
        assertThat(JSON.readTree(ok("audit", "export", "--no-verify").out()).get("verify").get("status").asText())
                .isEqualTo("not_checked");

        String html = ok("audit", "export", "--format", "HTML", "--gen", "v2.2.0").out();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Support Apple Pay").contains("v2.2.0-rc.2")
                .contains("Promotion #2");
    }

    @Test
    void theStoredReportOfACompletedPromotionSaysCompletedWithItsGates() throws Exception {
        JsonNode promotions = JSON.readTree(ok("audit", "export", "--format", "json").out())
                .get("generations").get(0).get("promotions");
        assertThat(promotions).extracting(p -> p.get("status").asText()).containsExactly("blocked", "completed");
        assertThat(promotions).allSatisfy(p ->
                assertThat(p.get("report").get("status").asText()).isEqualTo(p.get("status").asText()));
        JsonNode completed = promotions.get(1).get("report");
        assertThat(completed.get("gates")).isNotEmpty()
                .allSatisfy(g -> assertThat(g.get("passed").asBoolean()).as(g.toString()).isTrue());
        assertThat(completed.get("commit").asText()).isEqualTo(git.head());
    }

    @Test
    void exportWritesAFileAtomicallyRelativeToTheWorkingDirectory() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve("v2.2.0.html"), "old");
        CliRun r = ok("audit", "export", "--format", "html", "--gen", "v2.2.0", "-o", "reports/v2.2.0.html");
        assertThat(r.out()).isEqualTo("exported v2.2.0 as html to reports/v2.2.0.html\n");
        assertThat(Files.readString(reports.resolve("v2.2.0.html")))
                .isEqualTo(ok("audit", "export", "--format", "html", "--gen", "v2.2.0").out());
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files).containsExactly(reports.resolve("v2.2.0.html"));
        }
    }

    @Test
    void badFormatsUnknownGenerationsAndMissingDirectoriesAreOneLineWithExitCodeTwo() {
        String[][] cases = {
                {"audit", "export", "--format", "xml"},
                {"audit", "export", "--gen", "v9.9.9"},
                {"audit", "export", "--gen", "2.2"},
                {"audit", "export", "-o", "no/such/dir/out.json"},
                {"compliance", "report", "--format", "pdf"},
                {"compliance", "report", "--gen", "v9.9.9"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.in(dir, args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(String.join(" ", args)).singleElement().asString().startsWith("gryt: error: ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(CliRun.in(dir, "audit", "export", "--format", "xml").err())
                .isEqualTo("gryt: error: unknown export format 'xml' (use json, csv, html)\n");
        assertThat(CliRun.in(dir, "compliance", "report", "--gen", "v9.9.9").err()).contains("unknown generation v9.9.9");
    }

    @Test
    void complianceAloneShowsUsage() {
        CliRun r = CliRun.in(dir, "compliance");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: gryt compliance").contains("report");
    }

    @Test
    void complianceReportIsMarkdownByDefaultAndAlsoHtmlAndJson() throws Exception {
        String md = ok("compliance", "report", "--gen", "v2.2.0").out();
        assertThat(md).startsWith("# gryt compliance report").contains("- Releases assessed: v2.2.0")
                .contains("- Audit trail: intact: ").contains("- Result: 9 evidenced, 18 gaps")
                .contains("| PS.2 | Provide a Mechanism for Verifying Software Release Integrity | evidenced |")
                .contains("| RV.1 | Identify and Confirm Vulnerabilities on an Ongoing Basis | gap |")
                .contains("`tag v2.2.0`: annotated, on the promoted commit " + git.head());

        assertThat(ok("compliance", "report", "--format", "html").out()).startsWith("<!DOCTYPE html>")
                .contains("gryt compliance report");

        JsonNode json = JSON.readTree(ok("compliance", "report", "--gen", "v2.2.0", "--format", "json").out());
        assertThat(json.get("releases")).extracting(JsonNode::asText).containsExactly("v2.2.0");
        assertThat(json.get("practices")).anySatisfy(p -> {
            assertThat(p.get("id").asText()).isEqualTo("SR-4");
            assertThat(p.get("status").asText()).isEqualTo("evidenced");
        });

        CliRun file = ok("compliance", "report", "--format", "json", "-o", "compliance.json");
        assertThat(file.out()).startsWith("wrote the compliance report (json, ").endsWith(" to compliance.json\n");
        assertThat(JSON.readTree(dir.resolve("compliance.json").toFile()).get("format").asText())
                .isEqualTo("gryt-compliance-report");
    }
}
