package io.gryt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A damaged {@code gryt.db}: one line of bad input saying how to get out, then {@code audit rollback} gets out. */
class DamagedDatabaseCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedDatabaseIsOneLineNamingTheSnapshotsAndRollbackPutsOneInItsPlace() throws Exception {
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        assertThat(CliRun.in(dir, "run", "ci").exitCode()).isZero();
        assertThat(CliRun.in(dir, "audit", "snapshot", "--name", "good").exitCode()).isZero();
        assertThat(CliRun.in(dir, "run", "ci").exitCode()).isZero();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(".gryt/gryt.db").toFile(), "rw")) {
            byte[] junk = new byte[3000];
            Arrays.fill(junk, (byte) 0x5a);
            f.seek(100); // past the file header: page 1's b-tree, where SQLite keeps the schema
            f.write(junk);
        }

        CliRun broken = CliRun.in(dir, "generation", "list");
        assertThat(broken.exitCode()).as(broken.all()).isEqualTo(2);
        assertThat(broken.err()).matches("gryt: error: \\.gryt/gryt\\.db is damaged \\([^\\n]+\\); restore a snapshot"
                + " with 'gryt audit rollback <name>' \\(newest last: good\\)\\R");

        CliRun rollback = CliRun.in(dir, "audit", "rollback", "good");
        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains("the database was damaged: restored snapshot good")
                .containsPattern("kept as \\.gryt/gryt\\.db\\.damaged-\\d{8}T\\d{6}Z;")
                .contains("nothing outside the database differs from it");

        CliRun verify = CliRun.in(dir, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        CliRun runs = CliRun.in(dir, "db", "query", "--csv", "SELECT COUNT(*) AS runs FROM pipeline_runs");
        assertThat(runs.out().lines()).as("the run made after the snapshot is not in it").containsExactly("runs", "1");
        CliRun restore = CliRun.in(dir, "db", "query", "--csv", "SELECT event FROM audit_log ORDER BY seq DESC LIMIT 1");
        assertThat(restore.out().lines()).containsExactly("event", "audit.restore");
    }
}
