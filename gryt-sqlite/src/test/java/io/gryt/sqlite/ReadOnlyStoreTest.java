package io.gryt.sqlite;

import io.gryt.api.spi.ReadOnlyStoreException;
import io.gryt.api.spi.RowHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.gryt.sqlite.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store opened read-only reads everything, writes nothing (not even beside the file), and refuses changes. */
class ReadOnlyStoreTest {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void history() {
        db = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            History.record(store);
        }
    }

    private List<String> filesInDir() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void readsWorkAndNothingIsWrittenInOrBesideTheFile() throws Exception {
        byte[] before = Files.readAllBytes(db);
        List<String> filesBefore = filesInDir();

        try (SqliteStore store = SqliteStore.openReadOnly(db)) {
            assertThat(store.readOnly()).isTrue();
            assertThat(store.runs().recent(10)).isNotEmpty();
            assertThat(store.releases().generations()).isNotEmpty();
            assertThat(store.audit().verify().problems()).isEmpty();
            List<List<Object>> rows = new ArrayList<>();
            store.query("SELECT COUNT(*) FROM audit_log", new RowHandler() {
                @Override
                public void columns(List<String> names) {
                }

                @Override
                public void row(List<Object> values) {
                    rows.add(values);
                }
            });
            assertThat(rows).singleElement().isEqualTo(List.of(13L));
            assertThat(filesInDir()).as("no -wal, -shm or journal").isEqualTo(filesBefore);
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void usersQueryTheDocumentedSchemaWithoutAnythingWrittenInOrBesideTheFile() throws Exception {
        byte[] before = Files.readAllBytes(db);
        List<String> filesBefore = filesInDir();
        try (SqliteStore store = SqliteStore.openReadOnly(db)) {
            List<List<Object>> rows = new ArrayList<>();
            RowHandler collect = new RowHandler() {
                @Override
                public void columns(List<String> names) {
                    rows.add(List.copyOf(names));
                }

                @Override
                public void row(List<Object> values) {
                    rows.add(values);
                }
            };
            store.userQuery("SELECT tag, generation_id, change_id, status, pipeline_run FROM evolutions"
                    + " WHERE generation_id = 'v2.2.0'", collect);
            store.userQuery("SELECT evolution_id, step_name, metric, value, artifact_path FROM data_rows"
                    + " WHERE kind <> 'result' ORDER BY id", collect);
            store.query("SELECT generation_id FROM evolutions", collect);
            assertThat(rows).containsExactly(
                    List.of("tag", "generation_id", "change_id", "status", "pipeline_run"),
                    List.of("v2.2.0-rc.1", "v2.2.0", "PAY-001", "fail", History.RUN),
                    List.of("evolution_id", "step_name", "metric", "value", "artifact_path"),
                    java.util.Arrays.asList("v2.2.0-rc.1", "lint", "warnings", 3.0, null),
                    java.util.Arrays.asList("v2.2.0-rc.1", "lint", null, null, "dist/app.jar"),
                    List.of("generation_id"),
                    List.of(1L));
            assertThat(filesInDir()).as("no -wal, -shm or journal").isEqualTo(filesBefore);
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void everyChangeIsRefusedNamingTheFile() throws Exception {
        byte[] before = Files.readAllBytes(db);
        try (SqliteStore store = SqliteStore.openReadOnly(db)) {
            assertThatThrownBy(() -> store.runs().runStarted(Samples.run("r-new", T0)))
                    .isInstanceOf(ReadOnlyStoreException.class)
                    .hasMessage(db + " is open read-only (gryt may not write it or its directory): cannot record the start of run r-new");
            assertThatThrownBy(() -> store.audit().snapshot("x")).isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(() -> store.audit().rollback("x")).isInstanceOf(Exception.class);
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(dir.resolve("snapshots")).doesNotExist();
    }

    @Test
    void aWriteAheadLogWithCommitsNotMergedIsRefusedRatherThanIgnored() {
        try (SqliteStore writer = SqliteStore.open(db)) {
            writer.runs().runStarted(Samples.run("in-the-wal", T0.plusSeconds(5)));
            assertThat(db.resolveSibling("gryt.db-wal")).isNotEmptyFile();

            assertThatThrownBy(() -> SqliteStore.openReadOnly(db)).isInstanceOf(ReadOnlyStoreException.class)
                    .hasMessageContaining("its write-ahead log gryt.db-wal holds commits not merged yet");
        }
    }
}
