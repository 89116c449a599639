package io.gryt.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link Database#write} and a run's records commit. */
class DatabaseWriteTest {
    @TempDir
    Path dir;

    @Test
    void aStepRecordSyncsNormallyAndARunRecordAndEveryOtherWriteFully() {
        try (Database db = Database.open(dir.resolve("gryt.db"), "gryt.db", Migration.bundled())) {
            int step = db.writeStepRecord("read the sync level", DatabaseWriteTest::synchronous);
            int run = db.writeRunRecord("read the sync level", DatabaseWriteTest::synchronous);
            int stepAgain = db.writeStepRecord("read the sync level", DatabaseWriteTest::synchronous);
            int full = db.write("read the sync level", h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());

            assertThat(step).as("a step record: NORMAL").isEqualTo(1);
            assertThat(run).as("a run's start or end: FULL, on the same kept connection").isEqualTo(2);
            assertThat(stepAgain).as("NORMAL again after it").isEqualTo(1);
            assertThat(full).as("FULL, also on a connection made after a NORMAL write").isEqualTo(2);
        }
    }

    @Test
    void aFailedRecordIsRolledBackAndTheNextOneCommits() {
        try (Database db = Database.open(dir.resolve("gryt.db"), "gryt.db", Migration.bundled())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.writeStepRecord("write a bad row", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO audit_log (seq, at, actor, event, payload, prev_hash, hash)"
                            + " VALUES (1, 'now', 'me', 'x', '{}', '', 'h')");
                    s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                }
                return null;
            })).isInstanceOf(io.gryt.api.spi.StoreException.class).hasMessageContaining("gryt.db: cannot write a bad row")
                    .hasMessageContaining("no_such_table");

            long rows = db.writeStepRecord("count", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(rows).as("the failed record's first row was rolled back").isZero();
        }
    }

    @Test
    void aLockRefusedAfterTheWriteBeganIsNotReportedAsTheLockWaitRunningOut() {
        // sqlite-jdbc's commit() began the next transaction at once; under 32 writers that BEGIN timed out after
        // the commit, and the message claimed 2 minutes without a commit after about 90 s of waiting in all
        try (Database db = Database.open(dir.resolve("gryt.db"), "gryt.db", Migration.bundled())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.writeStepRecord("record step a", c -> {
                throw new org.sqlite.SQLiteException("[SQLITE_BUSY] The database file is locked (database is locked)",
                        org.sqlite.SQLiteErrorCode.SQLITE_BUSY);
            })).isInstanceOf(io.gryt.api.spi.StoreException.class)
                    .hasMessageStartingWith("gryt.db was locked by another connection after the write had begun (")
                    .hasMessageContaining(" s after it was asked for)")
                    .hasMessageEndingWith("cannot record step a (nothing of it was written; try again)")
                    .hasMessageNotContaining("no commit for");
        }
    }

    private static int synchronous(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
