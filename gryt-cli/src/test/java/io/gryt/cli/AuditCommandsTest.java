package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.testing.AuditTamperer;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt audit verify|snapshot|snapshots|rollback} on a released project in a real git repository. */
class AuditCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void releasedProject() {
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES"
                """);
        CliRun created = CliRun.in(dir, "generation", "new", "v1.0.0", "--pipeline", "release-pipeline",
                "--change", "add:APP-1:First feature");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("v1.0.0 contract");
        assertThat(CliRun.in(dir, "evolution", "start", "v1.0.0", "--change", "APP-1").exitCode()).isZero();
        CliRun promoted = CliRun.in(dir, "generation", "promote", "v1.0.0");
        assertThat(promoted.exitCode()).as(promoted.all()).isZero();
    }

    @Test
    void anIntactTrailExitsZeroWithOneLine() throws Exception {
        CliRun verify = CliRun.in(dir, "audit", "verify");

        assertThat(verify.exitCode()).as(verify.all()).isZero();
        assertThat(verify.out()).matches("audit trail intact: \\d+ entries, head [0-9a-f]{64}, 1 release anchor, 1 evolution tag checked\\R");

        JsonNode json = JSON.readTree(CliRun.in(dir, "audit", "verify", "--json").out());
        assertThat(json.get("intact").asBoolean()).isTrue();
        assertThat(json.get("entries").asLong()).isPositive();
        assertThat(json.get("head").asText()).hasSize(64);
        assertThat(json.get("anchors_checked").asInt()).isEqualTo(1);
        assertThat(json.get("evolution_tags_checked").asInt()).isEqualTo(1);
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void aTamperedTrailExitsOneNamingTheFirstProblem() throws Exception {
        AuditTamperer.execute(dir.resolve(".gryt/gryt.db"), "UPDATE step_runs SET status = 'fail'",
                "DELETE FROM data_rows WHERE kind = 'result'");

        CliRun verify = CliRun.in(dir, "audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).matches("audit trail broken at entry \\d+: step_runs 1 \\(.*/prove\\): column status is"
                + " \"fail\", but entry \\d+ recorded \"pass\" \\(and 1 more problem; --json lists them all\\)\\R");
        CliRun json = CliRun.in(dir, "audit", "verify", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("problems")).hasSize(2);
        assertThat(report.get("problems").get(1).get("where").asText()).startsWith("data_rows ");
        assertThat(report.get("problems").get(1).get("seq").asLong()).isPositive();
    }

    @Test
    void snapshotsAreTakenListedAndRestored() throws Exception {
        CliRun taken = CliRun.in(dir, "audit", "snapshot", "--name", "released");
        assertThat(taken.exitCode()).as(taken.all()).isZero();
        assertThat(taken.out()).matches("snapshot released: \\d+ entries, \\d+ bytes, sha256 [0-9a-f]{64}\\R"
                + "  \\.gryt/snapshots/released\\.db\\R");

        CliRun list = CliRun.in(dir, "audit", "snapshots");
        assertThat(list.out()).startsWith("NAME      TAKEN").contains("released  ");
        JsonNode json = JSON.readTree(CliRun.in(dir, "audit", "snapshots", "--json").out());
        assertThat(json).singleElement().satisfies(s -> {
            assertThat(s.get("name").asText()).isEqualTo("released");
            assertThat(s.get("file").asText()).isEqualTo(".gryt/snapshots/released.db");
            assertThat(s.get("sha256").asText()).hasSize(64);
        });

        CliRun rollback = CliRun.in(dir, "audit", "rollback", "released");
        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out()).startsWith("rolled back to snapshot released (the audit trail records the rollback)")
                .containsPattern("undo with: gryt audit rollback before-rollback-\\S+");
        assertThat(CliRun.in(dir, "audit", "verify").exitCode()).isZero();
    }

    @Test
    void badNamesAreBadInput() {
        CliRun unknown = CliRun.in(dir, "audit", "rollback", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("gryt: error: no snapshot named nope in .gryt/snapshots");

        CliRun invalid = CliRun.in(dir, "audit", "snapshot", "--name", "a/b");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).startsWith("gryt: error: 'a/b' is not a valid snapshot name");
    }
}
