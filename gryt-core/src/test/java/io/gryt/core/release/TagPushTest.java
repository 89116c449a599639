package io.gryt.core.release;

import io.gryt.core.internal.release.Tags;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.config.ProjectConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tags reach the team: evolutions and promotions push their new tag to a remote (asked for, or the project's
 * {@code release.push}); a failed push leaves the release recorded and tagged locally and says how to retry.
 * The remote is a bare repository on disk.
 */
class TagPushTest {
    @TempDir
    Path dir;

    ReleaseProject project;
    Path bare;

    @BeforeEach
    void setUp() {
        project = new ReleaseProject(dir.resolve("project"));
        bare = dir.resolve("remote.git");
        project.git.git("init", "-q", "--bare", bare.toString());
        project.git.git("remote", "add", "origin", bare.toUri().toString());
    }

    private String remoteTags() {
        return project.git.git("--git-dir", bare.toString(), "tag", "-l");
    }

    private Gryt withReleasePush(String remote) {
        return Gryt.builder().projectDir(project.dir())
                .config(ProjectConfig.defaults().with(ConfigKey.RELEASE_PUSH, remote)).build();
    }

    @Test
    void anEvolutionAndAPromotionPushTheirTagsWhenAsked() {
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").push("origin").start();
            assertThat(remoteTags()).isEqualTo("v2.2.0-rc.1");

            Promotion p = gryt.promotion("v2.2.0").push("origin").promote();

            assertThat(p.status()).isEqualTo(PromotionStatus.COMPLETED);
        }
        assertThat(remoteTags().lines()).containsExactly("v2.2.0", "v2.2.0-rc.1");
        assertThat(project.git.git("--git-dir", bare.toString(), "rev-parse", "v2.2.0^{commit}")).isEqualTo(project.git.head());
    }

    @Test
    void aHotfixPromotionPushesItsTagWithTheSetting() {
        try (Gryt gryt = withReleasePush("origin")) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            gryt.promote("v2.2.0");
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)), null);
            project.git.commit("the v2.2.1 hot-fix");
            gryt.evolve("v2.2.1").proving("PAY-009").start();

            assertThat(gryt.promote("v2.2.1").status()).isEqualTo(PromotionStatus.COMPLETED);
        }
        assertThat(remoteTags().lines()).containsExactly("v2.2.0", "v2.2.0-rc.1", "v2.2.1", "v2.2.1-rc.1");
    }

    @Test
    void withoutAskingOrASettingTagsStayLocal() {
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            gryt.promote("v2.2.0");
        }
        assertThat(remoteTags()).isBlank();
    }

    @Test
    void theProjectSettingPushesAndNoPushOverridesIt() {
        try (Gryt gryt = withReleasePush("origin")) {
            gryt.evolve("v2.2.0").proving("PAY-001").start();
            gryt.evolve("v2.2.0").proving("PAY-002").noPush().start();
            gryt.evolve("v2.2.0").proving("PAY-003").start();
            gryt.promote("v2.2.0");
        }
        assertThat(remoteTags().lines()).containsExactly("v2.2.0", "v2.2.0-rc.1", "v2.2.0-rc.3");
    }

    @Test
    void anUnknownRemoteFailsAfterTheEvolutionIsRecordedAndTagged() {
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").push("upstream").start())
                    .isInstanceOf(TagPushException.class)
                    .hasMessageStartingWith("tag v2.2.0-rc.1 was created locally but not pushed to upstream: ")
                    .hasMessageContaining("no remote 'upstream'")
                    .hasMessageEndingWith("; push it with: git push upstream v2.2.0-rc.1");

            Evolution rc1 = gryt.store().releases().evolution("v2.2.0-rc.1").orElseThrow();
            assertThat(rc1.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.versioning().orElseThrow().tag("v2.2.0-rc.1")).isPresent();
        }
    }

    @Test
    void aRejectedPushLeavesThePromotionCompleteAndSaysHowToRetry() {
        String tested;
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            tested = project.git.head();
            // the remote already has a different v2.2.0 (someone else released from another commit)
            project.git.git("push", "-q", "origin", project.git.git("rev-parse", "HEAD~1") + ":refs/tags/v2.2.0");
            List<TagPushException> failures = new ArrayList<>();

            Promotion p = gryt.promotion("v2.2.0").push("origin").onPushFailure(failures::add).promote();

            assertThat(p.status()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(failures).singleElement().satisfies(e -> {
                assertThat(e.getMessage()).startsWith("tag v2.2.0 was created locally but not pushed to origin: ")
                        .contains("already has a different tag").endsWith("; push it with: git push origin v2.2.0");
                assertThat(e.retryCommand()).isEqualTo("git push origin v2.2.0");
            });
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isTrue();
        }
        assertThat(project.git.git("rev-parse", "v2.2.0^{commit}")).as("the local tag").isEqualTo(tested);
        assertThat(project.git.git("--git-dir", bare.toString(), "rev-parse", "v2.2.0^{commit}"))
                .as("the remote's tag is untouched").isNotEqualTo(tested);
    }

    @Test
    void aFailedPromotionPushIsThrownByDefault() {
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();

            assertThatThrownBy(() -> gryt.promotion("v2.2.0").push("upstream").promote())
                    .isInstanceOf(TagPushException.class)
                    .hasMessageEndingWith("push it with: git push upstream v2.2.0");
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isTrue();
        }
    }
}
