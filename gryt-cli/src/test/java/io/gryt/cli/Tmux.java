package io.gryt.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real tmux server of its own (its own socket, no user configuration) with one 80x24 pane running a shell: the
 * test types into it and reads the screen as a person would see it.
 */
final class Tmux implements AutoCloseable {
    static final String NOT_INSTALLED = "tmux not installed: apt-get install tmux (CI installs it); the dashboard's"
            + " terminal tests are skipped";

    private final Path executable;
    private final String socket = "gryt-test-" + UUID.randomUUID();

    private Tmux(Path executable) {
        this.executable = executable;
    }

    /** tmux on the PATH, if installed. */
    static Optional<Path> find() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "tmux"))) return Optional.of(Path.of(d, "tmux"));
        }
        return Optional.empty();
    }

    /** Starts a shell in {@code dir} in a detached {@code columns}x{@code rows} session, with {@code env} set. */
    static Tmux start(Path executable, Path dir, int columns, int rows, String... env) {
        Tmux t = new Tmux(executable);
        List<String> command = new ArrayList<>(List.of("new-session", "-d", "-s", "main", "-x", Integer.toString(columns),
                "-y", Integer.toString(rows), "-c", dir.toString()));
        for (String e : env) command.addAll(List.of("-e", e));
        command.add("env PS1='$ ' bash --norc --noprofile");
        t.tmux(command.toArray(String[]::new));
        return t;
    }

    /** Types {@code text} and Enter. */
    void type(String text) {
        tmux("send-keys", "-t", "main", "-l", text);
        tmux("send-keys", "-t", "main", "Enter");
    }

    /** Sends keys by tmux name ({@code Enter}, {@code Escape}, {@code Down}, {@code C-c}) or as literal characters. */
    void keys(String... keys) {
        List<String> command = new ArrayList<>(List.of("send-keys", "-t", "main"));
        command.addAll(List.of(keys));
        tmux(command.toArray(String[]::new));
    }

    /** The visible screen as text. */
    String screen() {
        return tmux("capture-pane", "-p", "-t", "main");
    }

    /** The visible screen with its escape sequences (colours, attributes). */
    String screenWithEscapes() {
        return tmux("capture-pane", "-p", "-e", "-t", "main");
    }

    /** A pane format value, e.g. {@code #{alternate_on}}. */
    String display(String format) {
        return tmux("display-message", "-p", "-t", "main", format).strip();
    }

    /** Resizes the window. */
    void resize(int columns, int rows) {
        tmux("resize-window", "-t", "main", "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** Waits until the screen satisfies {@code condition}, and returns it; fails with the last screen otherwise. */
    String await(String what, Predicate<String> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String screen = screen();
        while (!condition.test(screen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the screen did not show " + what + " within " + timeout + "; it shows:\n" + screen);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            screen = screen();
        }
        return screen;
    }

    /** Waits until the screen contains every one of {@code texts}. */
    String awaitText(Duration timeout, String... texts) {
        return await(String.join(", ", texts), s -> {
            for (String t : texts) if (!s.contains(t)) return false;
            return true;
        }, timeout);
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("tmux hangs: " + command);
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new AssertionError("tmux failed (" + p.exitValue() + "): " + command + "\n" + text);
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder(executable.toString(), "-L", socket, "kill-server").redirectErrorStream(true).start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
