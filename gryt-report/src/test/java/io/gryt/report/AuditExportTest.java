package io.gryt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit export of real releases: real git, real SQLite, real processes. */
class AuditExportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static byte[] export(Gryt gryt, ExportFormat format, String generation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditExport.of(gryt).format(format).generation(generation).writeTo(out);
        return out.toByteArray();
    }

    static String text(Gryt gryt, ExportFormat format, String generation) {
        return new String(export(gryt, format, generation), StandardCharsets.UTF_8);
    }

    @Test
    void jsonHoldsEachGenerationWithItsChangesEvolutionsStepsAndGateReports() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            JsonNode doc = JSON.readTree(export(gryt, ExportFormat.JSON, null));
            assertThat(doc.fieldNames()).toIterable()
                    .containsExactly("format", "version", "generation", "generations", "entries", "verify");
            assertThat(doc.get("format").asText()).isEqualTo("gryt-audit-export");
            assertThat(doc.get("generation").isNull()).isTrue();

            JsonNode g = doc.get("generations").get(0);
            assertThat(g.get("version").asText()).isEqualTo("v2.2.0");
            assertThat(g.get("status").asText()).isEqualTo("promoted");
            assertThat(g.get("contract_sha256").asText())
                    .isEqualTo(gryt.store().releases().generation("v2.2.0").orElseThrow().contractHash());
            assertThat(g.get("changes")).extracting(c -> c.get("id").asText()).containsExactly("PAY-001", "PAY-002", "PAY-003");
            JsonNode pay2 = g.get("changes").get(1);
            assertThat(pay2.get("evolutions")).extracting(e -> e.get("tag").asText() + " " + e.get("status").asText())
                    .containsExactly("v2.2.0-rc.2 fail", "v2.2.0-rc.3 pass");

            JsonNode evolutions = g.get("evolutions");
            assertThat(evolutions).extracting(e -> e.get("tag").asText())
                    .containsExactly("v2.2.0-rc.1", "v2.2.0-rc.2", "v2.2.0-rc.3", "v2.2.0-rc.4");
            JsonNode rc2 = evolutions.get(1);
            assertThat(rc2.get("status").asText()).isEqualTo("fail");
            assertThat(rc2.get("commit").asText()).isEqualTo(seed.git.head());
            assertThat(rc2.get("steps")).singleElement().satisfies(s -> {
                assertThat(s.get("name").asText()).isEqualTo("test");
                assertThat(s.get("status").asText()).isEqualTo("fail");
                assertThat(s.get("exit_code").asInt()).isEqualTo(1);
                assertThat(s.get("attempts").asInt()).isEqualTo(1);
            });
            JsonNode rc4 = evolutions.get(3);
            assertThat(rc4.get("changes")).extracting(JsonNode::asText).containsExactly("PAY-003");
            assertThat(rc4.get("run_id").asText()).isEqualTo(gryt.store().releases().evolution("v2.2.0-rc.4").orElseThrow().runId());
            assertThat(rc4.get("steps")).extracting(s -> s.get("name").asText()).containsExactly("test", "package");
            JsonNode artifact = rc4.get("steps").get(1).get("artifacts").get(0);
            assertThat(artifact.get("path").asText()).isEqualTo("dist/app.bin");
            assertThat(artifact.get("sha256").asText()).isEqualTo(ReleaseEvidence.sha256("app\n".getBytes(StandardCharsets.UTF_8)));

            JsonNode promotions = g.get("promotions");
            assertThat(promotions).extracting(p -> p.get("status").asText()).containsExactly("blocked", "completed");
            JsonNode blockedGates = promotions.get(0).get("report").get("gates");
            assertThat(blockedGates).filteredOn(gate -> !gate.get("passed").asBoolean())
                    .extracting(gate -> gate.get("gate").asText()).contains("all-changes-proven", "no-failed-evolutions");
            assertThat(promotions.get(1).get("report").get("artifacts").get(0).get("sha256").asText())
                    .isEqualTo(artifact.get("sha256").asText());
        }
    }

    @Test
    void theSameDataGivesTheSameBytesInEveryFormat() {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            for (ExportFormat format : ExportFormat.values()) {
                byte[] first = export(gryt, format, null);
                byte[] second = export(gryt, format, null);
                assertThat(second).as(format.label()).isEqualTo(first);
                assertThat(export(gryt, format, "v2.2.0")).as(format.label() + " --gen").isEqualTo(export(gryt, format, "v2.2.0"));
            }
        }
        try (Gryt reopened = seed.open()) {
            assertThat(export(reopened, ExportFormat.HTML, null)).isNotEmpty();
        }
    }

    @Test
    void csvStartsWithItsHeaderAndQuotesFieldsAsRfc4180Says() {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            String csv = text(gryt, ExportFormat.CSV, null);
            assertThat(csv).startsWith("seq,at,actor,event,prev_hash,hash,payload\r\n");
            assertThat(csv).endsWith("\r\n").doesNotContain("\n\n");
        }
        assertThat(CsvExport.field("plain")).isEqualTo("plain");
        assertThat(CsvExport.field("{\"a\":1,\"b\":\"x\"}")).isEqualTo("\"{\"\"a\"\":1,\"\"b\"\":\"\"x\"\"}\"");
        assertThat(CsvExport.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvExport.field(null)).isEmpty();
    }

    @Test
    void aCsvFieldASpreadsheetWouldReadAsAFormulaStartsWithAQuote() {
        assertThat(CsvExport.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvExport.field("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(CsvExport.field("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvExport.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.field("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvExport.field("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvExport.field("a=b; DROP TABLE x")).isEqualTo("a=b; DROP TABLE x");
    }

    @Test
    void aGenerationFilterKeepsThatGenerationOnly() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            seed.git.commit("v2.2.1 hot-fix contract");
            assertThat(gryt.evolve("v2.2.1").proving("PAY-009").start().status()).isEqualTo(EvolutionStatus.PASS);
            String hotfixRun = gryt.store().releases().evolution("v2.2.1-rc.1").orElseThrow().runId();

            JsonNode all = JSON.readTree(export(gryt, ExportFormat.JSON, null));
            assertThat(all.get("generations")).extracting(g -> g.get("version").asText()).containsExactly("v2.2.0", "v2.2.1");

            JsonNode one = JSON.readTree(export(gryt, ExportFormat.JSON, "v2.2.1"));
            assertThat(one.get("generation").asText()).isEqualTo("v2.2.1");
            assertThat(one.get("generations")).singleElement().satisfies(g -> {
                assertThat(g.get("hotfix_of").asText()).isEqualTo("v2.2.0");
                assertThat(g.get("evolutions")).singleElement()
                        .satisfies(e -> assertThat(e.get("run_id").asText()).isEqualTo(hotfixRun));
                assertThat(g.get("promotions")).isEmpty();
            });
            String html = text(gryt, ExportFormat.HTML, "v2.2.1");
            assertThat(html).contains("v2.2.1-rc.1").contains("Refund rounding").doesNotContain("v2.2.0-rc.")
                    .doesNotContain("Support Apple Pay");
        }
    }

    @Test
    void anUnknownGenerationOrAVersionThatIsNoneIsRefusedBeforeAnythingIsWritten() throws Exception {
        SeedRelease seed = SeedRelease.contract(dir);
        Path target = dir.resolve("export.json");
        Files.writeString(target, "previous export");
        try (Gryt gryt = seed.open()) {
            gryt.generations().load("v2.2.0");
            assertThatThrownBy(() -> AuditExport.of(gryt).generation("v9.9.9").writeTo(target))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("unknown generation v9.9.9");
            assertThatThrownBy(() -> AuditExport.of(gryt).generation("2.2").writeTo(target))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("'2.2' is not a generation version");
            assertThatThrownBy(() -> ExportFormat.parse("xml"))
                    .isInstanceOf(BadInputException.class).hasMessage("unknown export format 'xml' (use json, csv, html)");
        }
        assertThat(Files.readString(target)).isEqualTo("previous export");
    }

    @Test
    void aFileIsReplacedWholeAndNoTemporaryFileIsLeft() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path target = out.resolve("report.html");
        Files.writeString(target, "an older report");
        try (Gryt gryt = seed.open()) {
            AuditExport.of(gryt).format(ExportFormat.HTML).writeTo(target);
            assertThat(Files.readAllBytes(target)).isEqualTo(export(gryt, ExportFormat.HTML, null));
            assertThatThrownBy(() -> AuditExport.of(gryt).writeTo(out))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("is a directory");
            assertThatThrownBy(() -> AuditExport.of(gryt).writeTo(dir.resolve("missing/report.json")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void recordedTextIsEscapedSoThatAScriptInATitleRendersAsText() throws Exception {
        String hostile = SeedRelease.GENERATION.replace("\"Support Apple Pay\"", "\"<script>alert('pwned')</script> & more\"")
                .replace("\"Payment gateway overhaul\"", "\"<b onmouseover=alert(1)>bold</b>\"");
        SeedRelease seed = SeedRelease.contract(dir, hostile);
        Pipeline failing = Pipeline.of(step("test").action(ctx -> {
            throw new IllegalStateException("<img src=x onerror=alert(2)>");
        })).withName("release-pipeline");
        try (Gryt gryt = seed.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-003").with(failing).start().status()).isEqualTo(EvolutionStatus.FAIL);
            String html = text(gryt, ExportFormat.HTML, null);
            assertThat(html).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; more")
                    .contains("&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;")
                    .contains("&lt;img src=x onerror=alert(2)&gt;")
                    .doesNotContain("<script").doesNotContain("<img").doesNotContain("<b ");
            assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=\"");
        }
    }

    @Test
    void aSecretValueIsExportedOnlyMasked() throws Exception {
        String token = "tok-5up3r-s3cr3t-4u";
        SeedRelease seed = SeedRelease.contract(dir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DEPLOY_TOKEN", token);
        Pipeline leaky = Pipeline.of(
                step("test").sh("echo \"token is $DEPLOY_TOKEN\""),
                step("deploy").action(ctx -> {
                    ctx.metric("size-" + ctx.env().get("DEPLOY_TOKEN"), 1);
                    throw new IllegalStateException("refused " + ctx.env().get("DEPLOY_TOKEN"));
                })).secrets(secret("DEPLOY_TOKEN")).withName("release-pipeline");
        try (Gryt gryt = Gryt.builder().projectDir(seed.dir()).environment(env).build()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").with(leaky).start().status()).isEqualTo(EvolutionStatus.FAIL);
            for (ExportFormat format : ExportFormat.values()) {
                String exported = text(gryt, format, null);
                assertThat(exported).as(format.label()).doesNotContain(token).doesNotContain("tok-5up3r");
                assertThat(exported).as(format.label()).contains("refused ***").contains("size-***");
            }
        }
    }

    @Test
    void skippingVerificationIsSaidInTheExport() throws Exception {
        SeedRelease seed = SeedRelease.contract(dir);
        try (Gryt gryt = seed.open()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AuditExport.of(gryt).verify(false).writeTo(out);
            JsonNode verify = JSON.readTree(out.toByteArray()).get("verify");
            assertThat(verify.get("status").asText()).isEqualTo("not_checked");
            assertThat(verify.get("reason").asText()).contains("skipped");
        }
    }
}
