package io.gryt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ReleaseStore.StoredPromotion;
import io.gryt.api.spi.RowHandler;
import io.gryt.core.Gryt;
import io.gryt.report.ComplianceReport.Framework;
import io.gryt.report.ComplianceReport.Pointer;
import io.gryt.report.ComplianceReport.Practice;
import io.gryt.report.ComplianceReport.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.gryt.report.ComplianceReport.Framework.SCRM;
import static io.gryt.report.ComplianceReport.Framework.SSDF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compliance report of the seed's example release, its pointers checked against the record itself. */
class ComplianceReportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> RELEASE_PRACTICES = List.of("PS.1", "PS.2", "PS.3", "PW.8");
    static final List<String> RELEASE_CONTROLS = List.of("CM-3", "SA-11", "SR-4");

    @TempDir
    Path dir;

    static String render(ComplianceReport report, ComplianceFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeTo(format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<String> refs(Practice p) {
        return p.pointers().stream().map(Pointer::ref).toList();
    }

    @Test
    void theSeedReleaseIsEvidencedByPointersThatMatchTheRecord() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            assertThat(report.releases()).containsExactly("v2.2.0");
            assertThat(report.unreleased()).isEmpty();
            for (String id : RELEASE_PRACTICES) assertThat(report.practice(SSDF, id).status()).as(id).isEqualTo(Status.EVIDENCED);
            for (String id : RELEASE_CONTROLS) assertThat(report.practice(SCRM, id).status()).as(id).isEqualTo(Status.EVIDENCED);
            assertThat(report.practice(SCRM, "AU-10").status()).isEqualTo(Status.GAP);
            assertThat(report.practice(SCRM, "AU-10").finding()).contains("self-declared").contains("neither entries nor tags are signed");
            assertThat(report.practice(SSDF, "RV.1").status()).isEqualTo(Status.GAP);
            assertThat(report.practice(SSDF, "PO.5").status()).isEqualTo(Status.GAP);
            assertThat(report.evidenced()).allSatisfy(p -> assertThat(p.pointers()).as(p.id()).isNotEmpty());

            // the pointers name what the store, the repository and the file hold
            StoredPromotion completed = gryt.store().releases().promotions("v2.2.0").stream()
                    .filter(p -> p.status() == PromotionStatus.COMPLETED).findFirst().orElseThrow();
            StoredPromotion blocked = gryt.store().releases().promotions("v2.2.0").get(0);
            Practice ps2 = report.practice(SSDF, "PS.2");
            assertThat(ps2.tasks()).containsExactly("PS.2.1");
            assertThat(refs(ps2)).contains("promotions row " + completed.id(), "tag v2.2.0");
            String tagged = seed.git.git("rev-parse", "v2.2.0^{commit}").strip();
            assertThat(ps2.pointers()).filteredOn(p -> p.ref().equals("tag v2.2.0")).singleElement()
                    .satisfies(p -> assertThat(p.detail()).contains("annotated").contains(tagged));
            List<String> artifactRows = query(gryt, "SELECT d.id FROM data_rows d JOIN evolutions e"
                    + " ON e.pipeline_run_id = d.run_id WHERE e.tag = 'v2.2.0-rc.4' AND d.kind = 'artifact'");
            assertThat(artifactRows).hasSize(1);
            String sha = ReleaseEvidence.sha256("app\n".getBytes(StandardCharsets.UTF_8));
            assertThat(ps2.pointers()).filteredOn(p -> p.ref().equals("data_rows row " + artifactRows.get(0)))
                    .singleElement().satisfies(p -> assertThat(p.detail()).contains("dist/app.bin").contains(sha)
                            .contains("v2.2.0-rc.4"));

            Practice ps3 = report.practice(SSDF, "PS.3");
            String fileSha = ReleaseEvidence.sha256(Files.readAllBytes(seed.dir().resolve(".gryt/generations/v2.2.0.yaml")));
            assertThat(ps3.pointers()).filteredOn(p -> p.ref().equals(".gryt/generations/v2.2.0.yaml")).singleElement()
                    .satisfies(p -> assertThat(p.detail()).contains(fileSha).contains("matches"));
            assertThat(refs(ps3)).contains("evolutions v2.2.0-rc.1..rc.4", "generations row 1");
            assertThat(ps3.notCovered()).contains("PS.3.2");

            Practice pw8 = report.practice(SSDF, "PW.8");
            assertThat(pw8.pointers()).extracting(Pointer::toString).contains(
                    "evolutions v2.2.0-rc.1..rc.4: 4 evolutions: 1 fail, 3 pass",
                    "step_runs of v2.2.0's 4 runs: 7 step results: 1 fail, 6 pass");
            assertThat(report.practice(SCRM, "CM-3").pointers()).filteredOn(p -> p.ref().equals("promotions row " + blocked.id()))
                    .singleElement().satisfies(p -> assertThat(p.detail()).contains("blocked").contains("all-changes-proven"));

            assertThat(ComplianceAssessment.of(gryt).generation("v2.2.0").assess()).as("the same record, the same report")
                    .isEqualTo(report);
        }
    }

    @Test
    void theReportReadsTheSameInMarkdownHtmlAndJson() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            Practice ps2 = report.practice(SSDF, "PS.2");

            String md = render(report, ComplianceFormat.MARKDOWN);
            assertThat(md).startsWith("# gryt compliance report\n")
                    .contains("| PS.2 | Provide a Mechanism for Verifying Software Release Integrity | evidenced |")
                    .contains("| AU-10 | Non-repudiation | gap |")
                    .contains("- Audit trail: " + report.trail().summary());
            for (Pointer p : ps2.pointers()) assertThat(md).contains("- `" + p.ref() + "`: " + p.detail());

            String html = render(report, ComplianceFormat.HTML);
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<code>promotions row ")
                    .contains("Provide a Mechanism for Verifying Software Release Integrity <span class=\"status evidenced\">")
                    .contains("Non-repudiation <span class=\"status gap\">")
                    .contains("v2.2.0&#39;s 4 runs").doesNotContain("<script");

            JsonNode json = JSON.readTree(render(report, ComplianceFormat.JSON));
            assertThat(json.get("format").asText()).isEqualTo("gryt-compliance-report");
            assertThat(json.get("generation").asText()).isEqualTo("v2.2.0");
            assertThat(json.get("summary").get("evidenced").asInt()).isEqualTo(report.evidenced().size());
            assertThat(json.get("practices")).hasSize(report.practices().size());
            JsonNode ps2Json = null;
            for (JsonNode p : json.get("practices")) if (p.get("id").asText().equals("PS.2")) ps2Json = p;
            assertThat(ps2Json).isNotNull();
            assertThat(ps2Json.get("framework").asText()).isEqualTo("NIST SP 800-218");
            assertThat(ps2Json.get("status").asText()).isEqualTo("evidenced");
            List<String> jsonRefs = new ArrayList<>();
            ps2Json.get("pointers").forEach(p -> jsonRefs.add(p.get("ref").asText()));
            assertThat(jsonRefs).isEqualTo(refs(ps2));
        }
    }

    @Test
    void aGenerationWithoutAPromotionYieldsGapsNotClaims() {
        SeedRelease seed = SeedRelease.contract(dir);
        try (Gryt gryt = seed.open()) {
            seed.evolveThroughFailure(gryt);
            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            assertThat(report.releases()).isEmpty();
            assertThat(report.unreleased()).containsExactly("v2.2.0");
            for (String id : RELEASE_PRACTICES) {
                Practice p = report.practice(SSDF, id);
                assertThat(p.status()).as(id).isEqualTo(Status.GAP);
                assertThat(p.pointers()).isEmpty();
                assertThat(p.finding()).contains("v2.2.0 has no completed promotion (promotions row 1 blocked)");
            }
            for (String id : RELEASE_CONTROLS) assertThat(report.practice(SCRM, id).status()).as(id).isEqualTo(Status.GAP);
            assertThat(render(report, ComplianceFormat.MARKDOWN)).contains("- Releases assessed: none")
                    .contains("- Without a completed promotion: v2.2.0");
        }
    }

    @Test
    void onlyReleasedGenerationsCountWhenEveryGenerationIsInScope() {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            ComplianceReport report = ComplianceAssessment.of(gryt).assess();
            assertThat(report.generation()).isNull();
            assertThat(report.releases()).containsExactly("v2.2.0");
            assertThat(report.unreleased()).containsExactly("v2.2.1");
            assertThat(report.practice(SSDF, "PS.2").status()).isEqualTo(Status.EVIDENCED);
            assertThat(refs(report.practice(SSDF, "PS.2"))).noneMatch(r -> r.contains("v2.2.1"));
        }
    }

    @Test
    void aContractEditedAfterPromotionIsAGapNotAClaim() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        Path file = seed.dir().resolve(".gryt/generations/v2.2.0.yaml");
        Files.writeString(file, Files.readString(file).replace("Support Apple Pay", "Support Google Pay"));
        try (Gryt gryt = seed.open()) {
            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            for (Practice p : List.of(report.practice(SSDF, "PS.1"), report.practice(SSDF, "PS.3"), report.practice(SCRM, "CM-3"))) {
                assertThat(p.status()).as(p.id()).isEqualTo(Status.GAP);
                assertThat(p.finding()).contains(".gryt/generations/v2.2.0.yaml no longer matches the contract frozen");
            }
            assertThat(report.practice(SSDF, "PS.2").status()).as("the artifacts still evidence integrity")
                    .isEqualTo(Status.EVIDENCED);
        }
    }

    @Test
    void aMissingReleaseTagIsAGap() {
        SeedRelease seed = SeedRelease.promoted(dir);
        seed.git.git("tag", "-d", "v2.2.0");
        try (Gryt gryt = seed.open()) {
            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            assertThat(report.practice(SSDF, "PS.2").status()).isEqualTo(Status.GAP);
            assertThat(report.practice(SSDF, "PS.2").finding()).contains("the release tag v2.2.0 is not in the repository");
        }
    }

    @Test
    void anUnknownGenerationIsRefusedAndNoClaimComesWithoutEvidence() {
        SeedRelease seed = SeedRelease.contract(dir);
        try (Gryt gryt = seed.open()) {
            assertThatThrownBy(() -> ComplianceAssessment.of(gryt).generation("v9.9.9").assess())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("unknown generation v9.9.9");
        }
        assertThatThrownBy(() -> ComplianceFormat.parse("pdf")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown report format 'pdf' (use md, html, json)");
        assertThatThrownBy(() -> new Practice(Framework.SSDF, "PS.2", "x", Status.EVIDENCED, List.of(), "claimed",
                null, List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no claim without evidence");
    }

    private static List<String> query(Gryt gryt, String sql) {
        List<String> values = new ArrayList<>();
        gryt.store().query(sql, new RowHandler() {
            @Override
            public void columns(List<String> names) {
            }

            @Override
            public void row(List<Object> row) {
                values.add(String.valueOf(row.get(0)));
            }
        });
        return values;
    }
}
