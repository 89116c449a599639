package io.gryt.cli;

import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code gryt} process remembers where git keeps its system configuration (JGit asks git for it in every
 * process that opens a repository): the second command that opens the repository ({@code audit verify}) starts no
 * git at all, and a run, which opens none, starts none even the first time. Checked with a {@code git} first on the
 * {@code PATH} that logs each start, then runs the real one.
 */
class GitSystemConfigCacheTest {
    @TempDir
    Path dir;

    private Path project;
    private Path cache;
    private Path log;
    private Path bin;

    @BeforeEach
    void aProjectAndALoggingGit() throws Exception {
        Path realGit = onPath("git");
        assumeTrue(realGit != null, "no git on the PATH");
        project = Files.createDirectories(dir.resolve("project"));
        cache = dir.resolve("cache");
        log = dir.resolve("git.log");
        bin = Files.createDirectories(dir.resolve("bin"));
        Path git = bin.resolve("git");
        Files.writeString(git, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + realGit + "' \"$@\"\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new ProcessBuilder("git", "init", "-q", project.toString()).start().waitFor()).isZero();
        assertThat(CliRun.in(project, "init").exitCode()).isZero();
        Files.writeString(project.resolve(".gryt/pipelines/one.yaml"), "name: one\nsteps:\n  - name: s0\n    run: \"true\"\n");
    }

    @Test
    void theSecondCommandStartsNoGit() throws Exception {
        assertThat(run("audit", "verify")).isZero();
        List<String> first = Files.exists(log) ? Files.readAllLines(log) : List.of();
        assertThat(first).as("JGit asked the git on the PATH").anyMatch(l -> l.startsWith("config --system"));
        Path remembered = cache.resolve("gryt/git-system-config");
        assertThat(Files.readString(remembered)).startsWith(bin.resolve("git").toRealPath() + " ");
        Files.delete(log);

        assertThat(run("audit", "verify")).isZero();
        assertThat(log).as("no git started by the second command").doesNotExist();

        // another git (here: the same one, changed) is asked again
        Files.writeString(bin.resolve("git"), Files.readString(bin.resolve("git")) + "# changed\n");
        assertThat(run("audit", "verify")).isZero();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.startsWith("config --system"));
    }

    @Test
    void aRunOpensNoRepositoryAndStartsNoGit() throws Exception {
        assertThat(run("run", "one")).isZero();

        assertThat(log).as("who acts is read from git's configuration files: no git, nothing to remember").doesNotExist();
        assertThat(cache.resolve("gryt/git-system-config")).doesNotExist();
    }

    private int run(String... args) throws Exception {
        try (ChildJvm gryt = ChildJvm.of(Main.class)
                .env("PATH", bin + File.pathSeparator + System.getenv("PATH"))
                .env("XDG_CACHE_HOME", cache.toString())
                .env("GIT_CONFIG_NOSYSTEM", null)
                .args("-C", project.toString()).args(args).start()) {
            int code = gryt.waitFor(Duration.ofMinutes(2));
            assertThat(code).as(gryt.output()).isZero();
            return code;
        }
    }

    private static Path onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, program);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
