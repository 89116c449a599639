package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without any configured user, tags are made by {@code gryt <gryt@localhost>}. Runs in a child JVM whose home
 * directory is empty, so that the machine's own git configuration cannot supply a user.
 */
class TaggerFallbackTest {
    @TempDir
    Path dir;

    @Test
    void tagsAreMadeByGrytWhenNoUserIsConfigured() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"));
        repo.git("config", "--unset", "user.name");
        repo.git("config", "--unset", "user.email");
        Path home = Files.createDirectories(dir.resolve("home"));

        try (ChildJvm child = ChildJvm.of(TagInChildJvm.class)
                .jvmOptions("-Xmx64m", "-Duser.home=" + home)
                .env("HOME", home.toString())
                .env("XDG_CONFIG_HOME", null)
                .env("GIT_COMMITTER_NAME", null)
                .env("GIT_COMMITTER_EMAIL", null)
                .env("GIT_CONFIG_GLOBAL", null)
                .args(repo.dir().toString(), "v1.0.0-rc.1")
                .start()) {
            assertThat(child.waitFor(Duration.ofSeconds(60))).as("exit code, stderr: %s", child.errorLines()).isZero();
            assertThat(child.lines()).containsExactly("user: (none)", "tagged v1.0.0-rc.1");
        }

        assertThat(repo.git("cat-file", "-p", "v1.0.0-rc.1")).contains("tagger gryt <gryt@localhost>");
    }
}
