package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.RunStatus;
import io.gryt.api.spi.ProcessOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadOnlyQueryTest {
    @TempDir
    Path dir;

    record Collected(List<String> columns, List<List<Object>> rows) implements RowHandler {
        Collected() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public void columns(List<String> names) {
            columns.addAll(names);
        }

        @Override
        public void row(List<Object> values) {
            rows.add(values);
        }
    }

    private SqliteStore storeWithARun() {
        SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"));
        store.runs().runStarted(new PipelineRun("r1", "ci", RunStatus.RUNNING, Instant.parse("2026-01-01T00:00:00Z"), null,
                new ProcessOwner(1, "host", null), dir.toString()));
        return store;
    }

    @Test
    void aQueryStreamsColumnsAndTypedValues() {
        try (SqliteStore store = storeWithARun()) {
            Collected c = new Collected();
            store.query("SELECT id, pipeline_name, owner_pid, 1.5 AS ratio, NULL AS empty FROM pipeline_runs", c);
            assertThat(c.columns()).containsExactly("id", "pipeline_name", "owner_pid", "ratio", "empty");
            assertThat(c.rows()).singleElement().isEqualTo(java.util.Arrays.asList("r1", "ci", 1L, 1.5, null));
        }
    }

    @Test
    void writesThroughTheQueryConnectionFailAndChangeNothing() throws Exception {
        try (SqliteStore store = storeWithARun()) {
            byte[] before = Files.readAllBytes(dir.resolve("gryt.db"));
            for (String sql : List.of("DELETE FROM pipeline_runs", "DROP TABLE pipeline_runs",
                    "UPDATE pipeline_runs SET status = 'pass'", "INSERT INTO schema_version VALUES (99, 'x', 'y')",
                    "CREATE TABLE evil (x)", "PRAGMA query_only = 0; DELETE FROM pipeline_runs")) {
                assertThatThrownBy(() -> store.query(sql, new Collected())).as(sql)
                        .isInstanceOf(BadInputException.class).hasMessageContaining("gryt.db");
            }
            Collected c = new Collected();
            store.query("SELECT COUNT(*) FROM pipeline_runs", c);
            assertThat(c.rows()).singleElement().isEqualTo(List.of(1L));
            assertThat(store.runs().run("r1")).isPresent();
            assertThat(Files.readAllBytes(dir.resolve("gryt.db"))).isEqualTo(before);
        }
    }

    @Test
    void aBrokenQueryIsBadInputNamingTheDatabase() {
        try (SqliteStore store = storeWithARun()) {
            assertThatThrownBy(() -> store.query("SELEC nonsense", new Collected()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("syntax error");
        }
    }

    @Test
    void aTextOfSeveralStatementsIsRefusedInsteadOfRunningOnlyTheFirst() {
        try (SqliteStore store = storeWithARun()) {
            assertThatThrownBy(() -> store.query("SELECT 1; SELECT COUNT(*) FROM pipeline_runs", new Collected()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith("runs one statement, and this text has more after its first ';': SELECT COUNT(*) FROM pipeline_runs");
            Collected c = new Collected();
            store.query("SELECT ';' AS semicolon; -- one statement\n", c);
            assertThat(c.rows()).singleElement().isEqualTo(List.of(";"));
        }
    }
}
