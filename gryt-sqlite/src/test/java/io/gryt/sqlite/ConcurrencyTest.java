package io.gryt.sqlite;

import io.gryt.testing.ChildJvm;
import io.gryt.api.RunStatus;
import io.gryt.api.spi.PipelineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Several threads and several processes recording into one file at the same time. */
class ConcurrencyTest {
    private static final int RUNS = 60;

    @TempDir
    Path dir;

    @Test
    void threadsOfOneProcessWriteAtTheSameTimeWithoutBusyErrors() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String prefix = "thread" + t;
                    writers.add(pool.submit(() -> StoreWriter.writeRuns(store.runs(), prefix, RUNS)));
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertAllRecorded(store, 4 * RUNS);
        }
    }

    @Test
    void anotherProcessAndThreadsWriteAtTheSameTimeWithoutBusyErrors() throws Exception {
        Path file = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(file)) {
            Path opened = dir.resolve("child.opened");
            ChildJvm child = ChildJvm.of(StoreWriter.class).jvmOptions("-XX:TieredStopAtLevel=1").args("db=" + file,
                    "prefix=process", "runs=" + RUNS * 2, "opened=" + opened).start();
            try {
                StoreWriter.awaitFile(opened, Duration.ofSeconds(60));
                CompletableFuture<Void> writer = CompletableFuture.runAsync(
                        () -> StoreWriter.writeRuns(store.runs(), "thread", RUNS));
                StoreWriter.writeRuns(store.runs(), "main", RUNS);
                writer.get(60, TimeUnit.SECONDS);

                assertThat(child.waitFor(Duration.ofSeconds(90))).as(child.output()).isZero();
            } finally {
                child.close();
            }

            assertAllRecorded(store, 4 * RUNS);
            assertThat(overlap(store, "process-", "main-")).as("the process and this JVM wrote at the same time")
                    .isTrue();
        }
    }

    @Test
    void processesOpeningANewDatabaseTogetherApplyTheSchemaExactlyOnce() throws Exception {
        Path file = dir.resolve("new/gryt.db");
        Path go = dir.resolve("go");
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                children.add(ChildJvm.of(StoreWriter.class).jvmOptions("-XX:TieredStopAtLevel=1").args("db=" + file,
                        "prefix=p" + i, "runs=5", "waiting=" + dir.resolve("waiting" + i), "go=" + go).start());
            }
            for (int i = 0; i < 3; i++) {
                StoreWriter.awaitFile(dir.resolve("waiting" + i), Duration.ofSeconds(60));
            }
            Files.createFile(go); // all three open the new file at once
            for (ChildJvm child : children) {
                assertThat(child.waitFor(Duration.ofSeconds(90))).as(child.output()).isZero();
            }
        } finally {
            children.forEach(ChildJvm::close);
        }

        assertThat(PlainJdbc.column(file, "SELECT version FROM schema_version")).containsExactly("1", "2", "3", "4", "5", "6");
        try (SqliteStore store = SqliteStore.open(file)) {
            assertAllRecorded(store, 15);
        }
    }

    @Test
    void aWriterWaitsItsTurnLongerThanSqlitesBusyTimeout() throws Exception {
        Path file = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(file);
             Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE"); // another writer holds the lock longer than SQLite waits
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> StoreWriter.writeRuns(store.runs(), "late", 1));
            Thread.sleep(Database.BUSY_TIMEOUT.plusSeconds(2).toMillis());
            assertThat(writer).as("the writer waits while the lock is held").isNotDone();
            statement.execute("COMMIT");

            writer.get(60, TimeUnit.SECONDS);
            assertAllRecorded(store, 1);
        }
    }

    private static void assertAllRecorded(SqliteStore store, int runs) {
        List<PipelineRun> recorded = store.runs().recent(10_000);
        assertThat(recorded).hasSize(runs).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.PASS);
            assertThat(store.runs().steps(run.id())).hasSize(1);
            assertThat(store.runs().dataRows(run.id())).hasSize(3);
        });
    }

    /** True when the runs with one prefix started between the first and last run with the other. */
    private static boolean overlap(SqliteStore store, String prefix, String otherPrefix) {
        List<PipelineRun> all = store.runs().recent(10_000);
        List<Instant> mine = starts(all, prefix);
        List<Instant> others = starts(all, otherPrefix);
        return !mine.get(0).isAfter(others.get(others.size() - 1)) && !others.get(0).isAfter(mine.get(mine.size() - 1));
    }

    private static List<Instant> starts(List<PipelineRun> runs, String prefix) {
        return runs.stream().filter(r -> r.id().startsWith(prefix)).map(PipelineRun::startedAt)
                .sorted(Comparator.naturalOrder()).toList();
    }
}
