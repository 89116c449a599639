package io.gryt.cli;

import io.gryt.core.internal.exec.Owners;
import io.gryt.testing.ChildJvm;
import io.gryt.testing.Processes;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gryt generation promote} while another {@code gryt} process runs an evolution of the generation, in a real
 * git repository: refused naming the evolution and its process, or, with {@code --wait}, promoted once it passed.
 */
class PromoteWhileEvolvingTest {
    @TempDir
    Path dir;

    TempGitRepo git;
    Path release;

    @BeforeEach
    void provenProject() {
        git = TempGitRepo.init(dir);
        ok("init");
        release = dir.resolve(".gryt/runs/release"); // runs/ is git-ignored: the signal leaves the tree clean
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES"
                """);
        git.write(".gryt/pipelines/gated.yaml", """
                steps:
                  - name: gated
                    run: "echo $$ > '%s'; while [ ! -f '%s' ]; do sleep 0.05; done"
                """.formatted(dir.resolve(".gryt/runs/gated.pid"), release));
        ok("generation", "new", "v2.2.0", "--pipeline", "release-pipeline",
                "--change", "fix:PAY-001:Race condition in refund webhook", "--change", "add:PAY-003:Support Apple Pay");
        git.commit("v2.2.0 contract");
        ok("evolution", "start", "v2.2.0", "--change", "PAY-001", "--change", "PAY-003");
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    /** {@code gryt} in its own JVM. */
    private ChildJvm gryt(String... args) {
        return ChildJvm.of(Main.class).args("-C", dir.toString()).args(args).start();
    }

    /** Another process starts evolution v2.2.0-rc.2, whose step runs until {@link #release} exists. */
    private ChildJvm runningEvolution() {
        ChildJvm evolution = gryt("evolution", "start", "v2.2.0", "--change", "PAY-001", "--pipeline", "gated");
        Processes.awaitPid(dir.resolve(".gryt/runs/gated.pid"), Duration.ofSeconds(90));
        return evolution;
    }

    @Test
    void promotionIsRefusedWhileAnotherProcessRunsAnEvolutionAndNamesIt() throws Exception {
        try (ChildJvm evolution = runningEvolution()) {
            String running = "v2.2.0-rc.2 (running, pid " + evolution.pid() + "@" + Owners.self().host() + ")";

            CliRun refused = CliRun.in(dir, "generation", "promote", "v2.2.0");
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.out()).contains("FAIL  evolutions-finished: 1 evolution(s) still pending or running",
                    "- " + running, "blocked: 1 gate(s) failed; nothing was released");

            CliRun dryRun = CliRun.in(dir, "generation", "promote", "v2.2.0", "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(1);
            assertThat(dryRun.out()).contains("FAIL  evolutions-finished", "- " + running, "promotion would be blocked");

            CliRun timedOut = CliRun.in(dir, "generation", "promote", "v2.2.0", "--wait", "--timeout", "1s");
            assertThat(timedOut.exitCode()).as(timedOut.all()).isEqualTo(1);
            assertThat(timedOut.err()).contains("waiting up to 1s for " + running + " to end");
            assertThat(timedOut.out()).contains("still pending or running after waiting 1s", "- " + running);

            assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();
            Files.writeString(release, "go");
            assertThat(evolution.waitFor(Duration.ofSeconds(60))).as(evolution.output()).isZero();
        }
        ok("generation", "promote", "v2.2.0");
    }

    @Test
    void withWaitThePromotionWaitsForTheEvolutionToPassThenPromotes() throws Exception {
        try (ChildJvm evolution = runningEvolution();
             ChildJvm promotion = gryt("generation", "promote", "v2.2.0", "--wait", "--timeout", "3m")) {
            String waiting = "waiting up to 3m for v2.2.0-rc.2 (running, pid " + evolution.pid() + "@"
                    + Owners.self().host() + ") to end";
            Instant giveUp = Instant.now().plusSeconds(90);
            while (!promotion.errorLines().contains(waiting)) {
                assertThat(Instant.now()).as("the promotion says it waits\n" + promotion.output()).isBefore(giveUp);
                Thread.sleep(50);
            }
            assertThat(promotion.isAlive()).isTrue();

            Files.writeString(release, "go");

            assertThat(promotion.waitFor(Duration.ofSeconds(90))).as(promotion.output()).isZero();
            assertThat(promotion.lines()).anyMatch(l -> l.contains("promoted: tagged v2.2.0 on " + git.head()));
            assertThat(evolution.waitFor(Duration.ofSeconds(60))).as(evolution.output()).isZero();
        }
        assertThat(git.git("tag", "-l", "v2.2.0").strip()).isEqualTo("v2.2.0");
        assertThat(ok("generation", "show", "v2.2.0").out()).contains("PAY-001", "pass (v2.2.0-rc.2)");
    }

    @Test
    void timeoutIsForWaitAndADurationIsChecked() {
        CliRun noWait = CliRun.in(dir, "generation", "promote", "v2.2.0", "--timeout", "10m");
        assertThat(noWait.exitCode()).isEqualTo(2);
        assertThat(noWait.err()).isEqualTo("gryt: error: --timeout says how long --wait waits: add --wait\n");

        CliRun bad = CliRun.in(dir, "generation", "promote", "v2.2.0", "--wait", "--timeout", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'soon' is not a duration: use e.g. 90s, 10m, 1h30m");
        assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();
    }
}
