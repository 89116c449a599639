package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.spi.Versioning;
import io.gryt.testing.TempGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing a tag to a bare repository on disk, reached through a file:// remote. */
class PushTagTest {
    @TempDir
    Path dir;

    private TempGitRepo repo;
    private Path bare;
    private Versioning git;

    @BeforeEach
    void setUp() {
        repo = TempGitRepo.init(dir.resolve("project"));
        bare = dir.resolve("remote.git");
        repo.git("init", "-q", "--bare", bare.toString());
        repo.git("remote", "add", "origin", bare.toUri().toString());
        git = new JGitVersioningProvider().open(repo.dir()).orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        ((AutoCloseable) git).close();
    }

    private String remoteTag(String name) {
        return repo.git("--git-dir", bare.toString(), "rev-parse", "--verify", "-q", "refs/tags/" + name + "^{commit}");
    }

    @Test
    void theTagReachesTheRemote() {
        git.createAnnotatedTag("v1.0.0", repo.head(), "gryt release v1.0.0");

        git.pushTag("origin", "v1.0.0");

        assertThat(remoteTag("v1.0.0")).isEqualTo(repo.head());
        assertThat(repo.git("--git-dir", bare.toString(), "cat-file", "-t", "v1.0.0")).isEqualTo("tag");
    }

    @Test
    void pushingATagTheRemoteAlreadyHasIsFine() {
        git.createAnnotatedTag("v1.0.0", repo.head(), "gryt release v1.0.0");
        git.pushTag("origin", "v1.0.0");

        git.pushTag("origin", "v1.0.0");

        assertThat(remoteTag("v1.0.0")).isEqualTo(repo.head());
    }

    @Test
    void aUrlServesAsRemote() {
        repo.git("remote", "remove", "origin");
        git.createAnnotatedTag("v1.0.0", repo.head(), "gryt release v1.0.0");

        git.pushTag(bare.toUri().toString(), "v1.0.0");

        assertThat(remoteTag("v1.0.0")).isEqualTo(repo.head());
    }

    @Test
    void anUnknownRemoteIsNamedWithTheKnownOnes() {
        git.createAnnotatedTag("v1.0.0", repo.head(), "gryt release v1.0.0");

        assertThatThrownBy(() -> git.pushTag("upstream", "v1.0.0"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no remote 'upstream'")
                .hasMessageContaining("its remotes: origin");
    }

    @Test
    void aRemoteWithADifferentTagOfThatNameRefusesThePush() {
        String first = repo.head();
        repo.git("push", "-q", "origin", first + ":refs/tags/v1.0.0");
        repo.commit("second");
        git.createAnnotatedTag("v1.0.0", repo.head(), "gryt release v1.0.0");

        assertThatThrownBy(() -> git.pushTag("origin", "v1.0.0"))
                .isInstanceOf(GrytException.class)
                .hasMessageContaining("origin refused tag v1.0.0");
        assertThat(remoteTag("v1.0.0")).as("the remote's tag is untouched").isEqualTo(first);
    }

    @Test
    void aMissingLocalTagIsBadInput() {
        assertThatThrownBy(() -> git.pushTag("origin", "v9.9.9"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no tag v9.9.9");
    }
}
