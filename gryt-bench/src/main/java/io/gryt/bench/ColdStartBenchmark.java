package io.gryt.bench;

import io.gryt.api.Pipeline;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.gryt.api.Step.step;

/**
 * Cold start of the {@code gryt} command: {@code gryt evolution list} on a project with hundreds of evolutions,
 * against {@code java -version} measured in the same run (the floor of any JVM program), as a ratio.
 *
 * <p>Arguments: {@code jar=gryt-cli/target/gryt.jar evolutions=300 repetitions=15 warmup=2}, plus
 * {@code opts="..."} to try extra JVM options on the plain {@code java -jar} rows. The last row goes through the
 * {@code ./gryt} launcher, with the start-up options it applies (a class-data-sharing archive, and the quick
 * compiler for commands that run no pipeline): what a user gets. {@code before-launcher=<script>} adds the same
 * launcher rows for another copy of the start script (an earlier version, with its own state directory), measured
 * in the same run.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path jar = Path.of(a.getOrDefault("jar", "gryt-cli/target/gryt.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) jar = Path.of("..").resolve(a.getOrDefault("jar", "gryt-cli/target/gryt.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println("no " + jar + ": build it first (./gryt --version)");
            System.exit(2);
        }
        int evolutions = Integer.parseInt(a.getOrDefault("evolutions", "300"));
        int reps = Integer.parseInt(a.getOrDefault("repetitions", "15"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "2"));
        List<String> opts = a.containsKey("opts") ? List.of(a.get("opts").split(" +")) : List.of();
        Optional<Path> before = Optional.ofNullable(a.get("before-launcher")).map(p -> Path.of(p).toAbsolutePath());

        Path project = Files.createTempDirectory("gryt-coldstart-");
        Path beforeState = Files.createTempDirectory("gryt-coldstart-before-");
        try {
            measure(project, evolutions, jar, opts, warmup, reps, before, beforeState);
        } finally {
            deleteTree(project);
            deleteTree(beforeState);
        }
    }

    private static void measure(Path project, int evolutions, Path jar, List<String> opts, int warmup, int reps,
            Optional<Path> before, Path beforeState) throws Exception {
        seed(project, evolutions);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<String> baseline = List.of(java, "-version");
        List<String> list = new ArrayList<>(List.of(java));
        list.addAll(opts);
        list.addAll(List.of("-jar", jar.toString(), "-C", project.toString(), "evolution", "list", "v1.0.0"));
        List<String> version = new ArrayList<>(List.of(java));
        version.addAll(opts);
        version.addAll(List.of("-jar", jar.toString(), "--version"));

        // the distribution's start script (what an installed gryt runs), on this jar, keeping its state beside it
        Path launcher = launcherOf(jar);

        Timing<Integer> base = Timing.of(warmup, reps, () -> exec(baseline, Map.of()));
        Timing<Integer> v = Timing.of(warmup, reps, () -> exec(version, Map.of()));
        Timing<Integer> l = Timing.of(warmup, reps, () -> exec(list, Map.of()));
        System.out.printf(Locale.ROOT, "cold start, %d evolutions, median of %d runs (JVM options: %s)%n", evolutions, reps,
                opts.isEmpty() ? "none" : String.join(" ", opts));
        System.out.printf(Locale.ROOT, "%-52s %10s %8s%n", "command", "median", "ratio");
        row("java -version (baseline, Java " + Runtime.version().feature() + ")", base, base);
        Optional<Path> newer = newerJdk();
        if (newer.isPresent()) {
            row(newer.get() + " -version", Timing.of(warmup, reps, () -> exec(List.of(newer.get().toString(), "-version"), Map.of())), base);
        }
        row("java -jar gryt.jar --version", v, base);
        row("java -jar gryt.jar evolution list", l, base);
        if (!Files.isExecutable(launcher)) return;
        launcherRows("bin/gryt", launcher, jar.getParent(), jar, java, project, newer, base, warmup, reps);
        if (before.isPresent()) launcherRows("bin/gryt (before)", before.get(), beforeState, jar, java, project, newer, base, warmup, reps);
    }

    /**
     * The rows of start script {@code launcher} keeping its state in {@code state}: on this JDK with its
     * class-data-sharing archive, then on the newer JDK (when there is one) with its ahead-of-time cache.
     */
    private static void launcherRows(String label, Path launcher, Path state, Path jar, String java, Path project,
            Optional<Path> newer, Timing<Integer> base, int warmup, int reps) throws Exception {
        Map<String, String> dist = Map.of("GRYT_LAUNCHER_JAR", jar.toString(), "GRYT_LAUNCHER_STATE", state.toString());
        List<List<String>> commands = List.of(List.of("--version"), List.of("evolution", "list", "v1.0.0"), List.of("status"));
        // on this JDK with its class-data-sharing archive (GRYT_AOT=0: no newer JDK looked for)
        Map<String, String> cds = new TreeMap<>(dist);
        cds.put("GRYT_AOT", "0");
        cds.put("GRYT_JAVA", java);
        Rows rows = new Rows(launcher, project, commands, base, warmup, reps);
        rows.measure(label, "Java " + Runtime.version().feature() + ", CDS", "class-data-sharing archive",
                state.resolve("gryt.jsa"), cds);
        if (newer.isEmpty()) return;
        // the newer JDK with its ahead-of-time cache
        Map<String, String> aot = new TreeMap<>(dist);
        aot.put("GRYT_JAVA", newer.get().toString());
        rows.measure(label, "Java " + feature(newer.get()) + ", AOT cache", "ahead-of-time cache", state.resolve("gryt.aot"), aot);
    }

    /** The launcher's rows of {@code commands} in {@code project}, against {@code base}. */
    private record Rows(Path launcher, Path project, List<List<String>> commands, Timing<Integer> base, int warmup, int reps) {
        /**
         * Runs a first command with {@code env}, which makes {@code made} (the archive or the cache) in the background,
         * waits for it, then measures each command; rows are labelled {@code label command (how)}.
         */
        void measure(String label, String how, String what, Path made, Map<String, String> env) throws Exception {
            exec(launcherLine(launcher, project, commands.get(1)), env);
            awaitTraining(made);
            System.out.println(Files.isRegularFile(made) ? "(" + what + " " + made + ": " + (Files.size(made) >> 20) + " MiB)"
                    : "(no " + what + " made within 2 minutes: the rows below ran without it)");
            for (List<String> command : commands) {
                List<String> line = launcherLine(launcher, project, command);
                row(label + " " + String.join(" ", command) + " (" + how + ")", Timing.of(warmup, reps, () -> exec(line, env)), base);
            }
        }
    }

    /** The distribution's start script in the checkout that built {@code jar} ({@code gryt-cli/target/gryt.jar}). */
    static Path launcherOf(Path jar) {
        return jar.getParent().getParent().resolve("src/main/dist/bin/gryt");
    }

    /**
     * Waits up to 2 minutes for {@code made}, which the launcher makes in the background, and for its training to end
     * (its lock directory, {@code <made>.lock}, gone).
     */
    static void awaitTraining(Path made) throws InterruptedException {
        Path lock = made.resolveSibling(made.getFileName() + ".lock");
        for (int i = 0; i < 240 && (!Files.isRegularFile(made) || Files.exists(lock)); i++) Thread.sleep(500);
    }

    /** The launcher running a command in the project; a lone {@code --version} as the java -jar row runs it (no -C). */
    static List<String> launcherLine(Path launcher, Path project, List<String> command) {
        List<String> line = new ArrayList<>(List.of(launcher.toString()));
        if (!command.equals(List.of("--version"))) line.addAll(List.of("-C", project.toString()));
        line.addAll(command);
        return line;
    }

    /** A JDK 25 or newer under /usr/lib/jvm, as the launcher looks for one. */
    static Optional<Path> newerJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (var dirs = Files.list(jvms)) {
            return dirs.sorted().map(d -> d.resolve("bin/java")).filter(Files::isExecutable).filter(j -> feature(j) >= 25)
                    .findFirst();
        }
    }

    /** The feature version in the JDK's release file, 0 when unknown. */
    static int feature(Path java) {
        try {
            Path release = java.toRealPath().getParent().getParent().resolve("release");
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(v.split("[.\"_]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void row(String name, Timing<?> t, Timing<?> base) {
        System.out.printf(Locale.ROOT, "%-52s %10s %7.1fx%n", name, Timing.millis(t.median()),
                t.median().toNanos() / (double) base.median().toNanos());
    }

    private static int exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (p.exitValue() != 0) throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
        return p.exitValue();
    }

    /** A git repository with a gryt project and {@code n} passing evolutions of v1.0.0 (through the real API). */
    static void seed(Path dir, int n) throws Exception {
        git(dir, "init", "-q", "-b", "main");
        git(dir, "config", "user.name", "bench");
        git(dir, "config", "user.email", "bench@localhost");
        ProjectInit.init(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            gryt.generations().create("v1.0.0", "cold start benchmark",
                    List.of(new io.gryt.api.release.Change("F-1", io.gryt.api.release.ChangeType.ADD, "Login", null)), "ci");
        }
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "contract");
        Pipeline quick = Pipeline.of(step("check").action(ctx -> ctx.metric("ok", 1)));
        try (Gryt gryt = Gryt.open(dir)) {
            for (int i = 0; i < n; i++) gryt.evolve("v1.0.0").proving("F-1").with(quick).start();
        }
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IllegalStateException("git " + String.join(" ", args) + " failed");
    }
}
