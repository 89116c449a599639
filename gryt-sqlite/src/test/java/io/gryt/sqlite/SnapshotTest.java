package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.PipelineRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots with SQLite's online backup, and rollbacks that keep what they replace. */
class SnapshotTest {
    @TempDir
    Path dir;
    Path db;
    SqliteStore store;
    AuditStore audit;

    @BeforeEach
    void open() {
        db = dir.resolve("gryt.db");
        store = SqliteStore.open(db);
        audit = store.audit();
        History.record(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSnapshotIsAConsistentCopyRecordedWithItsHash() throws Exception {
        Snapshot s = audit.snapshot("before-release");

        assertThat(s.name()).isEqualTo("before-release");
        assertThat(s.file()).isEqualTo(dir.resolve("snapshots/before-release.db"));
        assertThat(s.sha256()).isEqualTo(sha256(s.file()));
        assertThat(s.size()).isEqualTo(Files.size(s.file()));
        assertThat(s.entries()).isEqualTo(13);
        assertThat(dir.resolve("snapshots/before-release.json")).content().contains("\"sha256\":\"" + s.sha256() + "\"");
        assertThat(audit.snapshots()).containsExactly(s);
        assertThat(dir.resolve("snapshots")).isDirectoryNotContaining("glob:**.partial");
        assertThat(verifyCopy(s).intact()).isTrue();
    }

    @Test
    void snapshotNamesAreCheckedAndNeverReused() {
        assertThatThrownBy(() -> audit.snapshot("a b")).isInstanceOf(BadInputException.class)
                .hasMessage("'a b' is not a valid snapshot name: use letters, digits, '.', '_' and '-' (at most 100,"
                        + " starting with a letter or digit)");
        assertThatThrownBy(() -> audit.snapshot("../escape")).isInstanceOf(BadInputException.class);
        Snapshot first = audit.snapshot("s1");
        assertThatThrownBy(() -> audit.snapshot("s1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("snapshot s1 already exists in");
        Snapshot generated = audit.snapshot(null);

        assertThat(generated.name()).startsWith("snapshot-");
        assertThat(audit.snapshots()).containsExactly(first, generated);
    }

    @Test
    void aSnapshotTakenWhileAnotherProcessWritesIsConsistentRestoresAndVerifies() throws Exception {
        Path opened = dir.resolve("child.opened");
        List<Snapshot> taken = new ArrayList<>();
        try (io.gryt.testing.ChildJvm child = io.gryt.testing.ChildJvm.of(StoreWriter.class)
                .args("db=" + db, "prefix=child", "runs=200", "opened=" + opened).start()) {
            StoreWriter.awaitFile(opened, Duration.ofSeconds(60));
            while (child.isAlive() && taken.size() < 6) {
                taken.add(audit.snapshot("during-" + taken.size()));
                assertThat(audit.verify().problems()).as("verified while the other process writes").isEmpty();
                Thread.sleep(100);
            }
            assertThat(child.waitFor(Duration.ofSeconds(90))).as(String.join("\n", child.errorLines())).isZero();
        }
        long total = audit.head().orElseThrow().seq();
        assertThat(total).isEqualTo(13 + 200 * 4);
        assertThat(taken).as("snapshots taken while the other process wrote").first()
                .satisfies(s -> assertThat(s.entries()).isLessThan(total));
        for (Snapshot s : taken) {
            assertThat(verifyCopy(s).problems()).as(s.name()).isEmpty();
            assertThat(verifyCopy(s).entries()).isEqualTo(s.entries());
        }

        Snapshot middle = taken.get(0);
        Snapshot safety = audit.rollback(middle.name());

        assertThat(audit.verify().problems()).isEmpty();
        assertThat(audit.head().orElseThrow().seq()).isEqualTo(middle.entries() + 1);
        assertThat(safety.entries()).isEqualTo(total);
        assertThat(store.runs().recent(1000)).hasSize(runsIn(middle));
    }

    @Test
    void aRollbackRestoresTheSnapshotRecordsItselfAndCanBeUndone() throws Exception {
        Snapshot s1 = audit.snapshot("s1");
        StoreWriter.writeRuns(store.runs(), "later", 3);
        AuditEntry before = audit.head().orElseThrow();
        assertThat(before.seq()).isEqualTo(25);

        Snapshot safety = audit.rollback("s1");

        assertThat(safety.name()).startsWith("before-rollback-");
        assertThat(safety.entries()).isEqualTo(25);
        assertThat(store.runs().recent(100)).extracting(PipelineRun::id).containsExactly(History.RUN);
        AuditEntry rollback = audit.head().orElseThrow();
        assertThat(rollback.seq()).isEqualTo(14);
        assertThat(rollback.event()).isEqualTo("audit.rollback");
        assertThat(rollback.prevHash()).isEqualTo(audit.entry(13).orElseThrow().hash());
        assertThat(rollback.payload()).isEqualTo("{\"from\":{\"hash\":\"" + before.hash() + "\",\"seq\":25},"
                + "\"safety\":{\"name\":\"" + safety.name() + "\",\"sha256\":\"" + safety.sha256() + "\"},"
                + "\"target\":{\"entries\":13,\"name\":\"s1\",\"sha256\":\"" + s1.sha256() + "\"}}");
        assertThat(audit.verify().problems()).isEmpty();
        assertThat(audit.locate(25, before.hash())).hasValueSatisfying(where -> assertThat(where)
                .isEqualTo("snapshot " + safety.name() + " (the trail that the rollback at entry 14 replaced)"));
        assertThatThrownBy(() -> PlainJdbc.execute(db, "DELETE FROM data_rows")).hasMessageContaining("append-only");

        Snapshot undo = audit.rollback(safety.name());

        assertThat(store.runs().recent(100)).hasSize(4);
        assertThat(audit.head().orElseThrow().seq()).isEqualTo(26);
        assertThat(audit.entry(25)).contains(before);
        assertThat(audit.verify().problems()).isEmpty();
        assertThat(audit.locate(14, rollback.hash())).hasValueSatisfying(where -> assertThat(where).contains(undo.name()));
        assertThat(audit.snapshots()).extracting(Snapshot::name).containsExactly("s1", safety.name(), undo.name());
    }

    @Test
    void anEntryOfATrailReplacedTwiceIsStillFound() {
        audit.snapshot("s1");
        StoreWriter.writeRuns(store.runs(), "first", 1);
        AuditEntry replaced = audit.head().orElseThrow();
        Snapshot firstSafety = audit.rollback("s1");
        StoreWriter.writeRuns(store.runs(), "second", 1);
        audit.rollback("s1");

        assertThat(audit.locate(replaced.seq(), replaced.hash())).hasValueSatisfying(where ->
                assertThat(where).startsWith("snapshot " + firstSafety.name()));
        assertThat(audit.locate(replaced.seq(), "f".repeat(64))).isEmpty();
        assertThat(audit.locate(3, audit.entry(3).orElseThrow().hash())).contains("the trail");
    }

    @Test
    void aCorruptedSnapshotIsRefusedAndNothingChanges() throws Exception {
        Snapshot s1 = audit.snapshot("s1");
        StoreWriter.writeRuns(store.runs(), "later", 2);
        byte[] bytes = Files.readAllBytes(s1.file());
        bytes[bytes.length - 1] ^= 1;
        Files.write(s1.file(), bytes);
        AuditEntry head = audit.head().orElseThrow();

        assertThatThrownBy(() -> audit.rollback("s1")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("snapshot s1 is corrupted: ")
                .hasMessageContaining("but " + s1.sha256() + " was recorded when it was taken; nothing was changed");

        assertThat(audit.head()).contains(head);
        assertThat(audit.snapshots()).containsExactly(s1);
        assertThat(store.runs().recent(100)).hasSize(3);
    }

    @Test
    void onlyRecordedGrytSnapshotsCanBeRestored() throws Exception {
        assertThatThrownBy(() -> audit.rollback("nope")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("no snapshot named nope in ");
        Files.createDirectories(dir.resolve("snapshots"));
        Path foreign = dir.resolve("snapshots/foreign.db");
        PlainJdbc.execute(foreign, "CREATE TABLE notes (text TEXT)");
        Files.writeString(dir.resolve("snapshots/foreign.json"), "{\"entries\":0,\"name\":\"foreign\",\"sha256\":\""
                + sha256(foreign) + "\",\"size\":" + Files.size(foreign) + ",\"taken_at\":\"2025-03-01T10:00:00.000000000Z\"}");

        assertThatThrownBy(() -> audit.rollback("foreign")).isInstanceOf(BadInputException.class)
                .hasMessage("snapshot foreign is not a gryt database; nothing was changed");
        assertThat(audit.head().orElseThrow().seq()).isEqualTo(13);
    }

    /** Verifies a copy of a snapshot (opening the snapshot itself would change it). */
    private VerifyReport verifyCopy(Snapshot s) throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy").resolve("gryt.db");
        Files.copy(s.file(), copy);
        try (SqliteStore opened = SqliteStore.open(copy)) {
            return opened.audit().verify();
        }
    }

    private static int runsIn(Snapshot s) throws SQLException {
        return Integer.parseInt(PlainJdbc.column(s.file(), "SELECT COUNT(*) FROM pipeline_runs").get(0));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
