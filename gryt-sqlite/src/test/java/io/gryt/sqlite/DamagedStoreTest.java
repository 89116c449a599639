package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.spi.DamagedStoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static io.gryt.sqlite.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A damaged database file is named as such with the way out, and a snapshot can be put in its place. */
class DamagedStoreTest {
    private static final String URL = "sqlite:.gryt/gryt.db";

    @TempDir
    Path dir;
    Path db;
    Snapshot good;

    @BeforeEach
    void historyWithASnapshotThenMore() {
        db = dir.resolve(".gryt/gryt.db");
        try (SqliteStore store = SqliteStore.open(db, ".gryt/gryt.db", SqliteStore.OS_USER)) {
            History.record(store);
            good = store.audit().snapshot("good");
            store.runs().runStarted(Samples.run("after-snapshot", T0.plusSeconds(60)));
        }
    }

    /** Overwrites the b-tree of page 1 (SQLite's schema), keeping the file header: the kind of damage a torn write leaves. */
    private void damagePageOne() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] junk = new byte[3000];
            Arrays.fill(junk, (byte) 0x5a);
            f.seek(100);
            f.write(junk);
        }
    }

    @Test
    void aDamagedFileIsNamedWithTheSnapshotsThatCanReplaceIt() throws IOException {
        damagePageOne();

        DamagedStoreException e = catchThrowableOfType(DamagedStoreException.class,
                () -> new SqliteStoreProvider().open(dir, URL));
        assertThat(e.getMessage()).doesNotContain("\n")
                .startsWith(".gryt/gryt.db is damaged (")
                .endsWith("; restore a snapshot with 'gryt audit rollback <name>' (newest last: good)");
    }

    @Test
    void aFileThatIsNoDatabaseAtAllGetsTheSameWayOut() throws IOException {
        Files.writeString(db, "these bytes were once a database");

        assertThatThrownBy(() -> new SqliteStoreProvider().open(dir, URL)).isInstanceOf(DamagedStoreException.class)
                .hasMessage(".gryt/gryt.db is not a gryt database (file is not a database); restore a snapshot with"
                        + " 'gryt audit rollback <name>' (newest last: good)");
    }

    @Test
    void anEmptiedFileWithSnapshotsIsNotQuietlyStartedAfresh() throws IOException {
        Files.write(db, new byte[0]);

        assertThatThrownBy(() -> new SqliteStoreProvider().open(dir, URL)).isInstanceOf(DamagedStoreException.class)
                .hasMessage(".gryt/gryt.db is empty (0 bytes) though snapshots of it exist; restore a snapshot with"
                        + " 'gryt audit rollback <name>' (newest last: good)");
        assertThat(db).isEmptyFile();
    }

    @Test
    void restoringASnapshotKeepsTheDamagedFileAndRecordsTheRestore() throws IOException {
        damagePageOne();
        String damagedHash = Snapshots.sha256(db);

        String kept = new SqliteStoreProvider().restoreDamaged(dir, URL, "good", () -> "alice");

        assertThat(kept).startsWith(".gryt/gryt.db.damaged-");
        assertThat(Snapshots.sha256(dir.resolve(kept))).as("the damaged bytes are kept as they were").isEqualTo(damagedHash);
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.audit().verify().problems()).isEmpty();
            assertThat(store.runs().run("after-snapshot")).as("written after the snapshot").isEmpty();
            AuditEntry last = store.audit().head().orElseThrow();
            assertThat(last.seq()).isEqualTo(good.entries() + 1);
            assertThat(last.event()).isEqualTo("audit.restore");
            assertThat(last.actor()).isEqualTo("alice");
            Map<String, Object> payload = Json.object(last.payload());
            assertThat(payload.get("target").toString()).contains("name=good").contains(good.sha256());
            assertThat(payload.get("damaged").toString()).contains(dir.resolve(kept).getFileName().toString())
                    .contains(damagedHash);
        }
    }

    @Test
    void aSnapshotThatFailsItsChecksChangesNothing() throws IOException {
        damagePageOne();
        Files.write(good.file(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        String damagedHash = Snapshots.sha256(db);

        assertThatThrownBy(() -> new SqliteStoreProvider().restoreDamaged(dir, URL, "good", () -> "alice"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("snapshot good is corrupted");
        assertThatThrownBy(() -> new SqliteStoreProvider().restoreDamaged(dir, URL, "nope", () -> "alice"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no snapshot named nope");
        assertThat(Snapshots.sha256(db)).isEqualTo(damagedHash);
        try (var files = Files.list(db.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("damaged"));
        }
    }
}
