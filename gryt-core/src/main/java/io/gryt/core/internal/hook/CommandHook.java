package io.gryt.core.internal.hook;

import io.gryt.api.event.GrytEvent;
import io.gryt.api.release.ChangeType;
import io.gryt.api.spi.Hook;
import io.gryt.core.internal.secret.SecretMask;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A hook that runs a command ({@code .gryt/hooks.yaml}, {@code hooks:} in a pipeline file) with the event as JSON on
 * stdin and as {@code GRYT_EVENT_*} variables, in the project directory. Exit code 0 lets things proceed; any other
 * vetoes, its last line of output (stdout and stderr together) being the reason. Interrupted (its timeout), it kills
 * its process tree. Run by {@link Hooks}, it gets the environment gryt was given ({@code Gryt.Builder.environment},
 * the one steps get), and its output is masked line by line with the run's secret values (a value split over its
 * last lines too); run on its own ({@link #on(GrytEvent)}), the JVM's.
 *
 * @param name    the hook's name
 * @param events  the event types it takes; every event when empty
 * @param command the argument vector ({@code sh -c <text>} for a command written as one string)
 * @param timeout its own timeout, if set
 * @param dir     the directory it runs in
 * @param changeTypes on {@code evolution.starting} and {@code promotion.starting}, it runs only when a change of one of
 *                these types is proven (promised); every change when empty
 */
public record CommandHook(String name, Set<String> events, List<String> command, Optional<Duration> timeout, Path dir,
                          Set<ChangeType> changeTypes) implements Hook {
    /** How many trailing output lines are kept for the reason. */
    private static final int KEPT_LINES = 20;

    public CommandHook {
        Objects.requireNonNull(name, "name");
        events = Set.copyOf(events);
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(dir, "dir");
        changeTypes = Set.copyOf(changeTypes);
    }

    /** A command hook for changes of every type. */
    public CommandHook(String name, Set<String> events, List<String> command, Optional<Duration> timeout, Path dir) {
        this(name, events, command, timeout, dir, Set.of());
    }

    /** False when this hook is limited to change types none of which is in {@code types}. */
    public boolean concerns(Set<ChangeType> types) {
        return changeTypes.isEmpty() || types.stream().anyMatch(changeTypes::contains);
    }

    /** Runs the command with the JVM's environment, its output not masked. */
    @Override
    public Verdict on(GrytEvent event) {
        return on(event, System.getenv(), SecretMask.NONE);
    }

    /**
     * Runs the command with {@code environment} (in place of the JVM's) and the event's variables; the reason of a
     * veto is its last line of output, {@code mask}ed together with the lines before it.
     */
    public Verdict on(GrytEvent event, Map<String, String> environment, SecretMask mask) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(EventJson.variables(event));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return Verdict.veto("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> read(process, tail), "gryt-hook-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(EventJson.json(event).getBytes(StandardCharsets.UTF_8));
                in.write('\n');
            } catch (IOException e) {
                // the command does not read its stdin: it still has the variables
            }
            int exit = process.waitFor();
            reader.join(Duration.ofSeconds(2).toMillis());
            if (exit == 0) return Verdict.proceed();
            List<String> lines;
            synchronized (tail) {
                lines = mask.applyLines(List.copyOf(tail));
            }
            return Verdict.veto(lines.isEmpty() ? "exited with code " + exit : lines.get(lines.size() - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static void read(Process process, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                synchronized (tail) {
                    tail.addLast(line.strip());
                    if (tail.size() > KEPT_LINES) tail.removeFirst();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the process was killed: what it printed so far is kept
        }
    }
}
