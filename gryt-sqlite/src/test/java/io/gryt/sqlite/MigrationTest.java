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

    private static List<Migration> bundledAnd(Migration... more) {
        List<Migration> all = new ArrayList<>(Migration.bundled());
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void anOlderDatabaseIsUpgradedByTheMissingMigrationsOnly() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();
        Migration labels = new Migration(2, "labels", """
                CREATE TABLE labels (name TEXT PRIMARY KEY);
                INSERT INTO labels VALUES ('first');""");

        SqliteStore.open(file, "gryt.db", bundledAnd(labels)).close();
        SqliteStore.open(file, "gryt.db", bundledAnd(labels)).close();

        assertThat(PlainJdbc.column(file, "SELECT version || ' ' || description FROM schema_version ORDER BY version"))
                .containsExactly("1 initial", "2 labels");
        assertThat(PlainJdbc.column(file, "SELECT name FROM labels")).containsExactly("first");
    }

    @Test
    void aFailingMigrationIsRolledBackWholeAndNamed() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();
        Migration broken = new Migration(2, "broken", """
                CREATE TABLE half_done (x INTEGER);
                INSERT INTO no_such_table VALUES (1);""");

        assertThatThrownBy(() -> SqliteStore.open(file, "gryt.db", bundledAnd(broken)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("gryt.db: schema migration V2 (broken) failed: ")
                .hasMessageContaining("no such table: no_such_table");

        assertThat(PlainJdbc.column(file, "SELECT max(version) FROM schema_version")).containsExactly("1");
        assertThat(PlainJdbc.column(file, "SELECT name FROM sqlite_master WHERE name = 'half_done'")).isEmpty();
        SqliteStore.open(file).close();
    }

    @Test
    void eachMigrationCommitsOnItsOwn() throws Exception {
        Path file = dir.resolve("gryt.db");
        Migration good = new Migration(2, "good", "CREATE TABLE good (x INTEGER);");
        Migration broken = new Migration(3, "broken", "CREATE TABLE good (x INTEGER);");

        assertThatThrownBy(() -> SqliteStore.open(file, "gryt.db", bundledAnd(good, broken)))
                .hasMessageStartingWith("gryt.db: schema migration V3 (broken) failed: ");

        assertThat(PlainJdbc.column(file, "SELECT version FROM schema_version ORDER BY version"))
                .containsExactly("1", "2");
    }

    @Test
    void migrationsMustBeNumberedFromOneWithoutGaps() {
        Migration three = new Migration(3, "three", "SELECT 1;");

        assertThatThrownBy(() -> new Migrator(bundledAnd(three), "gryt.db"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
