package io.gryt.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Java main class running in a child JVM with the test's class path, for crash and concurrency tests.
 * Standard output and standard error are captured line by line.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.of(RunPipelineMain.class).jvmOptions("-Xmx64m").args(dir.toString()).start()) {
 *     child.awaitLine(line -> line.startsWith("started"), Duration.ofSeconds(30));
 *     child.killHard();                       // SIGKILL, as a crash: the child's own children live on
 *     assertThat(child.exitCode()).isNotZero();
 * }
 * }</pre>
 *
 * {@link #close()} kills the child and its descendants if they are still running.
 */
public final class ChildJvm implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final Output stdout;
    private final Output stderr;

    private ChildJvm(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdout = new Output(process.getInputStream(), "stdout of child JVM " + process.pid());
        this.stderr = new Output(process.getErrorStream(), "stderr of child JVM " + process.pid());
    }

    /** Starts describing a child JVM that runs {@code mainClass}. */
    public static Builder of(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    /** Starts describing a child JVM that runs the main class named {@code mainClass}. */
    public static Builder of(String mainClass) {
        return new Builder(mainClass);
    }

    /** Starts {@code mainClass} with {@code args} and no extra JVM options. */
    public static ChildJvm start(Class<?> mainClass, String... args) {
        return of(mainClass).args(args).start();
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The child's process. */
    public Process process() {
        return process;
    }

    /** True while the child runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The lines the child printed on standard output so far. */
    public List<String> lines() {
        return stdout.lines();
    }

    /** The lines the child printed on standard error so far. */
    public List<String> errorLines() {
        return stderr.lines();
    }

    /**
     * The first line of standard output (from the start) that matches, waiting for it up to {@code timeout}.
     *
     * @throws AssertionError with everything the child printed when no such line came in time or the child
     *                        exited without printing it
     */
    public String awaitLine(Predicate<String> matches, Duration timeout) {
        String line = stdout.await(matches, timeout);
        if (line != null) return line;
        if (stdout.ended()) {
            try {
                // the output ends just before the process does
                if (process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("child exited with code " + process.exitValue()
                            + " without a matching line" + report());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("child closed its standard output without a matching line" + report());
        }
        throw new AssertionError("no matching line within " + timeout + report());
    }

    /**
     * Waits for the child to exit and for its output to be read, and returns its exit code.
     *
     * @throws AssertionError when it is still running after {@code timeout}
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child JVM still running after " + timeout + report());
            }
            // the pipes close when the child exits, unless a process it started inherited them
            stdout.awaitEnd(Duration.ofSeconds(2));
            stderr.awaitEnd(Duration.ofSeconds(2));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM", e);
        }
    }

    /**
     * Kills the child JVM at once (SIGKILL, like a crash: no shutdown hooks, no finally blocks) and waits for it
     * to be gone. Processes the child started are not killed.
     */
    public void killHard() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /**
     * The exit code.
     *
     * @throws IllegalStateException while the child runs
     */
    public int exitCode() {
        if (process.isAlive()) throw new IllegalStateException("child JVM " + pid() + " is still running");
        return process.exitValue();
    }

    /** Kills the child and its descendants if they still run. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command, and everything the child printed so far, for assertion messages. */
    public String output() {
        return report().strip();
    }

    private String report() {
        return "\ncommand: " + String.join(" ", command)
                + "\nstdout:\n  " + String.join("\n  ", stdout.lines())
                + "\nstderr:\n  " + String.join("\n  ", stderr.lines());
    }

    /**
     * Options every child gets before the test's own: children are short-lived, so the client compiler only, the
     * serial collector and no performance-data file (as the {@code gryt} launcher starts quick commands): about a
     * third less CPU time each. A test that needs otherwise gives its own (the last option wins), e.g.
     * {@code -XX:TieredStopAtLevel=4}.
     */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    /** Describes a child JVM; {@link #start()} launches it. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path directory;
        private boolean sharingClasses;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /** JVM options such as {@code -Xmx64m} or {@code -Dkey=value}. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        /** Arguments for the main method. */
        public Builder args(String... more) {
            args.addAll(Arrays.asList(more));
            return this;
        }

        /** An environment variable for the child (on top of the test process's); a null value removes it. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** The child's working directory (the test's by default). */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /**
         * Shares one class-data archive of the test's class path with the other children that ask for it (made
         * from the classes the first of them loaded; see {@code SharedClasses}): for tests that start dozens of
         * children, each of which then spends about a quarter less CPU time starting.
         */
        public Builder sharingClasses() {
            this.sharingClasses = true;
            return this;
        }

        /** Launches the child JVM. */
        public ChildJvm start() {
            SharedClasses shared = sharingClasses ? SharedClasses.forThisJvm() : null;
            SharedClasses.Options sharing = shared == null ? null : shared.options();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(QUICK_START);
            if (sharing != null) command.addAll(sharing.jvmOptions());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(shared == null ? System.getProperty("java.class.path") : shared.classPath());
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            env.forEach((key, value) -> {
                if (value == null) builder.environment().remove(key);
                else builder.environment().put(key, value);
            });
            if (directory != null) builder.directory(directory.toFile());
            Process process = null;
            try {
                process = builder.start();
                process.getOutputStream().close();
                return new ChildJvm(command, process);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a child JVM for " + mainClass, e);
            } finally {
                if (sharing != null && sharing.training()) shared.trainedBy(process);
            }
        }
    }

    /** One captured stream, read by its own daemon thread. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        Output(InputStream in, String name) {
            reader = new Thread(() -> read(in), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process dies; what was read is kept
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized boolean ended() {
            return ended;
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        /** The first matching line, or null when none came before the timeout or the end of the stream. */
        synchronized String await(Predicate<String> matches, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int checked = 0;
            try {
                while (true) {
                    for (; checked < lines.size(); checked++) {
                        if (matches.test(lines.get(checked))) return lines.get(checked);
                    }
                    long left = deadline - System.nanoTime();
                    if (ended || left <= 0) return null;
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void awaitEnd(Duration timeout) throws InterruptedException {
            reader.join(timeout.toMillis());
        }
    }
}
