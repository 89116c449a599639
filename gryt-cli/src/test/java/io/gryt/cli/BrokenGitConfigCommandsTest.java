package io.gryt.cli;

import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository whose {@code .git/config} git itself cannot read: a run (which reads only who acts from it) and a
 * command that opens the repository both refuse in one line naming the file and what is wrong, exit 2, and record
 * nothing. (JGit alone says only that the file is invalid; it was an internal error, exit 3.)
 */
class BrokenGitConfigCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aRunAndAuditVerifyNameTheBrokenFile() throws Exception {
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/ci.yaml", "steps:\n  - name: a\n    run: [\"true\"]\n");
        Path config = dir.resolve(".git/config");
        Files.writeString(config, Files.readString(config) + "[user\n\tname = \"unterminated\n");

        for (String[] command : new String[][] {{"run", "ci"}, {"audit", "verify"}}) {
            CliRun run = CliRun.in(dir, command);
            assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
            assertThat(run.err().lines()).as(run.all()).singleElement().asString()
                    .startsWith("gryt: error: git configuration " + config.toRealPath())
                    .contains("is not valid")
                    .doesNotContain("internal error", "Exception");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".gryt/gryt.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pipeline_runs")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no run recorded").isZero();
        }
    }
}
