package io.gryt.sqlite;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The V1 schema's guarantees, checked with plain JDBC as anyone with the file could try. */
class SchemaTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void createDatabase() throws Exception {
        file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();
        PlainJdbc.execute(file, """
                INSERT INTO pipeline_runs (id, pipeline_name, status, started_at)
                VALUES ('r1', 'ci', 'pass', '2025-03-01T10:00:00.000000000Z');
                INSERT INTO data_rows (run_id, step_name, kind, name, value, number, recorded_at)
                VALUES ('r1', 'test', 'result', 'result', 'pass', 1200, '2025-03-01T10:00:01.000000000Z');
                INSERT INTO audit_log (at, actor, event, payload, prev_hash, hash)
                VALUES ('2025-03-01T10:00:02.000000000Z', 'me', 'run.finished', '{}', 'abc', 'def');""");
    }

    @Test
    void dataRowsCannotBeUpdated() {
        assertThatThrownBy(() -> PlainJdbc.execute(file, "UPDATE data_rows SET value = 'fail'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("data_rows are append-only");
    }

    @Test
    void dataRowsCannotBeDeleted() throws Exception {
        assertThatThrownBy(() -> PlainJdbc.execute(file, "DELETE FROM data_rows"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("data_rows are append-only");
        assertThat(PlainJdbc.column(file, "SELECT value FROM data_rows")).containsExactly("pass");
    }

    @Test
    void theAuditLogCannotBeUpdatedOrDeleted() throws Exception {
        assertThatThrownBy(() -> PlainJdbc.execute(file, "UPDATE audit_log SET payload = '{\"forged\":true}'"))
                .hasMessageContaining("audit_log is append-only");
        assertThatThrownBy(() -> PlainJdbc.execute(file, "DELETE FROM audit_log WHERE seq = 1"))
                .hasMessageContaining("audit_log is append-only");
        assertThat(PlainJdbc.column(file, "SELECT payload FROM audit_log")).containsExactly("{}");
    }

    @Test
    void dataRowKindsAndChangeTypesAreClosedSets() throws Exception {
        assertThatThrownBy(() -> PlainJdbc.execute(file, """
                INSERT INTO data_rows (run_id, step_name, kind, name, recorded_at)
                VALUES ('r1', 'test', 'opinion', 'x', '2025-03-01T10:00:00.000000000Z')"""))
                .hasMessageContaining("CHECK constraint failed");
        PlainJdbc.execute(file, """
                INSERT INTO generations (id, version, created_at) VALUES (1, 'v1.0.0', '2025-03-01T10:00:00.000000000Z')""");
        assertThatThrownBy(() -> PlainJdbc.execute(file, """
                INSERT INTO generation_changes (generation_id, change_id, position, type, title)
                VALUES (1, 'PAY-1', 0, 'rewrite', 'Pay faster')"""))
                .hasMessageContaining("CHECK constraint failed");
        assertThat(PlainJdbc.column(file, "SELECT status FROM generations")).containsExactly("draft");
        assertThatThrownBy(() -> PlainJdbc.execute(file, """
                INSERT INTO evolutions (generation_id, rc_number, tag, status, created_at)
                VALUES (1, 1, 'v1.0.0-rc.1', 'great', '2025-03-01T10:00:00.000000000Z')"""))
                .hasMessageContaining("CHECK constraint failed");
    }

    @Test
    void atMostOnePromotionPerGenerationIsPendingOrCompleted() throws Exception {
        PlainJdbc.execute(file, """
                INSERT INTO generations (id, version, created_at) VALUES (1, 'v1.0.0', '2025-03-01T10:00:00.000000000Z');
                INSERT INTO generations (id, version, created_at) VALUES (2, 'v1.1.0', '2025-03-01T10:00:00.000000000Z');
                INSERT INTO promotions (generation_id, status, started_at) VALUES (1, 'blocked', 'x');
                INSERT INTO promotions (generation_id, status, started_at) VALUES (1, 'rolled_back', 'x');
                INSERT INTO promotions (generation_id, status, started_at) VALUES (1, 'pending', 'x');
                INSERT INTO promotions (generation_id, status, started_at) VALUES (2, 'completed', 'x');""");

        assertThatThrownBy(() -> PlainJdbc.execute(file,
                "INSERT INTO promotions (generation_id, status, started_at) VALUES (1, 'completed', 'x')"))
                .hasMessageContaining("UNIQUE constraint failed: promotions.generation_id");
        assertThatThrownBy(() -> PlainJdbc.execute(file,
                "INSERT INTO promotions (generation_id, status, started_at) VALUES (2, 'pending', 'x')"))
                .hasMessageContaining("UNIQUE constraint failed: promotions.generation_id");
        PlainJdbc.execute(file, "INSERT INTO promotions (generation_id, status, started_at) VALUES (2, 'blocked', 'x')");
        assertThat(PlainJdbc.column(file, "SELECT count(*) FROM promotions")).containsExactly("5");
    }

    @Test
    void aChangeThatAnEvolutionProvesCannotBeDeleted() throws Exception {
        PlainJdbc.execute(file, """
                INSERT INTO generations (id, version, created_at) VALUES (1, 'v1.0.0', 'x');
                INSERT INTO generation_changes (id, generation_id, change_id, position, type, title)
                VALUES (10, 1, 'PAY-1', 0, 'add', 'Pay');
                INSERT INTO evolutions (id, generation_id, rc_number, tag, status, created_at)
                VALUES (5, 1, 1, 'v1.0.0-rc.1', 'pass', 'x');
                INSERT INTO evolution_changes (evolution_id, change_id) VALUES (5, 10);""");

        // PlainJdbc does not enable foreign keys per connection; gryt's connections do.
        assertThatThrownBy(() -> PlainJdbc.execute(file, "PRAGMA foreign_keys = ON; DELETE FROM generation_changes"))
                .hasMessageContaining("FOREIGN KEY constraint failed");
    }

    @Test
    void rcNumbersAreUniquePerGeneration() throws Exception {
        PlainJdbc.execute(file, """
                INSERT INTO generations (id, version, created_at) VALUES (1, 'v1.0.0', '2025-03-01T10:00:00.000000000Z');
                INSERT INTO evolutions (generation_id, rc_number, tag, status, created_at)
                VALUES (1, 1, 'v1.0.0-rc.1', 'pass', '2025-03-01T10:00:00.000000000Z');""");

        assertThatThrownBy(() -> PlainJdbc.execute(file, """
                INSERT INTO evolutions (generation_id, rc_number, tag, status, created_at)
                VALUES (1, 1, 'v1.0.0-rc.1b', 'pending', '2025-03-01T10:00:00.000000000Z')"""))
                .hasMessageContaining("UNIQUE constraint failed: evolutions.generation_id, evolutions.rc_number");
    }

    @Test
    void queriedColumnsAreIndexed() throws Exception {
        assertThat(PlainJdbc.column(file, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
                .contains("pipeline_runs_by_status", "pipeline_runs_by_start", "data_rows_by_run",
                        "evolution_changes_by_change", "promotions_by_generation", "promotions_by_status",
                        "promotions_one_release", "evolutions_by_generation_status", "evolutions_by_status",
                        "generation_changes_in_order", "generations_by_creation");
    }
}
