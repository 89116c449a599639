package io.gryt.core.internal.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kills whole process trees: a process, its process group when it leads one (step processes of gryt before
 * 0.2 did), and its descendants ({@link ProcessHandle#descendants()}); and every process a run's steps started,
 * found by the mark in their environment ({@link #killRun}), even those whose parent already died.
 *
 * <p>Stateless and thread-safe. Never kills the JVM's own process or process group.
 */
public final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Duration KILL_COMMAND_LIMIT = Duration.ofSeconds(5);
    /** How far a process's start may lie from the instant given to {@link #isAlive} (clock tick rounding). */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private ProcessTree() {
    }

    /**
     * Kills with {@code SIGKILL} the process {@code pid}, its process group (when it leads one, or when it is
     * gone and left the group behind) and all its descendants. Best effort: never throws.
     */
    public static void kill(long pid) {
        if (pid <= 0 || pid == ProcessHandle.current().pid()) return;
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        Set<ProcessHandle> descendants = new LinkedHashSet<>();
        process.ifPresent(p -> p.descendants().forEach(descendants::add));
        OptionalLong group = processGroup(pid);
        if (group.isEmpty() || group.getAsLong() == pid) killGroup(pid);
        // children forked between the snapshot and the group kill, outside the group
        for (ProcessHandle d : List.copyOf(descendants)) d.descendants().forEach(descendants::add);
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills with {@code SIGKILL} every process carrying run {@code runId}'s mark (see {@code MarkedProcesses}) and
     * their descendants; returns how many carried it. Linux only (elsewhere it finds none). Never throws.
     */
    public static int killRun(String runId) {
        List<MarkedProcesses.Marked> marked = MarkedProcesses.of(runId, Optional.empty());
        for (MarkedProcesses.Marked m : marked) {
            m.process().descendants().forEach(ProcessHandle::destroyForcibly);
            m.process().destroyForcibly();
        }
        return marked.size();
    }

    /**
     * True when process {@code pid} is running and, if {@code startedAt} is given, started within two seconds
     * of it (so that a reused pid does not count).
     */
    public static boolean isAlive(long pid, Instant startedAt) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) return false;
        if (startedAt == null) return true;
        Optional<Instant> start = process.get().info().startInstant();
        return start.isEmpty() || Duration.between(start.get(), startedAt).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** Sends {@code SIGKILL} to every process of group {@code pgid}, unless it is the JVM's own group. */
    static void killGroup(long pgid) {
        if (pgid <= 1) return;
        OptionalLong own = processGroup(ProcessHandle.current().pid());
        if (own.isPresent() && own.getAsLong() == pgid) return;
        List<String> command = new ArrayList<>(List.of(killProgram(), "-KILL", "--", "-" + pgid));
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.getOutputStream().close();
            if (!kill.waitFor(KILL_COMMAND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) kill.destroyForcibly();
        } catch (IOException e) {
            LOG.debug("cannot kill process group {}: {}", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process group of {@code pid}, or empty when the process is gone or the group cannot be read. */
    static OptionalLong processGroup(long pid) {
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                return OptionalLong.of(Long.parseLong(statFields(Path.of("/proc", Long.toString(pid)))[2]));
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
        return processGroupFromPs(pid);
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name, for the process directory {@code proc}: state
     * is {@code [0]}, the parent {@code [1]}, the process group {@code [2]}, the kernel's flags {@code [6]}.
     */
    static String[] statFields(Path proc) throws IOException {
        // pid (comm) state ppid pgrp session tty_nr tpgid flags ...; comm may contain spaces and parentheses
        String text = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
        return text.substring(text.lastIndexOf(')') + 2).split(" ");
    }

    private static OptionalLong processGroupFromPs(long pid) {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "pgid=", "-p", Long.toString(pid))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ps.getOutputStream().close();
            String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!ps.waitFor(KILL_COMMAND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) ps.destroyForcibly();
            return out.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(out));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private static String killProgram() {
        for (String candidate : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return "kill";
    }
}
