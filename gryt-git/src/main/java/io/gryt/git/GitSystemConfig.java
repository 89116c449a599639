package io.gryt.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.util.FS;

/**
 * Remembers where git keeps its system configuration, per git executable, so that JGit need not ask git again in
 * every process: the first time a process reads a repository's configuration, JGit starts {@code git --version} and
 * {@code git config --system --show-origin --list -z} to learn that location (about 40 ms of each gryt command that
 * opens the repository). With a cache directory set, the answer is kept in {@code git-system-config} there, keyed by
 * the git executable found on the {@code PATH} (its real path, size and modification time) and
 * {@code GIT_CONFIG_SYSTEM}; a new git, another one first on the {@code PATH} or another {@code GIT_CONFIG_SYSTEM}
 * asks git again.
 *
 * <p>For a program that owns its process, such as the {@code gryt} command line: the location is set on JGit's
 * process-wide {@link FS#DETECTED}, which every JGit user in the process shares. A library embedding gryt leaves it
 * unset, and JGit asks git as usual. Thread-safe.
 */
public final class GitSystemConfig {
    private static final String FILE = "git-system-config";
    private static final int MAX_ENTRIES = 8;
    private static volatile Path cacheDir;
    /** True once JGit was given the location, or there is nothing to remember (guarded by the class's lock). */
    private static boolean settled;

    private GitSystemConfig() {
    }

    /** Keeps the answers in {@code dir} (created when first written) from now on in this process. */
    public static void rememberIn(Path dir) {
        cacheDir = dir;
    }

    /**
     * Before a repository is opened: when remembering and the answer for this git is known, gives it to JGit.
     * Returns the key to {@linkplain #remember remember} the answer under once JGit found it, when it was not known.
     */
    static synchronized Optional<String> beforeOpen() {
        Path dir = cacheDir;
        if (dir == null || settled) return Optional.empty();
        Map<String, String> env = System.getenv();
        String noSystem = env.get("GIT_CONFIG_NOSYSTEM");
        if (noSystem != null && !noSystem.isEmpty()) return Optional.empty(); // JGit reads no system file then
        Optional<String> key = key(env);
        if (key.isEmpty()) {
            settled = true;
            return Optional.empty();
        }
        for (String line : read(dir.resolve(FILE))) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.substring(0, tab).equals(key.get())) {
                String location = line.substring(tab + 1);
                FS.DETECTED.setGitSystemConfig(location.isEmpty() ? null : new File(location));
                settled = true;
                return Optional.empty();
            }
        }
        return key;
    }

    /** After a repository was opened with the answer unknown: keeps what JGit learnt from git under {@code key}. */
    static synchronized void remember(String key) {
        Path dir = cacheDir;
        if (dir == null || settled) return;
        settled = true;
        File location = FS.DETECTED.getGitSystemConfig();
        List<String> lines = new ArrayList<>();
        lines.add(key + "\t" + (location == null ? "" : location.getPath()));
        for (String line : read(dir.resolve(FILE))) {
            if (lines.size() < MAX_ENTRIES && !line.startsWith(key + "\t")) lines.add(line);
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE, ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // a cache that cannot be written only means git is asked again next time
        }
    }

    /** The key of the git executable first on {@code PATH}; empty when there is none (JGit then finds none either). */
    static Optional<String> key(Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) return Optional.empty();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            Path git = Path.of(entry, "git");
            if (!Files.isRegularFile(git) || !Files.isExecutable(git)) continue;
            try {
                Path real = git.toRealPath();
                String system = env.getOrDefault("GIT_CONFIG_SYSTEM", "-");
                String key = real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis() + " " + system;
                return key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0 ? Optional.empty() : Optional.of(key);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
