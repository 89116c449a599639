package io.gryt.cli;

import io.gryt.api.RunStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.Store;
import io.gryt.postgres.PostgresOptions;
import io.gryt.postgres.PostgresStore;
import io.gryt.testing.PostgresCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
        // patience=0: fail at the first refused connection instead of retrying for the default minute
        assertThat(CliRun.in(dir, "config", "set", "store.url", "postgres://gryt@127.0.0.1:1/nowhere?patience=0").exitCode())
                .isZero();

        CliRun status = CliRun.in(dir, "run", "hello");

        assertThat(status.exitCode()).isNotZero();
        assertThat(status.err().lines().findFirst().orElseThrow())
                .contains("postgresql://gryt@127.0.0.1:1/nowhere: cannot reach the PostgreSQL server at 127.0.0.1:1");
    }

    @Test
    void recoveryMarksDeadRunsOfThisHostAndLeavesThoseOfOtherHostsAlone() throws Exception {
        assertThat(CliRun.in(dir, "config", "set", "store.url", url).exitCode()).isZero();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String here = InetAddress.getLocalHost().getHostName();
        try (Store store = PostgresStore.open(url, PostgresOptions.forCommand())) {
            store.runs().runStarted(new PipelineRun("theirs", "hello", RunStatus.RUNNING, Instant.now(), null,
                    new ProcessOwner(gone.pid(), "ci-agent-7", null), "/work"));
            store.runs().runStarted(new PipelineRun("mine", "hello", RunStatus.RUNNING, Instant.now(), null,
                    new ProcessOwner(gone.pid(), here, null), "/work"));
        }

        CliRun status = CliRun.in(dir, "status");

        assertThat(status.exitCode()).as(status.all()).isZero();
        try (Store store = PostgresStore.open(url, PostgresOptions.forCommand())) {
            // only the host that runs it can tell whether a process is alive: another host's run stays running
            assertThat(store.runs().run("theirs").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(store.runs().run("mine").orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        }
    }
}
