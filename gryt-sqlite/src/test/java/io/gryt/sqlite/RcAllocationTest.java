package io.gryt.sqlite;

import io.gryt.testing.ChildJvm;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.ReleaseStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** RC numbers are unique and gap-free per generation however many threads and processes allocate them. */
class RcAllocationTest {
    @TempDir
    Path dir;

    @Test
    void threadsAllocateEveryRcNumberExactlyOnce() throws Exception {
        int threads = 4;
        int each = 25;
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            ReleaseStore releases = store.releases();
            releases.syncGeneration(payments(), file("v2.2.0"), T0);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Integer> rcs = new ArrayList<>();
            try {
                List<Future<List<Integer>>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        start.await();
                        List<Integer> mine = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            mine.add(releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER,
                                    Instant.now()).rc());
                        }
                        return mine;
                    }));
                }
                start.countDown();
                for (Future<List<Integer>> worker : workers) {
                    rcs.addAll(worker.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(rcs).containsExactlyInAnyOrderElementsOf(oneTo(threads * each));
            assertThat(releases.evolutions("v2.2.0")).extracting(Evolution::rc).containsExactlyElementsOf(oneTo(threads * each));
        }
    }

    @Test
    void processesStartedTogetherAllocateEveryRcNumberExactlyOnce() throws Exception {
        int processes = 8;
        int each = 10;
        Path file = dir.resolve("gryt.db");
        try (SqliteStore store = SqliteStore.open(file)) {
            store.releases().syncGeneration(payments(), file("v2.2.0"), T0);
        }
        Path go = dir.resolve("go");
        List<ChildJvm> children = new ArrayList<>();
        List<Integer> rcs = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                children.add(ChildJvm.of(EvolutionAllocator.class).jvmOptions("-XX:TieredStopAtLevel=1").args("db=" + file,
                        "version=v2.2.0", "change=PAY-002", "count=" + each, "waiting=" + dir.resolve("waiting" + i),
                        "go=" + go).start());
            }
            for (int i = 0; i < processes; i++) {
                StoreWriter.awaitFile(dir.resolve("waiting" + i), Duration.ofSeconds(60));
            }
            Files.createFile(go); // all of them allocate at once
            for (ChildJvm child : children) {
                assertThat(child.waitFor(Duration.ofSeconds(90))).as(child.output()).isZero();
                List<Integer> mine = child.lines().stream().filter(l -> l.startsWith("rc "))
                        .map(l -> Integer.parseInt(l.substring(3))).toList();
                assertThat(mine).as(child.output()).hasSize(each).isSorted();
                rcs.addAll(mine);
            }
        } finally {
            children.forEach(ChildJvm::close);
        }

        assertThat(rcs).containsExactlyInAnyOrderElementsOf(oneTo(processes * each));
        assertThat(PlainJdbc.column(file, "SELECT rc_number FROM evolutions ORDER BY rc_number"))
                .containsExactlyElementsOf(oneTo(processes * each).stream().map(String::valueOf).toList());
        assertThat(PlainJdbc.column(file, "SELECT count(DISTINCT owner_pid) FROM evolutions"))
                .containsExactly(String.valueOf(processes));
    }

    private static List<Integer> oneTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }
}
