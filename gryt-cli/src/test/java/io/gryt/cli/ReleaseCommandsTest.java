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

/** The release workflow through the command line, in a real git repository. */
class ReleaseCommandsTest {
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
                "--description", "Payment gateway overhaul",
                "--change", "fix:PAY-001:Race condition in refund webhook",
                "--change", "refine:PAY-002:Reduce latency of status polling",
                "--change", "add:PAY-003:Support Apple Pay",
                "--change", "fix:BAD-1:A change whose proof fails");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("v2.2.0 contract");
    }

    @Test
    void theSeedWorkflowEndToEnd() throws Exception {
        CliRun rc1 = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(rc1.exitCode()).as(rc1.all()).isZero();
        assertThat(rc1.out()).contains("v2.2.0-rc.1").contains("pass");
        assertThat(rc1.out().lines().findFirst()).as("the evolution is announced before its run")
                .hasValue("evolution v2.2.0-rc.1 proving PAY-001");
        assertThat(rc1.out()).containsSubsequence("evolution v2.2.0-rc.1 proving PAY-001", "gryt run",
                "evolution v2.2.0-rc.1: pass");

        CliRun failing = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "BAD-1");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).contains("v2.2.0-rc.2").contains("fail");

        CliRun blocked = CliRun.in(dir, "generation", "promote", "v2.2.0");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.out()).contains("blocked").contains("PAY-002").contains("PAY-003").contains("BAD-1");
        assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();

        JsonNode list = JSON.readTree(CliRun.in(dir, "evolution", "list", "v2.2.0", "--json").out());
        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("status").asText()).isEqualTo("fail");
        assertThat(list.get(1).get("changes").get(0).asText()).isEqualTo("BAD-1");

        CliRun show = CliRun.in(dir, "evolution", "show", "v2.2.0-rc.1");
        assertThat(show.out()).contains("PAY-001").contains("prove").contains(git.head());

        JsonNode gen = JSON.readTree(CliRun.in(dir, "generation", "show", "v2.2.0", "--json").out());
        assertThat(gen.get("status").asText()).isEqualTo("draft");
        assertThat(gen.get("changes")).hasSize(4);
        assertThat(gen.get("changes").get(0).get("proven").asBoolean()).isTrue();

        // drop the failing change from the contract and prove the rest
        Path file = dir.resolve(".gryt/generations/v2.2.0.yaml");
        String yaml = Files.readString(file);
        int bad = yaml.indexOf("  - type: fix\n    id: BAD-1");
        assertThat(bad).isPositive();
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-002", "--change", "PAY-003").exitCode()).isZero();

        JsonNode dry = JSON.readTree(CliRun.in(dir, "generation", "promote", "v2.2.0", "--dry-run", "--json").out());
        assertThat(dry.get("status").asText()).isEqualTo("dry_run");
        assertThat(dry.get("gates")).anySatisfy(g -> assertThat(g.get("passed").asBoolean()).isFalse());

        CliRun list2 = CliRun.in(dir, "generation", "list");
        assertThat(list2.out()).contains("v2.2.0").contains("3/4").contains("draft");
    }

    @Test
    void promotionTagsTheTestedCommitAndHotfixFollows() throws Exception {
        Path file = dir.resolve(".gryt/generations/v2.2.0.yaml");
        String yaml = Files.readString(file);
        String without = yaml.substring(0, yaml.indexOf("  - type: fix\n    id: BAD-1"))
                + yaml.substring(yaml.indexOf("\npipeline_template:") + 1);
        Files.writeString(file, without);
        git.commit("drop BAD-1");
        CliRun proved = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--change", "PAY-002",
                "--change", "PAY-003");
        assertThat(proved.exitCode()).as(proved.all() + "\n" + Files.readString(file)).isZero();

        CliRun promoted = CliRun.in(dir, "generation", "promote", "v2.2.0", "--json");
        assertThat(promoted.exitCode()).as(promoted.all()).isZero();
        JsonNode p = JSON.readTree(promoted.out());
        assertThat(p.get("status").asText()).isEqualTo("completed");
        assertThat(p.get("commit").asText()).isEqualTo(git.head());
        assertThat(git.git("cat-file", "-t", "v2.2.0").strip()).isEqualTo("tag");

        CliRun again = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("promoted");

        CliRun hotfix = CliRun.in(dir, "generation", "hotfix", "v2.2.0", "--change", "fix:PAY-009:Refund rounding");
        assertThat(hotfix.exitCode()).as(hotfix.all()).isZero();
        assertThat(hotfix.out()).contains("v2.2.1");
        assertThat(dir.resolve(".gryt/generations/v2.2.1.yaml")).exists();
        CliRun notFix = CliRun.in(dir, "generation", "hotfix", "v2.2.0", "--change", "add:PAY-010:Feature");
        assertThat(notFix.exitCode()).isEqualTo(2);
        assertThat(notFix.err()).contains("only contain fix");

        // history is read, not run: renaming the pipeline a promoted generation names breaks nothing
        Files.move(dir.resolve(".gryt/pipelines/release-pipeline.yaml"), dir.resolve(".gryt/pipelines/renamed.yaml"));
        CliRun show = CliRun.in(dir, "generation", "show", "v2.2.0");
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.out()).contains("pipeline: release-pipeline").contains("promoted");
        CliRun list = CliRun.in(dir, "generation", "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).contains("v2.2.0").contains("v2.2.1");
    }

    @Test
    void everyRefusalIsOneLineWithExitCodeTwo() throws Exception {
        String[][] cases = {
                {"evolution", "start", "v9.9.9", "--change", "PAY-001"},
                {"evolution", "start", "v2.2.0", "--change", "PAY-404"},
                {"evolution", "start", "v2.2.0"},
                {"evolution", "start", "2.2", "--change", "PAY-001"},
                {"evolution", "show", "v2.2.0-rc.77"},
                {"evolution", "list", "v7.0.0"},
                {"generation", "new", "v2.2.0"},
                {"generation", "new", "v3.0", "--change", "fix:X-1:t"},
                {"generation", "new", "v3.0.0", "--change", "bugfix:X-1:title"},
                {"generation", "new", "v3.0.0", "--change", "fix:X 1:title"},
                {"generation", "new", "v3.0.0", "--change", "fix:X-1"},
                {"generation", "new", "v3.0.0", "--pipeline", "missing"},
                {"generation", "show", "v9.9.9"},
                {"generation", "promote", "v9.9.9"},
                {"generation", "promote", "v2.2.0", "--commit", "no-such-rev"},
                {"generation", "hotfix", "v2.2.0", "--change", "fix:PAY-009:not promoted"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.in(dir, args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(String.join(" ", args) + "\n" + r.err()).isBetween(1L, 2L);
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void aDirtyTreeIsRefusedUnlessAllowedAndThenRecorded() throws Exception {
        Files.writeString(dir.resolve("scratch.txt"), "wip");
        CliRun refused = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("uncommitted changes").contains("--allow-dirty");
        CliRun allowed = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--allow-dirty", "--json");
        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(JSON.readTree(allowed.out()).get("allow_dirty").asBoolean()).isTrue();
    }

    @Test
    void aMalformedGenerationFileNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve(".gryt/generations/v3.0.0.yaml"), """
                version: v3.0.0
                changes:
                  - type: bugfix
                    id: X-1
                    title: t
                pipeline_template: release-pipeline
                """);
        CliRun r = CliRun.in(dir, "generation", "show", "v3.0.0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("v3.0.0.yaml:3").contains("bugfix");
    }

    @Test
    void aBrokenGenerationFileDoesNotHideTheOthersFromTheList() throws Exception {
        Files.writeString(dir.resolve(".gryt/generations/v3.0.0.yaml"), "version: v3.0.0\nchanges: [oops\n");

        CliRun list = CliRun.in(dir, "generation", "list");

        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.out()).contains("v2.2.0").contains("Payment gateway overhaul").doesNotContain("v3.0.0");
        assertThat(list.err().lines()).singleElement().asString().startsWith("gryt: error: ").contains("v3.0.0.yaml:");
        CliRun json = CliRun.in(dir, "generation", "list", "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out())).hasSize(1);
    }

    @Test
    void noGitRepositoryIsBadInput(@TempDir Path plain) {
        assertThat(CliRun.in(plain, "init").exitCode()).isZero();
        assertThat(CliRun.in(plain, "generation", "new", "v1.0.0", "--change", "add:F-1:Login").exitCode()).isZero();
        CliRun r = CliRun.in(plain, "evolution", "start", "v1.0.0", "--change", "F-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no git repository");
    }

    @Test
    void aRefusedNewGenerationSaysNothingWasCreatedAndLeavesNoFile() {
        CliRun r = CliRun.in(dir, "generation", "new", "v2.3.0", "--pipeline", "nope", "--change", "fix:A-1:x");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).startsWith("gryt: error: generation v2.3.0 was not created: ")
                .contains("pipeline_template: no pipeline 'nope'").hasLineCount(1);
        assertThat(dir.resolve(".gryt/generations/v2.3.0.yaml")).doesNotExist();
    }

    @Test
    void aFileWithSeveralMistakesIsReportedOneErrorLineEach() throws Exception {
        Files.writeString(dir.resolve(".gryt/generations/v3.0.0.yaml"), """
                version: v3.0.0
                changes:
                  - type: bugfix
                    id: X-1
                    title: t
                  - type: fix
                    id: X-1
                    title: ""
                pipeline_template: release-pipeline
                """);
        CliRun r = CliRun.in(dir, "generation", "show", "v3.0.0");

        assertThat(r.exitCode()).isEqualTo(2);
        String file = dir.resolve(".gryt/generations/v3.0.0.yaml").toString();
        assertThat(r.err().lines().map(l -> l.replace(file, "FILE"))).containsExactly(
                "gryt: error: FILE:3:11: changes[0].type: 'bugfix' is not a change type"
                        + " (use fix, refine, add or remove)",
                "gryt: error: FILE:7:9: changes[1].id: duplicate change id 'X-1' (first at line 4)",
                "gryt: error: FILE:8:12: changes[1].title: the title is empty");
    }

    @Test
    void aGenerationWithoutPipelineTemplateUsesTheProjectDefault() throws Exception {
        CliRun created = CliRun.in(dir, "generation", "new", "v3.0.0", "--change", "add:F-1:Login");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(Files.readString(dir.resolve(".gryt/generations/v3.0.0.yaml")).lines())
                .noneMatch(l -> l.startsWith("pipeline_template:"));
        CliRun list = CliRun.in(dir, "generation", "list");
        assertThat(list.out().lines()).anySatisfy(l -> assertThat(l).startsWith("v3.0.0").contains("ci (default)"));
        CliRun.in(dir, "config", "set", "pipeline_template", "release-pipeline");
        assertThat(CliRun.in(dir, "generation", "show", "v3.0.0").out()).contains("pipeline: release-pipeline (default)");
    }

    @Test
    void syncAndItsAliasUpdateSayWhatChanged() throws Exception {
        Path file = dir.resolve(".gryt/generations/v2.2.0.yaml");
        String yaml = Files.readString(file);
        String edited = yaml.substring(0, yaml.indexOf("  - type: fix\n    id: BAD-1"))
                + "  - type: add\n    id: PAY-004\n    title: \"Support Google Pay\"\n"
                + yaml.substring(yaml.indexOf("\npipeline_template:") + 1);
        Files.writeString(file, edited.replace("Payment gateway overhaul", "Payments, phase 1"));

        CliRun sync = CliRun.in(dir, "generation", "sync", "v2.2.0");

        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(sync.out().lines()).containsExactly(
                "synced generation v2.2.0 from .gryt/generations/v2.2.0.yaml:",
                "  added    add PAY-004: Support Google Pay",
                "  removed  fix BAD-1: A change whose proof fails",
                "  description: Payments, phase 1");
        CliRun update = CliRun.in(dir, "generation", "update", "v2.2.0");
        assertThat(update.exitCode()).as(update.all()).isZero();
        assertThat(update.out()).isEqualTo("generation v2.2.0 is up to date: the store agrees with .gryt/generations/v2.2.0.yaml\n");
        JsonNode json = JSON.readTree(CliRun.in(dir, "generation", "sync", "v2.2.0", "--json").out());
        assertThat(json.get("changed").asBoolean()).isFalse();
        assertThat(json.get("generation").get("changes")).hasSize(4);
    }

    @Test
    void aDraftIsDeletedWithItsRecordsAndADraftWithEvidenceIsNot() throws Exception {
        assertThat(CliRun.in(dir, "generation", "new", "v3.0.0", "--change", "add:N-1:New").exitCode()).isZero();
        Files.delete(dir.resolve(".gryt/generations/v3.0.0.yaml"));

        CliRun list = CliRun.in(dir, "generation", "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines()).anySatisfy(l -> assertThat(l).startsWith("v3.0.0").contains("draft (file missing)"));
        assertThat(list.out()).contains("v3.0.0: .gryt/generations/v3.0.0.yaml is missing: restore it from git,"
                + " or remove the draft with gryt generation delete v3.0.0");
        JsonNode json = JSON.readTree(CliRun.in(dir, "generation", "list", "--json").out());
        assertThat(json.get(1).get("version").asText()).isEqualTo("v3.0.0");
        assertThat(json.get(1).get("file_missing").asBoolean()).isTrue();
        assertThat(json.get(0).get("file_missing").asBoolean()).isFalse();
        CliRun again = CliRun.in(dir, "generation", "new", "v3.0.0", "--change", "add:N-1:New");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("gryt generation delete v3.0.0");

        CliRun deleted = CliRun.in(dir, "generation", "delete", "v3.0.0");
        assertThat(deleted.exitCode()).as(deleted.all()).isZero();
        assertThat(CliRun.in(dir, "generation", "list").out()).doesNotContain("v3.0.0");
        assertThat(CliRun.in(dir, "generation", "new", "v3.0.0", "--change", "add:N-1:New").exitCode()).isZero();
        CliRun verify = CliRun.in(dir, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.all()).isZero();

        git.commit("v3.0.0 again");
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001").exitCode()).isZero();
        CliRun refused = CliRun.in(dir, "generation", "delete", "v2.2.0");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("gryt: error: generation v2.2.0 cannot be deleted: it has 1 evolution"
                + " (v2.2.0-rc.1), which are evidence; only a draft with no evolutions can be deleted\n");
        assertThat(dir.resolve(".gryt/generations/v2.2.0.yaml")).exists();
    }

    @Test
    void evolutionListEndsWithASummaryAndWithoutAVersionListsTheNewestOfAllGenerations() throws Exception {
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001").exitCode()).isZero();
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "BAD-1").exitCode()).isEqualTo(1);
        assertThat(CliRun.in(dir, "generation", "new", "v3.0.0", "--pipeline", "release-pipeline",
                "--change", "add:N-1:New").exitCode()).isZero();
        git.commit("v3.0.0 contract");
        assertThat(CliRun.in(dir, "evolution", "start", "v3.0.0", "--change", "N-1").exitCode()).isZero();

        CliRun one = CliRun.in(dir, "evolution", "list", "v2.2.0");
        assertThat(one.exitCode()).as(one.all()).isZero();
        assertThat(one.out().strip().lines().reduce((a, b) -> b)).hasValue("2 total | 1 passed | 1 failed | 0 running");

        CliRun all = CliRun.in(dir, "evolution", "list");
        assertThat(all.exitCode()).as(all.all()).isZero();
        assertThat(all.out()).containsSubsequence("v3.0.0-rc.1", "v2.2.0-rc.2", "v2.2.0-rc.1",
                "3 total | 2 passed | 1 failed | 0 running");

        CliRun limited = CliRun.in(dir, "evolution", "list", "--limit", "1");
        assertThat(limited.out()).contains("v3.0.0-rc.1").doesNotContain("v2.2.0-rc.")
                .contains("1 total | 1 passed | 0 failed | 0 running")
                .contains("(only the 1 newest are shown: --limit N shows more)");
        JsonNode json = JSON.readTree(CliRun.in(dir, "evolution", "list", "--json").out());
        assertThat(json).hasSize(3);
        assertThat(json.get(0).get("tag").asText()).isEqualTo("v3.0.0-rc.1");
        assertThat(CliRun.in(dir, "evolution", "list", "--limit", "0").exitCode()).isEqualTo(2);
    }
}
