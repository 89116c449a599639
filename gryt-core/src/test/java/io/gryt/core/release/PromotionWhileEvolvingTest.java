package io.gryt.core.release;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.internal.exec.Owners;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promotion through the Java API while another OS process runs an evolution of the generation: it is blocked,
 * naming the evolution and its process, or waits for it; an evolution whose process died does not block.
 */
class PromotionWhileEvolvingTest {
    @TempDir
    Path dir;

    /** A project whose v2.2.0 would be promoted: rc.1 proved every change. */
    private ReleaseProject provenProject() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start().passed()).isTrue();
        }
        return project;
    }

    private ChildJvm evolving(String mode) {
        return evolving("v2.2.0", "PAY-001", mode);
    }

    /** Another process starts rc.2 of {@code version}. */
    private ChildJvm evolving(String version, String change, String mode) {
        ChildJvm child = ChildJvm.of(EvolveMain.class).args(dir.toString(), version, change, mode).start();
        assertThat(child.awaitLine(l -> l.startsWith("STARTED "), Duration.ofSeconds(90))).isEqualTo("STARTED " + version + "-rc.2");
        return child;
    }

    private static GateResult theOnlyFailedGate(Promotion p) {
        assertThat(p.failedGates()).hasSize(1);
        return p.failedGates().get(0);
    }

    @Test
    void aRunningEvolutionInAnotherProcessBlocksThePromotionAndItsDryRunNamingItsProcess() throws Exception {
        ReleaseProject project = provenProject();
        try (ChildJvm child = evolving("gated"); Gryt gryt = project.open()) {
            String running = "v2.2.0-rc.2 (running, pid " + child.pid() + "@" + Owners.self().host() + ")";

            Promotion dryRun = gryt.promotion("v2.2.0").dryRun(true).promote();
            assertThat(dryRun.status()).isEqualTo(PromotionStatus.DRY_RUN);
            assertThat(theOnlyFailedGate(dryRun)).satisfies(g -> {
                assertThat(g.gate()).isEqualTo("evolutions-finished");
                assertThat(g.problems()).containsExactly(running);
            });

            Promotion blocked = gryt.promotion("v2.2.0").promote();
            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(theOnlyFailedGate(blocked).problems()).containsExactly(running);

            Promotion timedOut = gryt.promotion("v2.2.0").waitForEvolutions(Duration.ofMillis(600)).promote();
            assertThat(timedOut.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(theOnlyFailedGate(timedOut)).satisfies(g -> {
                assertThat(g.summary()).startsWith("1 evolution(s) still pending or running after waiting ");
                assertThat(g.problems()).containsExactly(running);
            });
            assertThat(project.git.git("tag", "-l", "v2.2.0")).isBlank();
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isFalse();

            Files.writeString(dir.resolve(".gryt/runs/release"), "go");
            assertThat(child.waitFor(Duration.ofSeconds(60))).isZero();
        }
    }

    @Test
    void withWaitThePromotionWaitsForTheRunningEvolutionThenReleasesWithItsResult() throws Exception {
        ReleaseProject project = provenProject();
        try (ChildJvm child = evolving("gated"); Gryt gryt = project.open()) {
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Promotion> promotion = CompletableFuture.supplyAsync(() -> gryt.promotion("v2.2.0")
                    .waitForEvolutions(Duration.ofMinutes(2))
                    .onWaiting(inProgress -> {
                        assertThat(inProgress).extracting(e -> e.evolution().tag()).containsExactly("v2.2.0-rc.2");
                        waiting.countDown();
                    })
                    .promote());
            assertThat(waiting.await(60, TimeUnit.SECONDS)).as("the promotion waits for rc.2").isTrue();
            assertThat(promotion).isNotDone();

            Files.writeString(dir.resolve(".gryt/runs/release"), "go");
            Promotion done = promotion.get(90, TimeUnit.SECONDS);

            assertThat(done.status()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(child.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(child.lines()).contains("EVOLUTION v2.2.0-rc.2 pass");
            ChangeEvidence pay001 = gryt.store().releases().evidence("v2.2.0").get(0);
            assertThat(pay001.latest().tag()).isEqualTo("v2.2.0-rc.2");
            assertThat(pay001.latest().status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(project.git.git("tag", "-l", "v2.2.0").strip()).isEqualTo("v2.2.0");
        }
    }

    @Test
    void aHotfixPromotionIsBlockedWhileAnEvolutionOfTheHotfixRuns() throws Exception {
        ReleaseProject project = provenProject();
        try (Gryt gryt = project.open()) {
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            project.git.commit("the v2.2.1 hot-fix");
            assertThat(gryt.evolve("v2.2.1").proving("PAY-009").start().passed()).isTrue();
        }
        try (ChildJvm child = evolving("v2.2.1", "PAY-009", "gated"); Gryt gryt = project.open()) {
            Promotion blocked = gryt.promotion("v2.2.1").promote();

            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(theOnlyFailedGate(blocked).problems()).containsExactly(
                    "v2.2.1-rc.2 (running, pid " + child.pid() + "@" + Owners.self().host() + ")");
            assertThat(project.git.git("tag", "-l", "v2.2.1")).isBlank();
            Files.writeString(dir.resolve(".gryt/runs/release"), "go");
            assertThat(child.waitFor(Duration.ofSeconds(60))).isZero();
        }
    }

    @Test
    void anEvolutionWhoseProcessDiedNeitherBlocksNorIsWaitedForAndIsRecordedInterruptedAndTagged() {
        ReleaseProject project = provenProject();
        try (Gryt gryt = project.open(); ChildJvm child = evolving("hang")) {
            child.killHard();

            Promotion done = gryt.promotion("v2.2.0").waitForEvolutions(Duration.ofMinutes(10)).promote();

            assertThat(done.status()).as(done.toString()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(gryt.store().releases().evolution("v2.2.0-rc.2").orElseThrow().status())
                    .isEqualTo(EvolutionStatus.INTERRUPTED);
            assertThat(gryt.store().releases().untaggedEvolutions()).as("its tag is written for it").isEmpty();
            assertThat(project.git.git("cat-file", "-t", "v2.2.0-rc.2").strip()).isEqualTo("tag");
        }
    }
}
