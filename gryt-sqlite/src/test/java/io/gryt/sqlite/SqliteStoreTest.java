package io.gryt.sqlite;

import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import static io.gryt.sqlite.Samples.T0;
import static io.gryt.sqlite.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("try") // stores opened only to be closed
class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFileItsDirectoriesAndTheSchemaRecordingItsVersion() throws Exception {
        Path file = dir.resolve("a/b/gryt.db");

        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(store.location()).isEqualTo(file.toString());
        }

        assertThat(file).isRegularFile();
        assertThat(PlainJdbc.column(file, "SELECT version || ' ' || description FROM schema_version"))
                .containsExactly("1 initial", "2 output_and_test_rows", "3 ci_runs", "4 destinations", "5 policy",
                        "6 evolutions_by_creation");
        String appliedAt = PlainJdbc.column(file, "SELECT applied_at FROM schema_version").get(0);
        assertThat(Instant.parse(appliedAt)).isBefore(Instant.now().plusSeconds(1));
        assertThat(PlainJdbc.column(file, "SELECT name FROM sqlite_master WHERE type = 'table'"))
                .contains("generations", "generation_changes", "pipeline_runs", "step_runs", "evolutions",
                        "evolution_changes", "data_rows", "promotions", "audit_log", "schema_version");
    }

    @Test
    void reopeningKeepsTheDataAndAppliesNothingAgain() throws Exception {
        Path file = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(file)) {
            store.runs().runStarted(run("r1", T0));
        }

        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(store.runs().run("r1")).isPresent();
        }
        try (SqliteStore ignored = SqliteStore.open(file)) {
            assertThat(PlainJdbc.column(file, "SELECT count(*) FROM schema_version")).containsExactly(String.valueOf(Migration.bundled().size()));
        }
    }

    @Test
    void refusesADatabaseWrittenByANewerGrytWithoutTouchingIt() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();
        PlainJdbc.execute(file, "INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> SqliteStore.open(file, ".gryt/gryt.db"))
                .isInstanceOf(io.gryt.api.spi.NewerStoreException.class) // bad input for the command line: exit 2
                .hasMessage(".gryt/gryt.db was written by a newer gryt (schema 99; this gryt knows up to 6): "
                        + "upgrade gryt");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void refusesAFileThatIsNotADatabaseAndLeavesItByteForByte() throws Exception {
        Path file = dir.resolve("gryt.db");
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Files.write(file, garbage);

        assertThatThrownBy(() -> SqliteStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + " is not a gryt database (file is not a database)");

        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
        assertThat(dir.resolve("gryt.db-wal")).doesNotExist();
    }

    @Test
    void refusesTheSqliteDatabaseOfAnotherApplication() throws Exception {
        Path file = dir.resolve("shop.db");
        PlainJdbc.execute(file, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
                "INSERT INTO customers (name) VALUES ('Ada')");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> SqliteStore.open(file))
                .isInstanceOf(io.gryt.api.spi.DamagedStoreException.class) // bad input for the command line: exit 2
                .hasMessage(file + " is not a gryt database (it holds other tables: customers)");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(PlainJdbc.column(file, "PRAGMA journal_mode")).containsExactly("delete");
    }

    @Test
    void acceptsAnEmptyFileAsANewDatabase() throws Exception {
        Path file = Files.createFile(dir.resolve("gryt.db"));

        SqliteStore.open(file).close();

        assertThat(PlainJdbc.column(file, "SELECT max(version) FROM schema_version")).containsExactly(String.valueOf(Migration.bundled().size()));
    }

    @Test
    void refusesADirectory() {
        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessage(dir + " is not a gryt database (it is a directory)");
    }

    @Test
    void runsInWalMode() throws Exception {
        Path file = dir.resolve("gryt.db");
        try (SqliteStore ignored = SqliteStore.open(file)) {
            assertThat(PlainJdbc.column(file, "PRAGMA journal_mode")).containsExactly("wal");
        }
    }

    @Test
    void enforcesForeignKeys() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"), ".gryt/gryt.db")) {
            assertThatThrownBy(() -> store.runs().stepStarted("no-such-run", "lint", T0, null))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(".gryt/gryt.db: cannot record the start of step lint of run no-such-run: ")
                    .hasMessageContaining("FOREIGN KEY constraint failed")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void aClosedStoreRefusesFurtherCalls() {
        SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"));
        store.close();
        store.close();

        assertThatThrownBy(() -> store.runs().recent(10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
