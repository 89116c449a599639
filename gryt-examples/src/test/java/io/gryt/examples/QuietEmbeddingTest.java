package io.gryt.examples;

import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A program that depends only on gryt-core and the adapters (as this module does) prints no SLF4J warning. */
class QuietEmbeddingTest {
    @TempDir
    Path project;

    @Test
    void anEmbedderSeesNoSlf4jWarning() {
        try (ChildJvm child = ChildJvm.start(JavaPipelineExample.class, project.toString())) {
            assertThat(child.waitFor(Duration.ofMinutes(2))).as(child.toString()).isZero();
            assertThat(child.lines()).anySatisfy(l -> assertThat(l).contains("recorded in"));
            assertThat(child.errorLines()).as(child.toString()).noneMatch(l -> l.contains("SLF4J"));
        }
    }
}
