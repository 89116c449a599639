package io.gryt.core.release;

import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several OS processes starting evolutions of one generation at once get distinct, gap-free RC numbers. */
class ConcurrentEvolutionsTest {
    static final int PROCESSES = 8;

    @TempDir
    Path dir;

    @Test
    void eightProcessesGetRcNumbersOneToEightAndEveryTagExists() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.generations().load("v2.2.0");
        }
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                String change = List.of("PAY-001", "PAY-002", "PAY-003").get(i % 3);
                children.add(ChildJvm.of(EvolveMain.class).args(dir.toString(), "v2.2.0", change).start());
            }
            for (ChildJvm c : children) c.awaitLine("READY"::equals, Duration.ofSeconds(60));
            Files.writeString(dir.resolve(".gryt/runs/go"), "go");
            for (ChildJvm c : children) {
                c.awaitLine(l -> l.startsWith("EVOLUTION "), Duration.ofSeconds(90));
                assertThat(c.waitFor(Duration.ofSeconds(30))).isZero();
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        try (Gryt gryt = project.open()) {
            List<Evolution> all = gryt.store().releases().evolutions("v2.2.0");
            assertThat(all).extracting(Evolution::rc).containsExactlyElementsOf(IntStream.rangeClosed(1, PROCESSES).boxed().toList());
            assertThat(all).allSatisfy(e -> assertThat(e.status()).isEqualTo(EvolutionStatus.PASS));
            assertThat(gryt.store().releases().untaggedEvolutions()).isEmpty();
        }
        String tags = project.git.git("tag", "-l", "v2.2.0-rc.*");
        assertThat(tags.lines().toList()).hasSize(PROCESSES);
        for (int rc = 1; rc <= PROCESSES; rc++) {
            assertThat(project.git.git("cat-file", "-t", "v2.2.0-rc." + rc).strip()).isEqualTo("tag");
        }
    }
}
