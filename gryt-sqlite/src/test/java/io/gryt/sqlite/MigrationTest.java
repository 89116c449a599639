package io.gryt.sqlite;

import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationTest {
    @TempDir
    Path dir;

    /** The number the next migration gets. */
    private static final int NEXT = Migration.bundled().size() + 1;

    private static List<Migration> bundledAnd(Migration... more) {
        List<Migration> all = new ArrayList<>(Migration.bundled());
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void anOlderDatabaseIsUpgradedByTheMissingMigrationsOnly() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();
        Migration labels = new Migration(NEXT, "labels", """
                CREATE TABLE labels (name TEXT PRIMARY KEY);
                INSERT INTO labels VALUES ('first');""");

        SqliteStore.open(file, "gryt.db", bundledAnd(labels)).close();
        SqliteStore.open(file, "gryt.db", bundledAnd(labels)).close();

        assertThat(PlainJdbc.column(file, "SELECT version || ' ' || description FROM schema_version ORDER BY version"))
                .endsWith((NEXT - 1) + " " + Migration.bundled().get(NEXT - 2).description(), NEXT + " labels").hasSize(NEXT);
        assertThat(PlainJdbc.column(file, "SELECT name FROM labels")).containsExactly("first");
    }

    @Test
    void aFailingMigrationIsRolledBackWholeAndNamed() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();
        Migration broken = new Migration(NEXT, "broken", """
                CREATE TABLE half_done (x INTEGER);
                INSERT INTO no_such_table VALUES (1);""");

        assertThatThrownBy(() -> SqliteStore.open(file, "gryt.db", bundledAnd(broken)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("gryt.db: schema migration V" + NEXT + " (broken) failed: ")
                .hasMessageContaining("no such table: no_such_table");

        assertThat(PlainJdbc.column(file, "SELECT max(version) FROM schema_version")).containsExactly(String.valueOf(NEXT - 1));
        assertThat(PlainJdbc.column(file, "SELECT name FROM sqlite_master WHERE name = 'half_done'")).isEmpty();
        SqliteStore.open(file).close();
    }

    @Test
    void eachMigrationCommitsOnItsOwn() throws Exception {
        Path file = dir.resolve("gryt.db");
        Migration good = new Migration(NEXT, "good", "CREATE TABLE good (x INTEGER);");
        Migration broken = new Migration(NEXT + 1, "broken", "CREATE TABLE good (x INTEGER);");

        assertThatThrownBy(() -> SqliteStore.open(file, "gryt.db", bundledAnd(good, broken)))
                .hasMessageStartingWith("gryt.db: schema migration V" + (NEXT + 1) + " (broken) failed: ");

        assertThat(PlainJdbc.column(file, "SELECT max(version) FROM schema_version")).containsExactly(String.valueOf(NEXT));
    }

    @Test
    void aVersionOneDatabaseKeepsItsDataRowsAndAcceptsOutputAndTestRows() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file, "gryt.db", Migration.bundled().subList(0, 1)).close();
        // a version-one database, as gryt 0.1 wrote it
        PlainJdbc.execute(file, """
                INSERT INTO pipeline_runs (id, pipeline_name, status, started_at, work_dir)
                VALUES ('r1', 'ci', 'pass', '2025-03-01T10:00:00.000000000Z', '/p')""");
        PlainJdbc.execute(file, """
                INSERT INTO data_rows (id, run_id, step_name, kind, name, number, recorded_at)
                VALUES (7, 'r1', 'test', 'metric', 'coverage', 0.9, '2025-03-01T10:00:00.000000000Z')""");

        SqliteStore.open(file).close();

        assertThat(PlainJdbc.column(file, "SELECT id || ' ' || kind || ' ' || name FROM data_rows"))
                .containsExactly("7 metric coverage");
        PlainJdbc.execute(file, """
                INSERT INTO data_rows (run_id, step_name, kind, name, value, recorded_at)
                VALUES ('r1', 'test', 'test', 'a.B.c', 'failed: no', '2025-03-01T10:00:00.000000000Z'),
                       ('r1', 'test', 'output', 'version', '1.2.3', '2025-03-01T10:00:00.000000000Z')""");
        assertThatThrownBy(() -> PlainJdbc.execute(file, "UPDATE data_rows SET name = 'x' WHERE id = 7"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> PlainJdbc.execute(file, "DELETE FROM data_rows WHERE id = 7"))
                .hasMessageContaining("append-only");
        assertThat(PlainJdbc.column(file, "SELECT name FROM sqlite_master WHERE name = 'data_rows_by_run'")).hasSize(1);
    }

    @Test
    void migrationsMustBeNumberedFromOneWithoutGaps() {
        Migration three = new Migration(NEXT + 1, "three", "SELECT 1;");

        assertThatThrownBy(() -> new Migrator(bundledAnd(three), "gryt.db"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
