package io.gryt.testing;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * One application class-data-sharing (AppCDS) archive of the test's class path for the child JVMs that ask for it
 * ({@link ChildJvm.Builder#sharingClasses()}): the first such child that ends by itself (not killed) records the
 * classes it loaded ({@code -XX:DumpLoadedClassList}), a static archive of them is dumped at once
 * ({@code -Xshare:dump}), and every later child maps it instead of loading, parsing and verifying those classes
 * again: about a quarter less CPU time for a short {@code gryt} command. Made once per test JVM in a temporary
 * directory, removed when the test JVM exits.
 *
 * <p>CDS archives only classes from JAR files, so the class path's directories ({@code target/classes}) are
 * packed into JARs first and the children get that class path. A static archive is used rather than a dynamic one
 * ({@code -XX:ArchiveClassesAtExit}), which crashed JDK 17 while dumping lambda proxies of this class path. When
 * anything fails the children run without an archive, as before, and the reason is printed once.
 */
final class SharedClasses {
    private static SharedClasses instance;

    private enum State { UNTRAINED, TRAINING, DUMPING, READY, FAILED }

    private final Path dir;
    private final String classPath;
    private final Path classList;
    private final Path archive;
    private State state = State.UNTRAINED;

    private SharedClasses(Path dir, String classPath) {
        this.dir = dir;
        this.classPath = classPath;
        this.classList = dir.resolve("classes.lst");
        this.archive = dir.resolve("classes.jsa");
    }

    /** The archive for this test JVM's class path, made on first use; empty when its JARs cannot be made. */
    static synchronized SharedClasses forThisJvm() {
        if (instance == null) instance = create(System.getProperty("java.class.path"));
        return instance;
    }

    /** The class path the children get: the test's, each directory replaced by a JAR of it. */
    String classPath() {
        return classPath;
    }

    /**
     * The JVM options for a child about to start: the archive once it is made; while none is, the first child
     * records its classes ({@code training} is then true and {@link #trainedBy} must follow its start).
     */
    synchronized Options options() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            // the dump starts as the training child ends and takes a few seconds: worth waiting for
            while (state == State.DUMPING && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return switch (state) {
            case READY -> new Options(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), false);
            case UNTRAINED -> {
                state = State.TRAINING;
                yield new Options(List.of("-XX:DumpLoadedClassList=" + classList), true);
            }
            case TRAINING, DUMPING, FAILED -> new Options(List.of(), false);
        };
    }

    /** Options for one child, and whether it is the one recording the classes. */
    record Options(List<String> jvmOptions, boolean training) {
    }

    /**
     * Dumps the archive once the training child {@code process} has ended by itself, in the background; when it
     * was killed (its list may be cut short) the next child records again. A child that failed to start is given
     * as null.
     */
    void trainedBy(Process process) {
        if (process == null) {
            untrain();
            return;
        }
        Thread dumper = new Thread(() -> {
            try {
                int code = process.waitFor();
                if (code == 137 || code == 143 || !Files.exists(classList) || Files.size(classList) == 0) {
                    untrain();
                    return;
                }
                synchronized (this) {
                    state = State.DUMPING;
                }
                dump();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                untrain();
            } catch (IOException | RuntimeException e) {
                fail("cannot dump a class-data-sharing archive for child JVMs: " + e);
            }
        }, "child-jvm-cds-dump");
        dumper.setDaemon(true);
        dumper.start();
    }

    private synchronized void untrain() {
        if (state == State.TRAINING || state == State.DUMPING) state = State.UNTRAINED;
        notifyAll();
    }

    private void dump() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the list's lambda-proxy and lambda-form lines (@...) made JDK 17 abort while dumping: classes only
        Path classesOnly = dir.resolve("classes-only.lst");
        try (Stream<String> lines = Files.lines(classList)) {
            Files.write(classesOnly, lines.filter(line -> !line.startsWith("@")).toList());
        }
        Process p = new ProcessBuilder(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classesOnly,
                "-XX:SharedArchiveFile=" + archive, "-cp", classPath)
                .redirectErrorStream(true).redirectOutput(dir.resolve("dump.log").toFile()).start();
        int code = p.waitFor();
        if (code != 0 || !Files.exists(archive)) {
            fail("cannot dump a class-data-sharing archive for child JVMs (exit " + code + "): "
                    + String.join(" | ", Files.readAllLines(dir.resolve("dump.log")).stream().limit(20).toList()));
            return;
        }
        synchronized (this) {
            state = State.READY;
            notifyAll();
        }
    }

    private synchronized void fail(String why) {
        state = State.FAILED;
        notifyAll();
        System.err.println("ChildJvm: " + why + "; child JVMs start without it");
    }

    private static SharedClasses create(String testClassPath) {
        try {
            Path dir = Files.createTempDirectory("gryt-child-jvm-cds");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : testClassPath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (!Files.isDirectory(path)) {
                    entries.add(entry);
                    continue;
                }
                if (isEmpty(path)) continue; // nothing to load from it (and CDS refuses a non-empty directory)
                Path jar = dir.resolve(n++ + "-" + path.getFileName() + ".jar");
                pack(path, jar);
                entries.add(jar.toString());
            }
            return new SharedClasses(dir, String.join(File.pathSeparator, entries));
        } catch (IOException | RuntimeException e) {
            System.err.println("ChildJvm: cannot pack the class path into JARs for class-data sharing (" + e
                    + "); child JVMs start without it");
            SharedClasses none = new SharedClasses(Path.of(""), testClassPath);
            none.state = State.FAILED;
            return none;
        }
    }

    private static void pack(Path directory, Path jar) {
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
        StringWriter errors = new StringWriter();
        int code = tool.run(new PrintWriter(errors), new PrintWriter(errors), "--create", "--no-manifest",
                "--file", jar.toString(), "-C", directory.toString(), ".");
        if (code != 0) throw new IllegalStateException("jar of " + directory + " failed: " + errors);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: left for the OS to clean
        }
    }
}
