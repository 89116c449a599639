package io.gryt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What running pipelines costs, through the {@code gryt} command as a user runs it, each figure against a
 * baseline measured in the same run (medians of several repetitions): trivial recorded steps against a shell
 * loop and {@code xargs -P}, sleeping steps at 1, 2, 4 and 8 runners (throughput must grow with runners), the
 * makespan of a generated graph of sleeping steps against max(critical path, work / runners), and a step that
 * prints a lot against the same command redirected to a file (throughput and the gryt process's peak RSS).
 *
 * <p>Only the JDK is needed on its class path: gryt runs as a child process ({@code java -jar gryt.jar}). Arguments
 * (all optional): {@code jar=gryt-cli/target/gryt.jar before=<an older gryt.jar, measured in the same run>
 * opts="<JVM options for gryt>" try-opts="<JVM options measured as one more row>" launcher (one more row: the
 * distribution's start script bin/gryt on this JDK, as an installed gryt runs) steps=200 sleeps=48 sleep=0.2 dag=150 output-mib=1024 repetitions=3
 * only=trivial,sleep,dag,output seed=42}; {@code quick} divides the sizes by four.
 */
public final class RunBenchmark {
    private static final Pattern DURATION = Pattern.compile("\"duration_ms\"\\s*:\\s*(\\d+)");

    private final Map<String, List<String>> variants = new LinkedHashMap<>();
    private final int repetitions;
    private final Path project;
    /** The gryt project of each variant's command, inside {@link #project}. */
    private final Map<List<String>, Path> projects = new LinkedHashMap<>();
    private final MarkdownReport report = new MarkdownReport();

    private RunBenchmark(Map<String, List<String>> variants, int repetitions, Path project) {
        this.variants.putAll(variants);
        this.repetitions = repetitions;
        this.project = project;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) a.put(arg.substring(0, eq), arg.substring(eq + 1));
            else a.put(arg, "true");
        }
        int divide = a.containsKey("quick") ? 4 : 1;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> opts = a.containsKey("opts") ? List.of(a.get("opts").trim().split(" +")) : List.of();
        Map<String, List<String>> variants = new LinkedHashMap<>();
        if (a.containsKey("before")) variants.put("gryt before", command(java, List.of(), jar(a.get("before"))));
        Path current = jar(a.getOrDefault("jar", "gryt-cli/target/gryt.jar"));
        variants.put(a.containsKey("before") ? "gryt after" : "gryt", command(java, opts, current));
        if (a.containsKey("try-opts")) {
            String tried = a.get("try-opts").trim();
            variants.put("gryt with `" + tried + "`", command(java, List.of(tried.split(" +")), current));
        }
        Path launcherState = null;
        if (a.containsKey("launcher")) {
            // the distribution's start script, as an installed gryt runs, on this JDK with its class-data archive
            Path launcher = ColdStartBenchmark.launcherOf(current);
            launcherState = Files.createTempDirectory("gryt-runbench-launcher-");
            List<String> viaLauncher = List.of("env", "GRYT_LAUNCHER_JAR=" + current, "GRYT_LAUNCHER_STATE=" + launcherState,
                    "GRYT_JAVA=" + java, "GRYT_AOT=0", launcher.toString());
            variants.put("gryt via bin/gryt (Java " + Runtime.version().feature() + ", CDS)", viaLauncher);
            // its first command makes the archive in the background: measured once it is there
            List<String> first = new ArrayList<>(viaLauncher);
            first.add("--help");
            new ProcessBuilder(first).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            ColdStartBenchmark.awaitTraining(launcherState.resolve("gryt.jsa"));
        }
        int reps = Integer.parseInt(a.getOrDefault("repetitions", "3"));
        List<String> only = List.of(a.getOrDefault("only", "trivial,sleep,dag,output").split(","));

        Path project = Files.createTempDirectory("gryt-runbench-");
        try {
            RunBenchmark bench = new RunBenchmark(variants, reps, project);
            bench.setUp();
            bench.report.line("machine: %d cores, %s %s, Java %s; load average at start %.1f; %s; medians of %d runs",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                    System.getProperty("java.version"), loadAverage(), LocalDate.now(), reps);
            if (only.contains("trivial")) bench.trivial(Integer.parseInt(a.getOrDefault("steps", "200")) / divide);
            if (only.contains("sleep")) {
                bench.sleeping(Integer.parseInt(a.getOrDefault("sleeps", "48")) / divide, Double.parseDouble(a.getOrDefault("sleep", "0.2")));
            }
            if (only.contains("dag")) {
                bench.dag(Integer.parseInt(a.getOrDefault("dag", "150")) / divide, Long.parseLong(a.getOrDefault("seed", "42")));
            }
            if (only.contains("output")) bench.output(Long.parseLong(a.getOrDefault("output-mib", "1024")) / divide);
            System.out.print(bench.report);
        } finally {
            deleteTree(project);
            if (launcherState != null) deleteTree(launcherState);
        }
    }

    private static Path jar(String name) {
        Path jar = Path.of(name).toAbsolutePath();
        if (!Files.isRegularFile(jar)) jar = Path.of("..").resolve(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            System.err.println("no " + name + ": build it first (./gryt --version)");
            System.exit(2);
        }
        return jar;
    }

    private static List<String> command(String java, List<String> opts, Path jar) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(opts);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * One gryt project per variant, each made by its own build (an older build may not open a newer one's database),
     * in one git repository.
     */
    private void setUp() throws Exception {
        exec(List.of("git", "init", "-q", "-b", "main"), null);
        int n = 0;
        for (List<String> variant : variants.values()) {
            Path dir = Files.createDirectories(project.resolve("gryt-" + ++n));
            List<String> init = new ArrayList<>(variant);
            init.addAll(List.of("-C", dir.toString(), "init"));
            exec(init, null);
            projects.put(variant, dir);
        }
    }

    // ---- trivial recorded steps ----

    private void trivial(int n) throws Exception {
        pipeline("trivial", n, i -> "    run: [\"/bin/true\"]\n");
        report.section("%d trivial recorded steps (`/bin/true`), whole-process times; CPU = user + sys of the process and its children", n);
        report.table("runners", "what", "median", "ratio to baseline", "CPU (median)", "CPU ratio");
        for (int runners : new int[] {1, 2}) {
            Measured base = measured(runners == 1
                    ? List.of("sh", "-c", "i=0; while [ $i -lt " + n + " ]; do /bin/true; i=$((i+1)); done")
                    : List.of("sh", "-c", "seq " + n + " | xargs -n1 -P" + runners + " /bin/true"));
            String baseName = runners == 1 ? "shell loop" : "`xargs -P" + runners + "`";
            report.row(runners, baseName, Timing.millis(base.wall()), "1.00x", cpu(base.cpuSeconds()), "1.00x");
            // what the JVM alone costs: ProcessBuilder starting the same commands, nothing recorded
            Measured floor = measured(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    absoluteClassPath(), SpawnLoop.class.getName(), Integer.toString(n), Integer.toString(runners)));
            report.row(runners, "Java `ProcessBuilder` loop (JVM's floor)", Timing.millis(floor.wall()), ratio(floor.wall(), base.wall()),
                    cpu(floor.cpuSeconds()), fmt(floor.cpuSeconds() / base.cpuSeconds()) + "x");
            for (var v : variants.entrySet()) {
                Measured t = measured(gryt(v.getValue(), "trivial", runners));
                report.row(runners, v.getKey(), Timing.millis(t.wall()), ratio(t.wall(), base.wall()), cpu(t.cpuSeconds()),
                        fmt(t.cpuSeconds() / base.cpuSeconds()) + "x");
            }
        }
    }

    /** This JVM's class path with absolute entries: the commands run in the project's directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Wall time and CPU time (user + sys, children included), medians of the repetitions after one warm-up. */
    private record Measured(Duration wall, double cpuSeconds) {
    }

    private Measured measured(List<String> command) throws Exception {
        Path timeProgram = Path.of("/usr/bin/time");
        if (!Files.isExecutable(timeProgram)) return new Measured(time(command).median(), Double.NaN);
        Path out = project.resolve("cpu.txt");
        List<String> wrapped = new ArrayList<>(List.of(timeProgram.toString(), "-f", "%U %S", "-o", out.toString()));
        wrapped.addAll(command);
        exec(wrapped, null);
        List<Long> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            exec(wrapped, null);
            walls.add(System.nanoTime() - start);
            String[] f = Files.readString(out).strip().lines().reduce((x, y) -> y).orElse("0 0").strip().split(" +");
            cpus.add(Double.parseDouble(f[0]) + Double.parseDouble(f[1]));
        }
        Files.deleteIfExists(out);
        walls.sort(Comparator.naturalOrder());
        cpus.sort(Comparator.naturalOrder());
        return new Measured(Duration.ofNanos(walls.get(walls.size() / 2)), cpus.get(cpus.size() / 2));
    }

    private static String cpu(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    // ---- sleeping steps: throughput against runners ----

    private void sleeping(int n, double seconds) throws Exception {
        pipeline("sleeping", n, i -> "    run: [\"sleep\", \"" + seconds + "\"]\n");
        report.section("%d independent steps of `sleep %s`: the run's own duration (from `run --json`), throughput against runners", n, seconds);
        report.table("runners", "what", "run duration", "steps/s", "ideal steps/s", "of ideal");
        for (int runners : new int[] {1, 2, 4, 8}) {
            double ideal = runners / seconds;
            Timing<?> base = time(List.of("sh", "-c", "seq " + n + " | xargs -n1 -P" + runners + " sh -c 'sleep " + seconds + "'"));
            double baseRate = n / seconds(base.median());
            report.row(runners, "`xargs -P" + runners + "` (whole process)", Timing.millis(base.median()), fmt(baseRate), fmt(ideal),
                    percent(baseRate / ideal));
            for (var v : variants.entrySet()) {
                Duration d = runDuration(gryt(v.getValue(), "sleeping", runners));
                double rate = n / seconds(d);
                report.row(runners, v.getKey(), Timing.millis(d), fmt(rate), fmt(ideal), percent(rate / ideal));
            }
        }
    }

    // ---- a generated graph: makespan against its bound ----

    private void dag(int n, long seed) throws Exception {
        Random random = new Random(seed);
        int runners = 4;
        List<List<Integer>> layers = new ArrayList<>();
        double[] length = new double[n];
        double[] finish = new double[n];
        List<List<Integer>> deps = new ArrayList<>();
        int made = 0;
        while (made < n) {
            int width = Math.min(n - made, 3 + random.nextInt(8));
            List<Integer> layer = new ArrayList<>();
            for (int k = 0; k < width; k++) {
                int id = made++;
                length[id] = 0.05 * (1 + random.nextInt(4));
                List<Integer> d = new ArrayList<>();
                if (!layers.isEmpty()) {
                    List<Integer> previous = layers.get(layers.size() - 1);
                    int count = 1 + random.nextInt(Math.min(3, previous.size()));
                    for (int c = 0; c < count; c++) {
                        int p = previous.get(random.nextInt(previous.size()));
                        if (!d.contains(p)) d.add(p);
                    }
                }
                double start = 0;
                for (int p : d) start = Math.max(start, finish[p]);
                finish[id] = start + length[id];
                deps.add(d);
                layer.add(id);
            }
            layers.add(layer);
        }
        double critical = 0;
        double work = 0;
        for (int i = 0; i < n; i++) {
            critical = Math.max(critical, finish[i]);
            work += length[i];
        }
        double bound = Math.max(critical, work / runners);
        pipeline("dag", n, i -> "    run: [\"sleep\", \"" + String.format(Locale.ROOT, "%.2f", length[i]) + "\"]\n"
                + (deps.get(i).isEmpty() ? "" : "    depends_on: [" + String.join(", ", deps.get(i).stream().map(p -> "s" + p).toList()) + "]\n"));
        report.section("a generated graph of %d sleeping steps in %d layers (seed %d), %d runners: critical path %.2f s, work / runners %.2f s",
                n, layers.size(), seed, runners, critical, work / runners);
        report.table("what", "makespan (run duration)", "bound", "ratio to bound");
        if (onPath("make")) {
            // the same graph and commands through make, which starts each recipe's command directly (no shell)
            StringBuilder makefile = new StringBuilder(".PHONY: all");
            for (int i = 0; i < n; i++) makefile.append(" s").append(i);
            makefile.append("\nall:");
            for (int i = 0; i < n; i++) makefile.append(" s").append(i);
            makefile.append('\n');
            for (int i = 0; i < n; i++) {
                makefile.append('s').append(i).append(':');
                for (int p : deps.get(i)) makefile.append(" s").append(p);
                makefile.append("\n\t@sleep ").append(String.format(Locale.ROOT, "%.2f", length[i])).append('\n');
            }
            Path mk = project.resolve("dag.mk");
            Files.writeString(mk, makefile, StandardCharsets.UTF_8);
            Duration viaMake = time(List.of("make", "-s", "-j" + runners, "-f", mk.toString(), "all")).median();
            report.row("`make -j" + runners + "` (whole process)", Timing.millis(viaMake), String.format(Locale.ROOT, "%.1f ms", bound * 1000),
                    fmt(seconds(viaMake) / bound) + "x");
        }
        for (var v : variants.entrySet()) {
            Duration d = runDuration(gryt(v.getValue(), "dag", runners));
            report.row(v.getKey(), Timing.millis(d), String.format(Locale.ROOT, "%.1f ms", bound * 1000), fmt(seconds(d) / bound) + "x");
        }
    }

    // ---- a step that prints a lot ----

    private void output(long mib) throws Exception {
        long bytes = mib * 1024 * 1024;
        String line = "0123456789".repeat(10);
        String command = "yes " + line + " | head -c " + bytes;
        pipeline("output", 1, i -> "    run: \"" + command + "\"\n");
        Path file = project.resolve("output.txt");
        report.section("a step printing %d MiB (lines of 100 characters), whole-process times; every run writes a new"
                + " file (the previous run's file, gryt's logs included, is deleted before it, untimed)", mib);
        report.table("what", "median", "MiB/s", "throughput ratio", "peak RSS");
        List<Long> baseNanos = new ArrayList<>();
        for (int i = 0; i <= repetitions; i++) {
            Files.deleteIfExists(file);
            long start = System.nanoTime();
            exec(List.of("sh", "-c", command + " > " + file), null);
            if (i > 0) baseNanos.add(System.nanoTime() - start); // the first run warms up
        }
        Files.deleteIfExists(file);
        Duration base = median(baseNanos);
        report.row("redirected to a file", Timing.millis(base), fmt(mib / seconds(base)), "1.00x", "");
        for (var v : variants.entrySet()) {
            List<String> run = gryt(v.getValue(), "output", 1);
            List<Long> nanos = new ArrayList<>();
            long rss = -1;
            for (int i = 0; i < repetitions; i++) {
                deleteRunLogs();
                long start = System.nanoTime();
                rss = Math.max(rss, peakRss(run));
                nanos.add(System.nanoTime() - start);
            }
            deleteRunLogs();
            Duration t = median(nanos);
            report.row(v.getKey(), Timing.millis(t), fmt(mib / seconds(t)), fmt(seconds(base) / seconds(t)) + "x",
                    rss < 0 ? "n/a" : rss / 1024 + " MiB");
        }
    }

    /**
     * Deletes the step logs of earlier runs: a redirect that overwrites its file drops the previous run's unwritten
     * pages, while GiBs of logs kept from earlier runs would make the kernel hold the next writer back (dirty-page
     * throttling), which measured the disk rather than gryt.
     */
    private void deleteRunLogs() throws IOException {
        for (Path dir : projects.values()) {
            Path runs = dir.resolve(".gryt/runs");
            if (!Files.isDirectory(runs)) continue;
            try (var paths = Files.walk(runs)) {
                for (Path p : paths.filter(p -> p.toString().endsWith(".log")).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static Duration median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Comparator.naturalOrder());
        return Duration.ofNanos(sorted.get(sorted.size() / 2));
    }

    /** Runs {@code command} under {@code /usr/bin/time} and returns its peak RSS in KiB, or -1 without it. */
    private long peakRss(List<String> command) throws Exception {
        Path timeProgram = Path.of("/usr/bin/time");
        if (!Files.isExecutable(timeProgram)) {
            exec(command, null);
            return -1;
        }
        Path out = Files.createTempFile(project, "rss", ".txt");
        List<String> wrapped = new ArrayList<>(List.of(timeProgram.toString(), "-f", "%M", "-o", out.toString()));
        wrapped.addAll(command);
        exec(wrapped, null);
        long kib = Long.parseLong(Files.readString(out).strip().lines().reduce((x, y) -> y).orElse("-1").strip());
        Files.delete(out);
        return kib;
    }

    // ---- helpers ----

    private interface StepText {
        String of(int i);
    }

    private void pipeline(String name, int n, StepText body) throws IOException {
        StringBuilder yaml = new StringBuilder("name: " + name + "\nsteps:\n");
        for (int i = 0; i < n; i++) yaml.append("  - name: s").append(i).append('\n').append(body.of(i));
        for (Path dir : projects.values()) {
            Files.writeString(dir.resolve(".gryt/pipelines/" + name + ".yaml"), yaml, StandardCharsets.UTF_8);
        }
    }

    private List<String> gryt(List<String> base, String pipeline, int runners) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of("-C", projects.get(base).toString(), "run", "--json", "--runners=" + runners, pipeline));
        return command;
    }

    private Timing<String> time(List<String> command) throws Exception {
        return Timing.of(1, repetitions, () -> exec(command, null));
    }

    /** The median of the run durations gryt records ({@code duration_ms} of {@code run --json}). */
    private Duration runDuration(List<String> command) throws Exception {
        exec(command, null);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            Matcher m = DURATION.matcher(exec(command, null));
            if (!m.find()) throw new IllegalStateException("no duration_ms in the output of " + command);
            millis.add(Long.parseLong(m.group(1)));
        }
        millis.sort(Comparator.naturalOrder());
        return Duration.ofMillis(millis.get(millis.size() / 2));
    }

    private String exec(List<String> command, Path stdout) throws IOException, InterruptedException {
        Path out = stdout == null ? Files.createTempFile(project, "out", ".txt") : stdout;
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (stdout == null) Files.delete(out);
        if (p.exitValue() != 0) throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + text);
        return text;
    }

    /** True when {@code program} is an executable in a directory of the {@code PATH}. */
    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    private static String ratio(Duration d, Duration base) {
        return fmt(seconds(d) / seconds(base)) + "x";
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
