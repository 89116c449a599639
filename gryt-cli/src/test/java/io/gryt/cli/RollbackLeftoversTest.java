package io.gryt.cli;

import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gryt audit rollback} in a real git repository: it says what outside the database it did not roll back
 * (generation files, gryt's tags) with the command that removes each, deletes none of them, and every later
 * command names what is left until it is resolved, so that nothing comes back silently.
 */
class RollbackLeftoversTest {
    @TempDir
    Path dir;

    TempGitRepo git;

    @BeforeEach
    void releasedAfterASnapshot() {
        git = TempGitRepo.init(dir);
        ok("init");
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES"
                """);
        ok("generation", "new", "v2.2.0", "--pipeline", "release-pipeline", "--change", "fix:PAY-001:Race condition");
        git.commit("v2.2.0 contract");
        ok("evolution", "start", "v2.2.0", "--change", "PAY-001");
        ok("audit", "snapshot", "--name", "before-release");

        ok("evolution", "start", "v2.2.0", "--change", "PAY-001");
        ok("generation", "promote", "v2.2.0");
        ok("generation", "new", "v2.3.0", "--pipeline", "release-pipeline", "--change", "add:PAY-009:Refund API");
        git.commit("v2.3.0 contract");
        assertThat(git.git("tag", "-l").lines()).contains("v2.2.0", "v2.2.0-rc.1", "v2.2.0-rc.2");
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    @Test
    void theRollbackListsTheFilesAndTagsItDidNotRollBackWithTheCommandThatRemovesEach() {
        CliRun rollback = ok("audit", "rollback", "before-release");

        assertThat(rollback.out()).contains("rolled back to snapshot before-release")
                .contains("not rolled back, outside the database")
                .contains("  .gryt/generations/v2.3.0.yaml: generation v2.3.0 is not in the restored database")
                .contains("    to remove it: rm .gryt/generations/v2.3.0.yaml")
                .contains("  tag v2.2.0: release tag of a promotion the restored database does not have (v2.2.0 is a draft again)")
                .contains("    to remove it: git tag -d v2.2.0\n")
                .contains("  tag v2.2.0-rc.2: tag of an evolution the restored database does not have")
                .contains("    to remove it: git tag -d v2.2.0-rc.2")
                .doesNotContain("tag v2.2.0-rc.1:")
                .doesNotContain("v2.2.0.yaml:");
        assertThat(dir.resolve(".gryt/generations/v2.3.0.yaml")).as("gryt deletes no user file").exists();
        assertThat(git.git("tag", "-l").lines()).as("nor a tag").contains("v2.2.0", "v2.2.0-rc.2");
        assertThat(ok("audit", "verify").out()).startsWith("audit trail intact");
    }

    @Test
    void theNextCommandsNameWhatIsLeftUntilItIsResolved() {
        ok("audit", "rollback", "before-release");

        CliRun next = ok("generation", "list");
        assertThat(next.err()).contains("gryt: after the rollback to snapshot before-release, .gryt/generations/v2.3.0.yaml:"
                        + " generation v2.3.0 is not in the restored database; the next command that reads generations"
                        + " records it again from this file, as a new draft (to remove it: rm .gryt/generations/v2.3.0.yaml)")
                .contains("gryt: after the rollback to snapshot before-release, tag v2.2.0: ")
                .contains("gryt: after the rollback to snapshot before-release, tag v2.2.0-rc.2: ");
        assertThat(next.out()).containsPattern("v2\\.2\\.0 +draft").containsPattern("v2\\.3\\.0 +draft");

        CliRun again = ok("generation", "list");
        assertThat(again.err()).as("v2.3.0 is recorded again: nothing to say about it").doesNotContain("v2.3.0")
                .contains("tag v2.2.0: ").contains("tag v2.2.0-rc.2: ");

        CliRun refused = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("git tag -d v2.2.0-rc.2");

        git.git("tag", "-d", "v2.2.0", "v2.2.0-rc.2");
        CliRun resolved = ok("generation", "list");
        assertThat(resolved.err()).isEmpty();
        assertThat(dir.resolve(".gryt/gryt.db.rollback")).doesNotExist();

        ok("evolution", "start", "v2.2.0", "--change", "PAY-001");
        ok("generation", "promote", "v2.2.0");
        assertThat(ok("audit", "verify").out()).startsWith("audit trail intact");
    }

    @Test
    void aGenerationFileRemovedAfterTheRollbackIsNotRecordedAgain() throws Exception {
        ok("audit", "rollback", "before-release");
        Files.delete(dir.resolve(".gryt/generations/v2.3.0.yaml"));

        CliRun next = ok("generation", "list");
        assertThat(next.err()).doesNotContain("v2.3.0");
        assertThat(next.out()).doesNotContain("v2.3.0");
        assertThat(ok("db", "query", "--csv", "SELECT version FROM generations").out()).isEqualTo("version\r\nv2.2.0\r\n");
    }

    @Test
    void undoingTheRollbackLeavesNothingOver() {
        CliRun rollback = ok("audit", "rollback", "before-release");
        String safety = rollback.out().lines().filter(l -> l.contains("undo with: ")).findFirst().orElseThrow()
                .replaceAll(".*undo with: gryt audit rollback ", "");

        CliRun undo = ok("audit", "rollback", safety);
        assertThat(undo.out()).contains("nothing outside the database differs from it");
        assertThat(ok("generation", "list").err()).isEmpty();
        assertThat(ok("generation", "show", "v2.2.0").out()).contains("promoted");
    }

    @Test
    void aDraftFileEditedAfterTheSnapshotIsNamedWithItsHistory() {
        git.write(".gryt/generations/v2.2.0.yaml", """
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    title: Race condition
                  - type: add
                    id: PAY-002
                    title: Added after the snapshot
                pipeline_template: release-pipeline
                """);
        CliRun rollback = ok("audit", "rollback", "before-release");
        assertThat(rollback.out()).contains("  .gryt/generations/v2.2.0.yaml: its contract differs from the one the"
                        + " restored database records for draft generation v2.2.0")
                .contains("    to see its history: git log -p -- .gryt/generations/v2.2.0.yaml");
    }
}
