package io.gryt.core.release;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A hot-fix takes the next free patch version, and ships nothing less than the releases of its line before it. */
class HotfixTest {
    @TempDir
    Path dir;

    @Test
    void aHotfixSkipsAPatchVersionThatIsAlreadyTagged() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
            project.git.git("tag", "v2.2.1");
            Generation hotfix = gryt.generations().hotfix("v2.2.0",
                    List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            assertThat(hotfix.version()).isEqualTo("v2.2.2");
        }
    }

    @Test
    void aHotfixTakesTheNextPatchAfterTheHighestReleaseOfItsLine() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
            project.git.git("tag", "-a", "v2.2.5", "-m", "a later release of the line");
            project.git.git("tag", "-a", "v2.3.7", "-m", "another line");
            Generation hotfix = gryt.generations().hotfix("v2.2.0",
                    List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            assertThat(hotfix.version()).isEqualTo("v2.2.6");
        }
    }

    @Test
    void aHotfixOrdersPatchNumbersNumericallyAcrossTagsFilesAndTheStore() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
            project.git.git("tag", "v2.2.9");
            project.git.git("tag", "v2.2.10-rc.1");
            gryt.generations().create("v2.2.10", "a draft of the line", List.of(), "release-pipeline");
            Generation hotfix = gryt.generations().hotfix("v2.2.0",
                    List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            assertThat(hotfix.version()).isEqualTo("v2.2.11");
        }
    }

    @Test
    void aHotfixProvenWithoutAnEarlierHotfixOfItsLineIsBlocked() {
        ReleaseProject project = new ReleaseProject(dir);
        String released = project.git.head();
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            gryt.promote("v2.2.0");
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            project.git.commit("the v2.2.1 hot-fix");
            gryt.evolve("v2.2.1").proving("PAY-009").start();
            assertThat(gryt.promote("v2.2.1").status()).isEqualTo(PromotionStatus.COMPLETED);

            project.git.checkout(released);
            Generation second = gryt.generations().hotfix("v2.2.0",
                    List.of(new Change("PAY-010", ChangeType.FIX, "Another fix", null)), null);
            assertThat(second.version()).isEqualTo("v2.2.2");
            project.git.commit("the v2.2.2 hot-fix, on v2.2.0 without v2.2.1");
            gryt.evolve("v2.2.2").proving("PAY-010").start();

            Promotion blocked = gryt.promote("v2.2.2");
            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(blocked.failedGates()).singleElement().satisfies(g -> {
                assertThat(g.gate()).isEqualTo("hotfix-contains-release");
                assertThat(g.problems()).containsExactly(
                        "PAY-010: proven by v2.2.2-rc.1 on a commit that does not contain v2.2.1");
            });
            assertThat(project.git.git("tag", "-l", "v2.2.2")).isBlank();
        }
    }
}
