package io.gryt.core;

import io.gryt.api.audit.AuditEntry;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded actor is who git would record, resolved from the environment gryt was given: a temporary
 * {@code HOME} with its own {@code .gitconfig}, and the {@code GIT_COMMITTER_*} variables CI sets.
 */
class ActorFromEnvironmentTest {
    @TempDir
    Path dir;

    TempGitRepo git;
    Path home;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        git = TempGitRepo.init(dir.resolve("project"));
        ProjectInit.init(git.dir());
        git.commit("gryt project");
        git.git("config", "--unset", "user.name");
        git.git("config", "--unset", "user.email");
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Home User\n\temail = home@example.org\n");
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("PATH", System.getenv("PATH"));
    }

    private String recordedActor() {
        try (Gryt gryt = Gryt.builder().projectDir(git.dir()).environment(env).build()) {
            gryt.generations().create("v1.0.0", "first", List.of(), "ci");
            return gryt.store().audit().head().map(AuditEntry::actor).orElseThrow();
        }
    }

    @Test
    void theGlobalConfigurationOfTheGivenHomeNamesTheActor() {
        assertThat(recordedActor()).isEqualTo("Home User <home@example.org>");
    }

    @Test
    void committerVariablesWinOverTheRepositoryAndGlobalConfiguration() {
        git.git("config", "user.name", "Repo User");
        env.put("GIT_COMMITTER_NAME", "CI Bot");
        env.put("GIT_COMMITTER_EMAIL", "ci@example.org");

        assertThat(recordedActor()).isEqualTo("CI Bot <ci@example.org>");
    }

    @Test
    void theRepositoryConfigurationWinsOverTheGlobalOne() {
        git.git("config", "user.name", "Repo User");
        git.git("config", "user.email", "repo@example.org");

        assertThat(recordedActor()).isEqualTo("Repo User <repo@example.org>");
    }
}
