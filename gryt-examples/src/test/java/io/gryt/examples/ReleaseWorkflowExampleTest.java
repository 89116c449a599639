package io.gryt.examples;

import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the examples' mains as a user does (a child JVM), and checks what they did in the repository. */
class ReleaseWorkflowExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReleaseWorkflowIsBlockedThenTagsTheRelease() {
        try (ChildJvm child = ChildJvm.start(ReleaseWorkflowExample.class, dir.toString())) {
            assertThat(child.waitFor(Duration.ofMinutes(3))).as(child.toString()).isZero();
            assertThat(child.lines()).as(child.toString()).containsSubsequence(
                    "evolution v1.0.0-rc.1 proving [CSV-1]: pass",
                    "promotion of v1.0.0: blocked",
                    "  gate all-changes-proven: 1 of 2 changes proven",
                    "evolution v1.0.0-rc.2 proving [FIX-2]: pass");
            assertThat(child.lines()).anySatisfy(l -> assertThat(l).startsWith("    ").contains("FIX-2"));
            assertThat(child.lines()).anySatisfy(l -> assertThat(l).startsWith("promotion of v1.0.0: completed, tagged v1.0.0 on "));
            assertThat(child.lines()).contains("tags: v1.0.0 v1.0.0-rc.1 v1.0.0-rc.2");
        }
        assertThat(ReleaseWorkflowExample.git(dir, "tag", "-l", "v1.0.0").strip()).isEqualTo("v1.0.0");
    }

    @Test
    void theOutcomeHoldsEachStep() {
        ReleaseWorkflowExample.newProject(dir);
        try (io.gryt.core.Gryt gryt = io.gryt.core.Gryt.open(dir)) {
            ReleaseWorkflowExample.Outcome o = ReleaseWorkflowExample.release(gryt,
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            assertThat(o.first().status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(o.blocked().status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(o.second().status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(o.released().status()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(o.released().commit()).isEqualTo(ReleaseWorkflowExample.git(dir, "rev-parse", "HEAD").strip());
        }
    }

    @Test
    void theEmbeddingExampleNotifiesFromTypedEvents() {
        try (ChildJvm child = ChildJvm.start(EmbeddingExample.class, dir.toString())) {
            assertThat(child.waitFor(Duration.ofMinutes(3))).as(child.toString()).isZero();
            assertThat(child.lines()).as(child.toString()).containsExactly(
                    "[chat] v1.0.0-rc.1 pass (proves CSV-1)",
                    "[chat] v1.0.0 blocked by all-changes-proven",
                    "[chat] v1.0.0-rc.2 pass (proves FIX-2)",
                    "[chat] v1.0.0 released");
        }
    }

    @Test
    void theJavaPipelineExampleRunsAsAMain() {
        try (ChildJvm child = ChildJvm.start(JavaPipelineExample.class, dir.toString())) {
            assertThat(child.waitFor(Duration.ofMinutes(2))).as(child.toString()).isZero();
            assertThat(child.lines()).anySatisfy(l -> assertThat(l).startsWith("run.finished: java-main pass"));
        }
    }
}
