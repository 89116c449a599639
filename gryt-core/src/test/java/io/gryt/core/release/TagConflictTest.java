package io.gryt.core.release;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tag gryt wants that someone else made is refused, naming it: never moved, reused or adopted. */
class TagConflictTest {
    @TempDir
    Path dir;

    @Test
    void aForeignRcTagOnAnotherCommitIsRefusedBeforeTheEvolutionRuns() {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.git("tag", "v2.2.0-rc.1");
        String foreign = project.git.git("rev-parse", "v2.2.0-rc.1").strip();
        project.git.write("later.txt", "later\n");
        project.git.commit("a later commit");
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("git tag v2.2.0-rc.1 already exists (lightweight")
                    .hasMessageContaining("git tag -d v2.2.0-rc.1");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).as("nothing recorded").isEmpty();
        }
        assertThat(project.git.git("rev-parse", "v2.2.0-rc.1").strip()).isEqualTo(foreign);
    }

    @Test
    void aForeignRcTagOnTheSameCommitIsNotAdopted() {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.git("tag", "-a", "v2.2.0-rc.1", "-m", "made by hand");
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("git tag v2.2.0-rc.1 already exists (annotated, on commit " + project.git.head().substring(0, 12));
            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();
        }
        assertThat(project.git.git("tag", "-l", "--format=%(contents)", "v2.2.0-rc.1").strip()).isEqualTo("made by hand");
    }

    @Test
    void aForeignRcTagAheadOfTheRecordedOnesIsRefusedAlready() {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.git("tag", "v2.2.0-rc.3");
        project.git.git("tag", "v2.2.0-rc.0");
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("git tag v2.2.0-rc.3 already exists");
            project.git.git("tag", "-d", "v2.2.0-rc.3");
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").start().tag()).as("rc.0 is no RC gryt gives")
                    .isEqualTo("v2.2.0-rc.1");
        }
    }

    @Test
    void aTagTakenWhileTheEvolutionRanFailsClearlyAndLeavesTheEvolutionUntagged() {
        ReleaseProject project = new ReleaseProject(dir);
        Pipeline takesItsTag = Pipeline.of(step("prove").sh("git tag \"$GRYT_EVOLUTION_TAG\"")).withName("takes-its-tag");
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").with(takesItsTag).start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("git tag v2.2.0-rc.1 already exists (lightweight");
            assertThat(gryt.store().releases().untaggedEvolutions()).extracting(Evolution::tag).containsExactly("v2.2.0-rc.1");
        }
        assertThat(project.git.git("cat-file", "-t", "v2.2.0-rc.1").strip()).as("still the user's tag").isEqualTo("commit");
    }

    @Test
    void aForeignReleaseTagOnTheTestedCommitIsNotAdopted() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            project.git.git("tag", "v2.2.0");
            assertThatThrownBy(() -> gryt.promote("v2.2.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("git tag v2.2.0 already exists (lightweight, on commit " + project.git.head().substring(0, 12));
            assertThatThrownBy(() -> gryt.promotion("v2.2.0").dryRun(true).promote()).isInstanceOf(BadInputException.class);
            assertThat(gryt.store().releases().promotions("v2.2.0")).isEmpty();
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isFalse();
        }
        assertThat(project.git.git("cat-file", "-t", "v2.2.0").strip()).isEqualTo("commit");
    }

    @Test
    void aReleaseTagTakenDuringThePromotionRollsItBack() {
        ReleaseProject project = new ReleaseProject(dir);
        String first = project.git.head();
        project.git.write("later.txt", "later\n");
        project.git.commit("a later commit");
        PromotionGate takesTheTag = new PromotionGate() {
            @Override
            public String name() {
                return "takes-the-tag";
            }

            @Override
            public GateResult evaluate(GateContext context) {
                project.git.git("tag", "v2.2.0", first);
                return GateResult.pass(name(), "tagged " + first);
            }
        };
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThatThrownBy(() -> gryt.promotion("v2.2.0").gate(takesTheTag).promote())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("git tag v2.2.0 already exists");
            assertThat(gryt.store().releases().promotions("v2.2.0")).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PromotionStatus.ROLLED_BACK));
            assertThat(gryt.store().releases().pendingPromotions()).isEmpty();
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isFalse();
        }
        assertThat(project.git.git("rev-parse", "v2.2.0").strip()).isEqualTo(first);
    }

    @Test
    void aProofWhoseTagWasDeletedOrMovedBlocksThePromotionSayingSo() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002").start();
            gryt.evolve("v2.2.0").proving("PAY-003").start();
            project.git.git("tag", "-d", "v2.2.0-rc.1");
            project.git.write("later.txt", "later\n");
            project.git.commit("a later commit");
            project.git.git("tag", "-f", "v2.2.0-rc.2");

            Promotion blocked = gryt.promote("v2.2.0");
            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(blocked.failedGates()).singleElement().satisfies(g -> {
                assertThat(g.gate()).isEqualTo("proven-on-this-commit");
                assertThat(g.problems()).containsExactly(
                        "PAY-001: git tag v2.2.0-rc.1 of its proof is missing (restore it on " + blocked.commit().substring(0, 12)
                                + ", or prove the change again)",
                        "PAY-002: git tag v2.2.0-rc.1 of its proof is missing (restore it on " + blocked.commit().substring(0, 12)
                                + ", or prove the change again)",
                        "PAY-003: git tag v2.2.0-rc.2 of its proof is on commit " + project.git.head().substring(0, 12)
                                + ", but the evolution ran on " + blocked.commit().substring(0, 12)
                                + " (move it back, or prove the change again)");
            });
            assertThat(project.git.git("tag", "-l", "v2.2.0")).isBlank();

            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).as("proven again").isEqualTo(PromotionStatus.COMPLETED);
        }
    }
}
