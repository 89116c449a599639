package io.gryt.cli;

import io.gryt.testing.TempProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** {@code gryt generation list} reads the evidence of every generation at once, however many there are. */
class GenerationListReadsTest {
    @TempDir
    Path dir;

    @AfterEach
    void stopSpying() {
        SpyingStoreProvider.stop();
    }

    @Test
    void listingAHundredGenerationsReadsTheirEvidenceOnce() {
        TempProject project = TempProject.create(dir);
        for (int i = 0; i < 100; i++) {
            project.write(".gryt/generations/v1." + i + ".0.yaml", """
                    version: v1.%d.0
                    changes:
                      - type: fix
                        id: FIX-%d
                        title: "Fix %d"
                    pipeline_template: release-pipeline
                    """.formatted(i, i, i));
        }
        project.writePipeline("release-pipeline", "steps:\n  - name: prove\n    run: \"true\"\n");
        assertThat(CliRun.in(dir, "generation", "list").exitCode()).isZero(); // records the generations

        SpyingStoreProvider.watch();
        CliRun list = CliRun.in(dir, "generation", "list");
        SpyingStoreProvider.Spies spies = SpyingStoreProvider.last();

        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines().filter(l -> l.startsWith("v1."))).hasSize(100)
                .allSatisfy(l -> assertThat(l).contains("0/1"));
        assertThat(spies).as("the command opened the spied store").isNotNull();
        verify(spies.reads(), times(1)).evidenceOfAll();
        verify(spies.releases(), never()).evidence(anyString());
    }
}
