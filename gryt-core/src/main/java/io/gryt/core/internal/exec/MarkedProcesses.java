package io.gryt.core.internal.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the processes a run's steps started, wherever they went: every step process carries
 * {@code GRYT_RUN_ID=<run>} and {@code GRYT_STEP=<step>} in its environment, which its children inherit, even
 * those that leave its process group or session ({@code setsid}) or whose parent died. On Linux they are found
 * by reading {@code /proc/<pid>/environ} (as CI runners find what a job left behind); elsewhere nothing is
 * found and callers fall back to {@link ProcessHandle#descendants()}. A process that removed the variables
 * from its environment ({@code env -u}) is not found.
 *
 * <p>A process in the middle of {@code exec} shows an empty environment for a moment (the kernel has switched
 * it to its new memory but not yet copied the environment there). Such a process is read again, for up to
 * 200 ms ({@code EXEC_PATIENCE}), rather than taken for an unmarked one; a process whose environment stays empty (one
 * started with {@code env -i}) is not marked.
 *
 * <p>Stateless and thread-safe.
 */
final class MarkedProcesses {
    /** The variable that marks a step's processes with the step's name ({@code GRYT_RUN_ID} marks the run). */
    static final String STEP_VARIABLE = "GRYT_STEP";
    static final String RUN_VARIABLE = "GRYT_RUN_ID";
    private static final Path PROC = Path.of("/proc");
    /** How long a live process with an empty environment (mid-{@code exec}) is read again. */
    private static final Duration EXEC_PATIENCE = Duration.ofMillis(200);
    /** The kernel's flag for its own threads, in field 9 of {@code /proc/<pid>/stat}; they have no environment. */
    private static final long KERNEL_THREAD = 0x00200000L;

    /** A process carrying a run's mark. */
    record Marked(ProcessHandle process, String step) {
    }

    private MarkedProcesses() {
    }

    /** Whether {@code /proc} shows processes' environments here: asked once (every step's end asks). */
    private static final boolean SUPPORTED = Files.isReadable(PROC.resolve("self/environ"));

    /** True when marked processes can be found here (Linux's {@code /proc}). */
    static boolean supported() {
        return SUPPORTED;
    }

    /**
     * The live processes marked with run {@code runId} (and, when given, step {@code step}), except this JVM.
     * Empty where {@link #supported()} is false.
     */
    static List<Marked> of(String runId, Optional<String> step) {
        if (!supported()) return List.of();
        byte[] run = (RUN_VARIABLE + "=" + runId).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<Marked> found = new ArrayList<>();
        List<Path> unsure = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, MarkedProcesses::isPid)) {
            for (Path entry : entries) {
                if (Long.parseLong(entry.getFileName().toString()) == self) continue;
                byte[] environ = read(entry.resolve("environ"));
                if (environ == null) continue;
                if (environ.length == 0) {
                    if (mayBeInExec(entry)) unsure.add(entry);
                    continue;
                }
                addIfMarked(entry, environ, run, step, found);
            }
        } catch (IOException e) {
            return found;
        }
        long deadline = System.nanoTime() + EXEC_PATIENCE.toNanos();
        while (!unsure.isEmpty() && System.nanoTime() < deadline && pause()) {
            for (Iterator<Path> it = unsure.iterator(); it.hasNext(); ) {
                Path entry = it.next();
                byte[] environ = read(entry.resolve("environ"));
                if (environ != null && environ.length == 0 && mayBeInExec(entry)) continue;
                it.remove();
                if (environ != null) addIfMarked(entry, environ, run, step, found);
            }
        }
        return found;
    }

    private static void addIfMarked(Path entry, byte[] environ, byte[] run, Optional<String> step, List<Marked> found) {
        if (!contains(environ, run)) return;
        String stepName = value(environ, STEP_VARIABLE).orElse("");
        if (step.isPresent() && !step.get().equals(stepName)) return;
        long pid = Long.parseLong(entry.getFileName().toString());
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> found.add(new Marked(p, stepName)));
    }

    /**
     * True when the process at {@code entry}, whose environment read empty, is alive and not a kernel thread,
     * so that its environment may be missing only because it is in the middle of {@code exec}.
     */
    private static boolean mayBeInExec(Path entry) {
        try {
            String[] fields = ProcessTree.statFields(entry);
            char state = fields[0].charAt(0);
            long flags = Long.parseLong(fields[6]);
            return state != 'Z' && state != 'X' && (flags & KERNEL_THREAD) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sleeps a moment; false when interrupted (the interrupt is kept). */
    private static boolean pause() {
        try {
            Thread.sleep(2);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) return false;
        }
        return !name.isEmpty();
    }

    /** The process's environment, or {@code null} when it is gone or not readable (another user's). */
    private static byte[] read(Path environ) {
        try {
            return Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** True when {@code environ} (NUL-separated {@code NAME=value} entries) holds exactly {@code entry}. */
    private static boolean contains(byte[] environ, byte[] entry) {
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) end++;
            if (end - start == entry.length && regionEquals(environ, start, entry)) return true;
            start = end + 1;
        }
        return false;
    }

    private static boolean regionEquals(byte[] environ, int start, byte[] entry) {
        for (int i = 0; i < entry.length; i++) {
            if (environ[start + i] != entry[i]) return false;
        }
        return true;
    }

    private static Optional<String> value(byte[] environ, String name) {
        byte[] prefix = (name + "=").getBytes(StandardCharsets.UTF_8);
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) end++;
            if (end - start >= prefix.length && regionEquals(environ, start, prefix)) {
                return Optional.of(new String(environ, start + prefix.length, end - start - prefix.length,
                        StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        return Optional.empty();
    }
}
