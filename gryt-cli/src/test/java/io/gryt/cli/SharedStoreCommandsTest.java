package io.gryt.cli;

import io.gryt.testing.PostgresCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A project moves its SQLite trail up to a team's PostgreSQL store, and every command then records there. */
class SharedStoreCommandsTest {
    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void aProjectWithOneRunInItsSqliteTrail() throws Exception {
        url = PostgresCluster.shared().newDatabase("cli");
        CliRun.initProject(dir);
        Files.writeString(dir.resolve(".gryt/pipelines/hello.yaml"), """
                steps:
                  - name: greet
                    run: "echo hello"
                """);
        CliRun run = CliRun.in(dir, "run", "hello");
        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    @Test
    void theTrailMigratesVerifiedAndCommandsThenRecordInTheSharedStore() {
        CliRun migrate = CliRun.in(dir, "db", "migrate", "--to", url);

        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(migrate.out()).contains("audit verify .gryt/gryt.db: intact")
                .contains("audit verify " + url + ": intact")
                .contains("gryt config set store.url");
        assertThat(CliRun.in(dir, "config", "set", "store.url", url).exitCode()).isZero();
        CliRun second = CliRun.in(dir, "run", "hello");
        assertThat(second.exitCode()).as(second.all()).isZero();
        CliRun count = CliRun.in(dir, "db", "query", "SELECT COUNT(*) AS runs FROM pipeline_runs");
        assertThat(count.out().lines().toList()).as(count.all()).containsExactly("RUNS", "2", "(1 row)");
        CliRun verify = CliRun.in(dir, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.all()).isZero();
    }

    @Test
    void aSecondMigrationIntoTheSameStoreIsRefusedInOneLine() {
        assertThat(CliRun.in(dir, "db", "migrate", "--to", url).exitCode()).isZero();

        CliRun again = CliRun.in(dir, "db", "migrate", "--to", url);

        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err().lines().toList()).hasSize(1).first().asString()
                .contains("already holds records").contains("empty database only");
    }

    @Test
    void anUnreachableServerIsOneLineNamingIt() {
        assertThat(CliRun.in(dir, "config", "set", "store.url", "postgres://gryt@127.0.0.1:1/nowhere").exitCode()).isZero();

        CliRun status = CliRun.in(dir, "run", "hello");

        assertThat(status.exitCode()).isNotZero();
        assertThat(status.err().lines().findFirst().orElseThrow())
                .contains("postgresql://gryt@127.0.0.1:1/nowhere: cannot reach the PostgreSQL server at 127.0.0.1:1");
    }
}
