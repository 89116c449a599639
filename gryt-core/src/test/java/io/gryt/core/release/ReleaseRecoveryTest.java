package io.gryt.core.release;

import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.core.Gryt;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a crashed gryt process left half done is repaired on the next open, and said. */
class ReleaseRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void anEvolutionWhoseProcessDiedIsInterruptedAndStillTagged() {
        ReleaseProject project = new ReleaseProject(dir);
        String tag;
        try (ChildJvm child = ChildJvm.of(EvolveMain.class).args(dir.toString(), "v2.2.0", "PAY-001", "hang").start()) {
            tag = child.awaitLine(l -> l.startsWith("STARTED "), Duration.ofSeconds(60)).substring("STARTED ".length());
            child.killHard();
            child.waitFor(Duration.ofSeconds(30));
        }
        assertThat(project.git.git("tag", "-l", tag)).as("no tag while it ran").isBlank();
        try (Gryt gryt = project.open()) {
            assertThat(gryt.releaseRepairs()).anySatisfy(l -> assertThat(l).contains(tag).contains("interrupted"));
            Evolution e = gryt.store().releases().evolution(tag).orElseThrow();
            assertThat(e.status()).isEqualTo(EvolutionStatus.INTERRUPTED);
            assertThat(gryt.store().runs().run(e.runId()).orElseThrow().status()).isEqualTo(io.gryt.api.RunStatus.INTERRUPTED);
            Evolution next = gryt.evolve("v2.2.0").proving("PAY-001").start();
            assertThat(next.rc()).isEqualTo(e.rc() + 1);
        }
        assertThat(project.git.git("tag", "-l", "--format=%(contents)", tag)).contains("status: interrupted");
    }

    @Test
    void aPromotionInterruptedBeforeItsTagIsRolledBack() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            ReleaseStore store = gryt.store().releases();
            store.recordPromotion("v2.2.0", project.git.head(), "v2.2.0", PromotionStatus.PENDING, "{\"contract_sha256\":\"x\"}", Instant.now());
        }
        try (Gryt gryt = project.open()) {
            assertThat(gryt.releaseRepairs()).anySatisfy(l -> assertThat(l).contains("rolled back").contains("v2.2.0"));
            assertThat(gryt.store().releases().promotions("v2.2.0")).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PromotionStatus.ROLLED_BACK));
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isFalse();
            assertThat(gryt.promote("v2.2.0").status()).as("it can be promoted again").isEqualTo(PromotionStatus.COMPLETED);
        }
    }

    @Test
    void aPromotionInterruptedAfterItsTagIsCompleted() {
        ReleaseProject project = new ReleaseProject(dir);
        String hash;
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            Generation g = gryt.generations().load("v2.2.0");
            hash = io.gryt.core.internal.yaml.GenerationFiles.contractHash(g);
            gryt.store().releases().recordPromotion("v2.2.0", project.git.head(), "v2.2.0", PromotionStatus.PENDING,
                    "{\"contract_sha256\":\"" + hash + "\"}", Instant.now());
            project.git.git("tag", "-a", "v2.2.0", "-m", "gryt release v2.2.0");
        }
        try (Gryt gryt = project.open()) {
            assertThat(gryt.releaseRepairs()).anySatisfy(l -> assertThat(l).contains("completed").contains("v2.2.0"));
            Generation g = gryt.generations().load("v2.2.0");
            assertThat(g.isPromoted()).isTrue();
            assertThat(g.contractHash()).isEqualTo(hash);
        }
    }
}
