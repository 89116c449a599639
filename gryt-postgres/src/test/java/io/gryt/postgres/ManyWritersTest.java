package io.gryt.postgres;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.spi.Store;
import io.gryt.testing.ChildJvm;
import io.gryt.testing.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Writers in many processes (as on many machines) share one PostgreSQL store: RC numbers and the audit chain hold. */
class ManyWritersTest {
    private static final int WRITERS = 32;

    @TempDir
    Path dir;

    @Test
    void thirtyTwoProcessesStartingEvolutionsOfOneGenerationGetDistinctGapFreeRcNumbersAndAVerifyingChain() throws Exception {
        String url = PostgresCluster.shared().newDatabase("writers");
        try (Store store = open(url)) {
            store.releases().syncGeneration(new Generation("v1.0.0", "one", List.of(new Change("c1", ChangeType.FIX,
                    "Fix c1", null)), null, null, GenerationStatus.DRAFT, null, null), "v1.0.0.yaml", Instant.now());
        }
        Path go = dir.resolve("go");
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < WRITERS; i++) {
                children.add(ChildJvm.of(EvolutionWriter.class).jvmOptions("-Xmx48m", "-XX:TieredStopAtLevel=1", "-Xshare:auto")
                        .args(url, "v1.0.0", "c1", dir.resolve("waiting-" + i).toString(), go.toString()).start());
            }
            for (int i = 0; i < WRITERS; i++) {
                Path waiting = dir.resolve("waiting-" + i);
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (!Files.exists(waiting) && children.get(i).isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            }
            Files.createFile(go); // all at once
            List<Integer> rcs = new ArrayList<>();
            for (ChildJvm child : children) {
                assertThat(child.waitFor(Duration.ofMinutes(2))).as("exit code, stderr: %s", child.errorLines()).isZero();
                rcs.add(Integer.parseInt(child.awaitLine(l -> l.startsWith("rc "), Duration.ofSeconds(5)).substring(3)));
            }
            assertThat(rcs).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, WRITERS).boxed().toList());
        } finally {
            children.forEach(ChildJvm::close);
        }
        try (Store store = open(url)) {
            assertThat(store.releases().evolutions("v1.0.0")).extracting(Evolution::rc)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, WRITERS).boxed().toList());
            var report = store.audit().verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.entries()).isEqualTo(1 + WRITERS);
        }
    }

    private static Store open(String url) {
        return PostgresStore.open(url, PostgresOptions.forCommand(), () -> "tester", Map.of());
    }
}
