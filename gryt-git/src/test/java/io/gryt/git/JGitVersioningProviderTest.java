package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;
import io.gryt.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitVersioningProviderTest {
    @TempDir
    Path dir;

    @Test
    void findsTheRepositoryFromASubdirectoryAsGitDoes() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"));
        Path sub = Files.createDirectories(repo.dir().resolve("modules/app"));

        Versioning git = new JGitVersioningProvider().open(sub).orElseThrow();
        try {
            assertThat(git.root().toRealPath()).isEqualTo(repo.dir().toRealPath());
            assertThat(git.head()).isEqualTo(repo.head());
        } finally {
            ((AutoCloseable) git).close();
        }
    }

    @Test
    void opensALinkedWorktreeWithItsOwnHeadAndTheSharedTags() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"));
        Path worktree = dir.resolve("worktree");
        repo.git("worktree", "add", "-q", "-b", "feature", worktree.toString());
        String featureHead = TempGitRepo.open(worktree).commit("only on feature");

        Versioning git = new JGitVersioningProvider().open(worktree).orElseThrow();
        try {
            assertThat(git.root().toRealPath()).isEqualTo(worktree.toRealPath());
            assertThat(git.head()).isEqualTo(featureHead).isNotEqualTo(repo.head());
            git.createAnnotatedTag("v1.0.0-rc.1", featureHead, "from the worktree");
            assertThat(repo.git("cat-file", "-t", "v1.0.0-rc.1")).isEqualTo("tag");
        } finally {
            ((AutoCloseable) git).close();
        }
    }

    @Test
    void isEmptyOutsideAnyRepository() {
        assertThat(new JGitVersioningProvider().open(dir)).isEmpty();
    }

    @Test
    void isEmptyForABareRepository() {
        TempGitRepo.init(dir.resolve("work")).git("clone", "-q", "--bare", ".", dir.resolve("bare.git").toString());

        assertThat(new JGitVersioningProvider().open(dir.resolve("bare.git"))).isEmpty();
    }

    @Test
    void whoActsIsReadFromASubdirectoryALinkedWorktreeAndNotFromABareRepository() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"));
        repo.git("config", "user.name", "Repo User");
        repo.git("config", "user.email", "repo@example.org");
        Path worktree = dir.resolve("worktree");
        repo.git("worktree", "add", "-q", "-b", "feature", worktree.toString());
        repo.git("clone", "-q", "--bare", ".", dir.resolve("bare.git").toString());
        Map<String, String> env = Map.of("HOME", dir.toString(), "GIT_CONFIG_NOSYSTEM", "1");
        JGitVersioningProvider provider = new JGitVersioningProvider();

        assertThat(provider.user(Files.createDirectories(repo.dir().resolve("modules/app")), env))
                .contains("Repo User <repo@example.org>");
        assertThat(provider.user(worktree, env)).as("the main repository's configuration, shared by its worktrees")
                .contains("Repo User <repo@example.org>");
        assertThat(provider.user(dir.resolve("bare.git"), env)).as("open() finds no versioning there either").isEmpty();
        assertThat(provider.user(Files.createDirectories(dir.resolve("elsewhere")), env)).isEmpty();
    }

    @Test
    void aRepositoryConfigurationThatCannotBeParsedIsBadInputNamingTheFile() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"));
        Path config = repo.dir().resolve(".git/config");
        Files.writeString(config, Files.readString(config) + "[user\n\tname = \"unterminated\n");
        Map<String, String> env = Map.of("HOME", dir.toString(), "GIT_CONFIG_NOSYSTEM", "1");
        JGitVersioningProvider provider = new JGitVersioningProvider();

        assertThatThrownBy(() -> provider.open(repo.dir(), env)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(config.toString());
        assertThatThrownBy(() -> provider.user(repo.dir(), env)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(config.toString());
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(VersioningProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(JGitVersioningProvider.class);
    }

    @Test
    void theServiceLoadedProviderOpensARepository() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"));
        VersioningProvider provider = ServiceLoader.load(VersioningProvider.class).findFirst().orElseThrow();

        Optional<Versioning> git = provider.open(repo.dir());

        assertThat(git).isPresent();
        assertThat(git.get().head()).isEqualTo(repo.head());
        ((AutoCloseable) git.get()).close();
    }
}
