package io.gryt.sqlite;

import io.gryt.api.audit.VerifyReport;
import io.gryt.api.audit.VerifyReport.Problem;
import io.gryt.testing.AuditTamperer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes made behind gryt's back, with plain JDBC after dropping the append-only triggers (as anyone can with
 * the sqlite3 tool), are each reported at the entry they break.
 */
class TamperingTest {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void recordHistory() throws Exception {
        db = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            History.record(store);
            assertThat(store.audit().verify().problems()).isEmpty();
        }
        AuditTamperer.execute(db); // drops the append-only triggers, as anyone can with the sqlite3 tool
    }

    @Test
    void anEditedStepResultIsReportedAtTheEntryThatRecordedIt() throws Exception {
        long finished = History.seqOf(db, "step.finished", "\"status\":\"fail\",\"step_name\":\"test\"");

        PlainJdbc.execute(db, "UPDATE step_runs SET status = 'pass' WHERE step_name = 'test'");

        Problem first = firstProblem();
        assertThat(first.seq()).isEqualTo(finished);
        assertThat(first.where()).startsWith("step_runs ").endsWith("(run-1/test)");
        assertThat(first.message()).isEqualTo("column status is \"pass\", but entry " + finished + " recorded \"fail\"");
    }

    @Test
    void anEditedChangeTitleIsReportedAtTheLastEntryThatDescribedIt() throws Exception {
        long synced = History.seqOf(db, "generation.synced", "PAY-002");

        PlainJdbc.execute(db, "UPDATE generation_changes SET title = 'Nothing to see' WHERE change_id = 'PAY-002'");

        VerifyReport report = verify();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.seq()).isEqualTo(synced);
            assertThat(p.where()).startsWith("generation_changes ").endsWith("(PAY-002)");
            assertThat(p.message()).contains("title is \"Nothing to see\"").contains("\"Round cents half-even, always\"");
        });
    }

    @Test
    void aDeletedDataRowIsReportedAtTheEntryThatWroteIt() throws Exception {
        long lint = History.seqOf(db, "step.finished", "\"name\":\"warnings\"");

        PlainJdbc.execute(db, "DELETE FROM data_rows WHERE name = 'warnings'");

        assertThat(verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.seq()).isEqualTo(lint);
            assertThat(p.where()).isEqualTo("data_rows 2 (run-1/lint metric warnings)");
            assertThat(p.message()).contains("not in the table");
        });
    }

    @Test
    void anInsertedRunIsReportedAsDescribedByNoEntry() throws Exception {
        PlainJdbc.execute(db, """
                INSERT INTO pipeline_runs (id, pipeline_name, status, started_at)
                VALUES ('forged', 'ci', 'pass', '2025-03-01T10:00:00.000000000Z')""");

        assertThat(verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.seq()).isZero();
            assertThat(p.where()).isEqualTo("pipeline_runs forged");
            assertThat(p.message()).contains("no audit entry describes this row");
        });
    }

    @Test
    void aRowThatAnEntryRemovedAndThatCameBackIsReported() throws Exception {
        long synced = History.seqOf(db, "generation.synced", "PAY-002");
        PlainJdbc.execute(db, """
                INSERT INTO generation_changes (id, generation_id, change_id, position, type, title)
                VALUES (3, 1, 'PAY-003', 2, 'add', 'Support Apple Pay')""");

        assertThat(firstProblem()).satisfies(p -> {
            assertThat(p.seq()).isEqualTo(synced);
            assertThat(p.message()).isEqualTo("entry " + synced + " removed this row, but it is in the table");
        });
    }

    @Test
    void twoReorderedEntriesAreReportedAtTheFirst() throws Exception {
        PlainJdbc.execute(db,
                "UPDATE audit_log SET seq = -5 WHERE seq = 5",
                "UPDATE audit_log SET seq = 5 WHERE seq = 6",
                "UPDATE audit_log SET seq = 6 WHERE seq = -5");

        Problem first = firstProblem();
        assertThat(first.seq()).isEqualTo(5);
        assertThat(first.where()).isEqualTo("audit_log");
        assertThat(first.message()).startsWith("entry 5 does not follow entry 4");
    }

    @Test
    void anEditedPayloadIsReportedAtItsEntry() throws Exception {
        long finished = History.seqOf(db, "step.finished", "\"status\":\"fail\",\"step_name\":\"test\"");
        PlainJdbc.execute(db, "UPDATE audit_log SET payload = replace(payload, '\"status\":\"fail\"', '\"status\":\"pass\"')"
                + " WHERE seq = " + finished);

        VerifyReport report = verify();
        assertThat(report.problems().get(0)).satisfies(p -> {
            assertThat(p.seq()).isEqualTo(finished);
            assertThat(p.where()).isEqualTo("audit_log");
            assertThat(p.message()).startsWith("entry " + finished + " (step.finished) was altered");
        });
        assertThat(report.problems()).hasSize(2); // and the row no longer matches what the edited entry says
    }

    @Test
    void aDeletedEntryIsReportedWhereTheGapIs() throws Exception {
        PlainJdbc.execute(db, "DELETE FROM audit_log WHERE seq = 7");

        Problem first = firstProblem();
        assertThat(first.seq()).isEqualTo(7);
        assertThat(first.where()).isEqualTo("audit_log");
        assertThat(first.message()).isEqualTo("entry 7 is missing (the trail goes on with entry 8)");
    }

    @Test
    void aChangedEntryTimeOrActorBreaksItsHash() throws Exception {
        PlainJdbc.execute(db, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3");

        assertThat(firstProblem()).satisfies(p -> {
            assertThat(p.seq()).isEqualTo(3);
            assertThat(p.message()).contains("was altered");
        });
    }

    @Test
    void aTrailRewrittenConsistentlyEscapesTheChainCheckAlone() throws Exception {
        // Why anchors exist: edit a row and its entry, then recompute every later hash, as a tamperer who read
        // docs/audit.md can. The database alone then verifies; only an anchor kept elsewhere (a git tag) tells.
        long finished = History.seqOf(db, "step.finished", "\"status\":\"fail\",\"step_name\":\"test\"");
        PlainJdbc.execute(db, "UPDATE step_runs SET status = 'pass' WHERE step_name = 'test'",
                "UPDATE audit_log SET payload = replace(payload, '\"status\":\"fail\"', '\"status\":\"pass\"')"
                        + " WHERE seq = " + finished);
        AuditTamperer.rehash(db);

        assertThat(verify().problems()).isEmpty();
    }

    private VerifyReport verify() {
        try (SqliteStore store = SqliteStore.open(db)) {
            return store.audit().verify();
        }
    }

    private Problem firstProblem() {
        VerifyReport report = verify();
        assertThat(report.intact()).isFalse();
        return report.problems().get(0);
    }
}
