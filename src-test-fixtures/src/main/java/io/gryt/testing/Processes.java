package io.gryt.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Watching OS processes from tests: pids that steps write to files, and whether those processes still run. */
public final class Processes {
    private Processes() {
    }

    /** Waits up to {@code timeout} for {@code file} to hold a pid (as a step writes {@code echo $$ > file}). */
    public static long awaitPid(Path file, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(file)) {
                    String s = Files.readString(file).strip();
                    if (!s.isEmpty()) return Long.parseLong(s);
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no pid in " + file + " within " + timeout);
    }

    /**
     * True when process {@code pid} exists and is not a zombie (a zombie has exited; only its parent has not
     * collected it yet). Reads {@code /proc}, so Linux only.
     */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to {@code timeout} for process {@code pid} to stop running; true when it did. */
    public static boolean awaitGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!isRunning(pid)) return true;
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !isRunning(pid);
    }
}
