package io.gryt.sqlite;

import io.gryt.api.audit.VerifyReport;
import io.gryt.testing.AuditTamperer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trail too long to hold what it says about every row in memory is verified with those images in a temporary
 * file ({@link ExpectedRows}): the same report, and the same problems found, as in memory.
 */
class SpilledVerificationTest {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void recordHistory() throws Exception {
        db = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            History.record(store);
        }
        AuditTamperer.execute(db);
    }

    @Test
    void anIntactTrailIsIntactWhenItsRowsAreSpilled() {
        VerifyReport spilled = verify(1);
        assertThat(spilled.problems()).isEmpty();
        assertThat(spilled).isEqualTo(verify(ExpectedRows.LIMIT));
    }

    @Test
    void editedDeletedAndForgedRowsAreFoundWhenSpilledAsInMemory() throws Exception {
        PlainJdbc.execute(db, "UPDATE step_runs SET status = 'pass' WHERE step_name = 'test'");
        PlainJdbc.execute(db, "DELETE FROM data_rows WHERE name = 'warnings'");
        PlainJdbc.execute(db, """
                INSERT INTO pipeline_runs (id, pipeline_name, status, started_at)
                VALUES ('forged', 'ci', 'pass', '2025-03-01T10:00:00.000000000Z')""");

        VerifyReport inMemory = verify(ExpectedRows.LIMIT);
        VerifyReport spilled = verify(1);

        assertThat(inMemory.problems()).hasSize(3);
        assertThat(spilled.problems()).containsExactlyInAnyOrderElementsOf(inMemory.problems());
        assertThat(spilled.problems()).anySatisfy(p -> assertThat(p.message()).contains("not in the table"))
                .anySatisfy(p -> assertThat(p.message()).contains("no audit entry describes this row"))
                .anySatisfy(p -> assertThat(p.message()).startsWith("column status is \"pass\""));
        assertThat(spilled.entries()).isEqualTo(inMemory.entries());
        assertThat(spilled.head()).isEqualTo(inMemory.head());
    }

    @Test
    void theTemporaryFileIsDeletedOnClose() {
        AtomicBoolean spilled = new AtomicBoolean();
        Jdbi.create("jdbc:sqlite:" + db).useHandle(h -> h.useTransaction(tx -> {
            try (ExpectedRows rows = new ExpectedRows(1, scratch())) {
                TrailVerifier.verify(tx, rows);
                spilled.set(rows.spilled());
                assertThat(files()).hasSize(1);
            }
        }));
        assertThat(spilled).isTrue();
        assertThat(files()).isEmpty();
    }

    private VerifyReport verify(int limit) {
        return Jdbi.create("jdbc:sqlite:" + db).withHandle(h -> h.inTransaction(tx -> {
            try (ExpectedRows rows = new ExpectedRows(limit, scratch())) {
                return TrailVerifier.verify(tx, rows);
            }
        }));
    }

    private Path scratch() {
        try {
            return Files.createDirectories(dir.resolve("scratch"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private java.util.List<Path> files() {
        try (var files = Files.list(scratch())) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
