package io.gryt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository made with the {@code git} command line, for tests.
 *
 * <pre>{@code
 * TempGitRepo repo = TempGitRepo.init(tempDir);     // branch main, a test user, one commit
 * repo.write("src/App.java", "class App {}");
 * String id = repo.commit("add app");
 * assertThat(repo.git("cat-file", "-t", "v1.0.0")).isEqualTo("tag");
 * }</pre>
 *
 * The commands run isolated from the machine's global and system git configuration and from {@code GIT_*}
 * variables of the test process, so tests behave the same everywhere.
 */
public final class TempGitRepo {
    /** The user name configured in every repository this class makes. */
    public static final String USER_NAME = "gryt test";
    /** The e-mail configured in every repository this class makes. */
    public static final String USER_EMAIL = "test@gryt.invalid";

    private final Path dir;

    private TempGitRepo(Path dir) {
        this.dir = dir;
    }

    /** A repository in {@code dir} (created if needed) on branch {@code main}, with one empty commit "initial". */
    public static TempGitRepo init(Path dir) {
        TempGitRepo repo = empty(dir);
        repo.commit("initial");
        return repo;
    }

    /** A repository in {@code dir} (created if needed) on branch {@code main}, without any commit. */
    public static TempGitRepo empty(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TempGitRepo repo = new TempGitRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", USER_NAME);
        repo.git("config", "user.email", USER_EMAIL);
        repo.git("config", "commit.gpgsign", "false");
        repo.git("config", "tag.gpgsign", "false");
        return repo;
    }

    /** An existing work tree (e.g. a clone or a linked worktree) to run commands in; nothing is changed. */
    public static TempGitRepo open(Path dir) {
        return new TempGitRepo(dir);
    }

    /** The work tree. */
    public Path dir() {
        return dir;
    }

    /** Writes {@code content} to {@code relPath} in the work tree (creating directories), not staged. */
    public Path write(String relPath, String content) {
        Path file = dir.resolve(relPath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Stages everything (as {@code git add -A}) and commits it, even when nothing changed. Returns the commit id. */
    public String commit(String message) {
        git("add", "-A");
        git("commit", "-q", "--allow-empty", "-m", message);
        return head();
    }

    /** The full id of HEAD's commit. */
    public String head() {
        return git("rev-parse", "HEAD");
    }

    /** Creates branch {@code name} at HEAD without switching to it. */
    public void branch(String name) {
        git("branch", name);
    }

    /** Switches the work tree to {@code revision} (a branch, tag or commit). */
    public void checkout(String revision) {
        git("checkout", "-q", revision);
    }

    /**
     * Runs {@code git <args>} in the work tree and returns its standard output without the final newline.
     *
     * @throws IllegalStateException with git's standard error when it exits with a non-zero code
     */
    public String git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " did not finish in 60s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed with exit code "
                        + process.exitValue() + " in " + dir + ": " + stderr.join().strip());
            }
            return stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
