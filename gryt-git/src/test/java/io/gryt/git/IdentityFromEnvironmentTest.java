package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gryt.api.spi.Versioning;
import io.gryt.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who acts is resolved as git resolves the committer, from the environment the versioning is opened with (never
 * the process's own): environment variables, then the repository's, the global and the system configuration; the
 * same by {@link JGitVersioningProvider#user}, which reads it without opening the repository.
 */
class IdentityFromEnvironmentTest {
    @TempDir
    Path dir;

    private TempGitRepo repo;
    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        repo = TempGitRepo.init(dir.resolve("project"));
        repo.git("config", "--unset", "user.name");
        repo.git("config", "--unset", "user.email");
        home = Files.createDirectories(dir.resolve("home"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
    }

    /** Who acts, as the opened versioning reads it; the provider's lighter read (no repository opened) agrees. */
    private String user() throws Exception {
        Versioning git = new JGitVersioningProvider().open(repo.dir(), env).orElseThrow();
        try {
            String user = git.user().orElse("(none)");
            assertThat(new JGitVersioningProvider().user(repo.dir(), env).orElse("(none)"))
                    .as("the provider's user(), without opening the repository").isEqualTo(user);
            return user;
        } finally {
            ((AutoCloseable) git).close();
        }
    }

    private String tagger() throws Exception {
        Versioning git = new JGitVersioningProvider().open(repo.dir(), env).orElseThrow();
        try {
            git.createAnnotatedTag("t", repo.head(), "a tag");
        } finally {
            ((AutoCloseable) git).close();
        }
        return repo.git("cat-file", "-p", "t").lines().filter(l -> l.startsWith("tagger ")).findFirst().orElseThrow();
    }

    @Test
    void nothingConfiguredMeansNoUserAndTheFallbackTagger() throws Exception {
        assertThat(user()).isEqualTo("(none)");
        assertThat(tagger()).startsWith("tagger gryt <gryt@localhost>");
    }

    @Test
    void theGlobalConfigurationIsReadFromTheGivenHome() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Home User\n\temail = home@example.org\n");

        assertThat(user()).isEqualTo("Home User <home@example.org>");
        assertThat(tagger()).startsWith("tagger Home User <home@example.org>");
    }

    @Test
    void theXdgConfigurationCounts() throws Exception {
        Path xdg = Files.createDirectories(dir.resolve("xdg/git"));
        Files.writeString(xdg.resolve("config"), "[user]\n\tname = Xdg User\n\temail = xdg@example.org\n");
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());

        assertThat(user()).isEqualTo("Xdg User <xdg@example.org>");
    }

    @Test
    void theRepositoryConfigurationWinsOverTheGlobalOne() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Home User\n\temail = home@example.org\n");
        repo.git("config", "user.name", "Repo User");

        assertThat(user()).isEqualTo("Repo User <home@example.org>");
    }

    @Test
    void committerVariablesWinOverEverything() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Home User\n\temail = home@example.org\n");
        repo.git("config", "user.name", "Repo User");
        env.put("GIT_AUTHOR_NAME", "Author");
        env.put("GIT_COMMITTER_NAME", "CI Bot");
        env.put("GIT_COMMITTER_EMAIL", "ci@example.org");

        assertThat(user()).isEqualTo("CI Bot <ci@example.org>");
        assertThat(tagger()).startsWith("tagger CI Bot <ci@example.org>");
    }

    @Test
    void authorVariablesServeWhenNoCommitterIsSet() throws Exception {
        repo.git("config", "user.name", "Repo User");
        env.put("GIT_AUTHOR_NAME", "Author");
        env.put("GIT_AUTHOR_EMAIL", "author@example.org");

        assertThat(user()).isEqualTo("Author <author@example.org>");
    }

    @Test
    void theSystemConfigurationIsTheLastResort() throws Exception {
        Path system = dir.resolve("gitconfig-system");
        Files.writeString(system, "[user]\n\tname = System User\n");
        env.remove("GIT_CONFIG_NOSYSTEM");
        env.put("GIT_CONFIG_SYSTEM", system.toString());

        assertThat(user()).isEqualTo("System User");
    }
}
