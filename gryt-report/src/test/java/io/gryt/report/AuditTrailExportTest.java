package io.gryt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import io.gryt.report.ComplianceReport.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.gryt.report.AuditExportTest.JSON;
import static io.gryt.report.AuditExportTest.export;
import static io.gryt.report.AuditExportTest.text;
import static io.gryt.report.ComplianceReport.Framework.SCRM;
import static io.gryt.report.ComplianceReport.Framework.SSDF;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit entries in exports and reports: the hash chain as recorded, its verification, and --gen. */
class AuditTrailExportTest {
    @TempDir
    Path dir;

    @Test
    void theEntriesAreExportedInOrderWithTheirChainAndTheTrailVerifiedIntact() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            List<AuditEntry> stored = new ArrayList<>();
            gryt.store().audit().entries(1, stored::add);
            assertThat(stored).hasSizeGreaterThan(10);

            JsonNode doc = JSON.readTree(export(gryt, ExportFormat.JSON, null));
            JsonNode entries = doc.get("entries");
            assertThat(entries).hasSize(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                AuditEntry e = stored.get(i);
                JsonNode n = entries.get(i);
                assertThat(n.get("seq").asLong()).isEqualTo(e.seq()).isEqualTo(i + 1);
                assertThat(n.get("hash").asText()).isEqualTo(e.hash());
                assertThat(n.get("prev_hash").asText()).isEqualTo(i == 0 ? AuditEntry.GENESIS : stored.get(i - 1).hash());
                assertThat(n.get("event").asText()).isEqualTo(e.event());
                assertThat(n.get("payload").isObject()).isTrue();
                assertThat(n.get("payload")).isEqualTo(new ObjectMapper().readTree(e.payload()));
            }
            JsonNode verify = doc.get("verify");
            assertThat(verify.get("status").asText()).isEqualTo("intact");
            assertThat(verify.get("entries").asLong()).isEqualTo(stored.size());
            assertThat(verify.get("head").asText()).isEqualTo(stored.get(stored.size() - 1).hash());

            String[] csv = text(gryt, ExportFormat.CSV, null).split("\r\n(?=\\d+,|$)");
            assertThat(csv).hasSize(stored.size() + 1);
            AuditEntry last = stored.get(stored.size() - 1);
            assertThat(csv[stored.size()]).startsWith(last.seq() + "," + last.at() + ",")
                    .contains("," + last.prevHash() + "," + last.hash() + ",");

            String html = text(gryt, ExportFormat.HTML, null);
            assertThat(html).contains("Audit trail intact: " + stored.size() + " entries")
                    .contains("<p class=\"muted\">" + stored.size() + " entries.</p>");
        }
    }

    @Test
    void aGenerationsEntriesAreTheOnesAboutItsRowsAndRuns() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            seed.git.commit("v2.2.1 hot-fix contract");
            assertThat(gryt.evolve("v2.2.1").proving("PAY-009").start().status()).isEqualTo(EvolutionStatus.PASS);
            String hotfixRun = gryt.store().releases().evolution("v2.2.1-rc.1").orElseThrow().runId();
            String releaseRun = gryt.store().releases().evolution("v2.2.0-rc.4").orElseThrow().runId();

            JsonNode hotfix = JSON.readTree(export(gryt, ExportFormat.JSON, "v2.2.1")).get("entries");
            JsonNode all = JSON.readTree(export(gryt, ExportFormat.JSON, null)).get("entries");
            assertThat(hotfix).isNotEmpty();
            assertThat(hotfix.size()).isLessThan(all.size());
            assertThat(hotfix).anySatisfy(e -> assertThat(e.get("payload").toString()).contains(hotfixRun));
            assertThat(hotfix).anySatisfy(e -> assertThat(e.get("payload").toString()).contains("v2.2.1-rc.1"));
            assertThat(hotfix).allSatisfy(e -> assertThat(e.get("payload").toString())
                    .doesNotContain(releaseRun).doesNotContain("v2.2.0-rc."));
            long previous = 0;
            for (JsonNode e : hotfix) {
                assertThat(e.get("seq").asLong()).isGreaterThan(previous);
                previous = e.get("seq").asLong();
            }
            JsonNode release = JSON.readTree(export(gryt, ExportFormat.JSON, "v2.2.0")).get("entries");
            assertThat(release).anySatisfy(e -> assertThat(e.get("payload").toString()).contains(releaseRun));
            assertThat(release).noneSatisfy(e -> assertThat(e.get("payload").toString()).contains(hotfixRun));
        }
    }

    @Test
    void aTamperedTrailIsReportedBrokenInTheExportAndTheComplianceReport() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + seed.dir().resolve(".gryt/gryt.db"));
             Statement s = db.createStatement()) {
            s.executeUpdate("DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        }
        try (Gryt gryt = seed.open()) {
            JsonNode verify = JSON.readTree(export(gryt, ExportFormat.JSON, null)).get("verify");
            assertThat(verify.get("status").asText()).isEqualTo("broken");
            assertThat(verify.get("problems").get(0).get("seq").asLong()).isEqualTo(3);
            assertThat(text(gryt, ExportFormat.HTML, null)).contains("Audit trail broken: ").contains("first: seq 3");

            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            assertThat(report.practice(SCRM, "AU-9").status()).isEqualTo(ComplianceReport.Status.GAP);
            assertThat(report.practice(SCRM, "AU-9").finding()).contains("broken").contains("seq 3");
            assertThat(report.practice(SSDF, "PO.3").status()).isEqualTo(ComplianceReport.Status.GAP);
        }
    }

    @Test
    void anIntactTrailEvidencesTheRecordPractices() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir);
        try (Gryt gryt = seed.open()) {
            ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
            long entries = gryt.store().audit().head().orElseThrow().seq();
            assertThat(report.trail().intact()).isTrue();
            for (ComplianceReport.Practice p : List.of(report.practice(SCRM, "AU-9"), report.practice(SSDF, "PO.3"))) {
                assertThat(p.status()).as(p.id()).isEqualTo(ComplianceReport.Status.EVIDENCED);
                assertThat(p.pointers().get(0).ref()).isEqualTo("audit_log seq 1.." + entries);
                assertThat(p.pointers().get(0).detail()).contains(gryt.store().audit().head().orElseThrow().hash());
            }
            assertThat(report.practice(SCRM, "AU-9").notCovered()).contains("tamper-evident, not tamper-proof");
            Pointer anchor = report.practice(SCRM, "AU-9").pointers().get(1);
            assertThat(anchor.ref()).isEqualTo("tag v2.2.0");
            String[] seqAndHash = anchor.detail().substring("anchors audit head ".length()).split(" ");
            assertThat(gryt.store().audit().entry(Long.parseLong(seqAndHash[0])).orElseThrow().hash())
                    .as("the tag anchors an entry of the trail").isEqualTo(seqAndHash[1]);
        }
    }
}
