package io.gryt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Release reads at scale through the {@code gryt} command, on one generated project ({@link ScaleProject}: 1,000
 * changes, 100,000 evolutions, a 1,000,000-entry audit trail by default): {@code generation promote --dry-run},
 * the everyday read commands ({@code status}, {@code evolution list}, {@code generation list}, {@code generation show},
 * {@code doctor}; each stopped after 2 minutes), {@code audit export} in each format under {@code -Xmx64m}, and
 * {@code audit verify}. Whole-process times (medians)
 * and peak RSS ({@code /usr/bin/time}), against {@code java -version} measured in the same run and, with
 * {@code before=<older gryt.jar>}, the same commands of an older build, row by row.
 *
 * <p>Arguments: {@code jar=gryt-cli/target/gryt.jar before=<jar> changes=1000 evolutions=100000 entries=1000000
 * repetitions=3 heavy-repetitions=1 project=<dir: build there and keep it, or reuse it when it exists> only=promote,reads,export,verify quick}.
 */
public final class ScaleBenchmark {
    private final Map<String, String> args;
    private final Path project;
    private final int repetitions;
    /** Repetitions of the exports and verifications, which take tens of seconds each. */
    private final int heavyRepetitions;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final MarkdownReport report = new MarkdownReport();

    private ScaleBenchmark(Map<String, String> args, Path project) {
        this.args = args;
        this.project = project;
        this.repetitions = Integer.parseInt(args.getOrDefault("repetitions", "3"));
        this.heavyRepetitions = Integer.parseInt(args.getOrDefault("heavy-repetitions", "1"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq > 0) a.put(arg.substring(0, eq), arg.substring(eq + 1));
            else if (arg.equals("quick")) a.put("quick", "true");
        }
        boolean quick = a.containsKey("quick");
        a.putIfAbsent("evolutions", quick ? "25000" : "100000");
        a.putIfAbsent("entries", quick ? "250000" : "1000000");
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("after", jar(a.getOrDefault("jar", "gryt-cli/target/gryt.jar")));
        if (a.containsKey("before")) jars.put("before", jar(a.get("before")));
        boolean keep = a.containsKey("project");
        Path project = keep ? Path.of(a.get("project")).toAbsolutePath() : Files.createTempDirectory("gryt-scale-");
        try {
            ScaleBenchmark b = new ScaleBenchmark(a, project);
            b.run(jars);
            System.out.print(b.report);
        } finally {
            if (!keep) ColdStartBenchmark.deleteTree(project);
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

    private void run(Map<String, Path> jars) throws Exception {
        int changes = Integer.parseInt(args.getOrDefault("changes", "1000"));
        int evolutions = Integer.parseInt(args.get("evolutions"));
        long entries = Long.parseLong(args.get("entries"));
        long started = System.nanoTime();
        if (!Files.isDirectory(project.resolve(".gryt"))) {
            Files.createDirectories(project);
            ScaleProject.build(project, changes, evolutions, entries, Long.parseLong(args.getOrDefault("seed", "42")));
        }
        Duration built = Duration.ofNanos(System.nanoTime() - started);
        String only = args.getOrDefault("only", "promote,reads,export,verify");
        if (only.contains("scale")) only = "promote,reads,export,verify"; // gryt-bench/run only=...,scale
        report.line("machine: %d cores, %s %s, Java %s; load average at start %s; %s; medians of %d runs",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), load(), LocalDate.now(), repetitions);
        report.line("project: %d changes, %d evolutions, %,d audit entries, database %d MiB (built or reused in %.1f s)",
                changes, evolutions, entries, Files.size(project.resolve(".gryt/gryt.db")) >> 20, built.toMillis() / 1000.0);
        Timing<?> base = Timing.of(1, repetitions, () -> exec(List.of(java, "-version"), null, true));
        report.line("baseline `java -version`: %s", Timing.millis(base.median()));
        if (only.contains("promote")) {
            report.section("`gryt generation promote %s --dry-run`, whole process", ScaleProject.VERSION);
            report.table("build", "wall (median)", "CPU user+sys", "peak RSS", "exit");
            for (var jar : jars.entrySet()) {
                List<String> cmd = gryt(jar.getValue(), List.of(), "generation", "promote", ScaleProject.VERSION, "--dry-run");
                exec(cmd, null, false); // warm-up: the page cache
                Measured m = measure(cmd, () -> { }, 1, repetitions); // a dry run whose gates fail exits 1
                report.row(jar.getKey(), m.time(), m.cpu(), mib(m.rssKib()), m.exit() + " (" + m.last() + ")");
            }
        }
        if (only.contains("reads")) {
            report.section("Everyday read commands at this scale, whole process (each stopped after %d min)", READ_PATIENCE.toMinutes());
            report.table("command", "build", "wall (median)", "CPU user+sys", "peak RSS", "exit");
            patience = READ_PATIENCE;
            for (List<String> read : List.of(List.of("status"), List.of("evolution", "list"), List.of("generation", "list"),
                    List.of("generation", "show", ScaleProject.VERSION), List.of("doctor"))) {
                for (var jar : jars.entrySet()) {
                    List<String> cmd = gryt(jar.getValue(), List.of(), read.toArray(String[]::new));
                    Measured m = measure(cmd, () -> { }, 1, repetitions); // doctor exits 1 on a warning
                    report.row("`gryt " + String.join(" ", read) + "`", jar.getKey(), m.time(), m.cpu(), mib(m.rssKib()),
                            m.exit() > 1 ? m.exit() + " (" + m.last() + ")" : Integer.toString(m.exit()));
                }
            }
            patience = Duration.ofMinutes(30);
        }
        if (only.contains("export")) {
            report.section("`gryt audit export --format F -o file` with `-Xmx64m`, whole process");
            report.table("format", "build", "wall (median)", "CPU user+sys", "peak RSS", "file", "result");
            for (String format : List.of("json", "csv", "html")) {
                for (var jar : jars.entrySet()) {
                    Path file = project.resolve("export." + format);
                    List<String> cmd = gryt(jar.getValue(), List.of("-Xmx64m"), "audit", "export", "--format", format,
                            "-o", file.toString());
                    Measured m = measure(cmd, () -> Files.deleteIfExists(file), 0, heavyRepetitions);
                    report.row(format, jar.getKey(), m.time(), m.cpu(), mib(m.rssKib()),
                            m.ok() ? (Files.size(file) >> 20) + " MiB" : "-", m.ok() ? "ok" : "exit " + m.exit() + ": " + m.last());
                }
            }
        }
        if (only.contains("verify")) {
            report.section("`gryt audit verify` of %,d entries, whole process", entries);
            report.table("build", "heap", "wall (median)", "CPU user+sys", "peak RSS", "result");
            for (var jar : jars.entrySet()) {
                for (List<String> heap : List.of(List.<String>of(), List.of("-Xmx64m"))) {
                    List<String> cmd = gryt(jar.getValue(), heap, "audit", "verify");
                    Measured m = measure(cmd, () -> { }, 0, heavyRepetitions);
                    report.row(jar.getKey(), heap.isEmpty() ? "default" : heap.get(0), m.time(), m.cpu(), mib(m.rssKib()),
                            m.ok() ? m.last() : "exit " + m.exit() + ": " + m.last());
                }
            }
        }
    }

    /** One measured command: wall time (median), CPU time (median), peak RSS (max), and how the last run ended. */
    private record Measured(String time, String cpu, long rssKib, int exit, String last) {
        boolean ok() {
            return exit == 0;
        }
    }

    private interface Before {
        void run() throws Exception;
    }

    /** Runs {@code cmd} {@code repetitions} times under {@code /usr/bin/time}, stopping at an exit code above {@code lastGoodExit}. */
    private Measured measure(List<String> cmd, Before before, int lastGoodExit, int times) throws Exception {
        List<Long> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long rss = -1;
        for (int i = 0; i < times; i++) {
            before.run();
            Path out = Files.createTempFile("gryt-scale-rss", ".txt");
            List<String> wrapped = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", out.toString()));
            wrapped.addAll(cmd);
            long start = System.nanoTime();
            try {
                exec(wrapped, null, false);
            } catch (IllegalStateException e) {
                lastExit = lastExit == 0 ? 2 : lastExit;
            }
            wall.add(System.nanoTime() - start);
            String[] f = Files.readString(out).strip().lines().reduce((x, y) -> y).orElse("-1 0 0").strip().split(" ");
            Files.delete(out);
            try {
                rss = Math.max(rss, Long.parseLong(f[0]));
                cpu.add(Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
            } catch (RuntimeException e) {
                // no figures from /usr/bin/time
            }
            if (lastExit > lastGoodExit) break;
        }
        wall.sort(null);
        cpu.sort(null);
        return new Measured(Timing.millis(Duration.ofNanos(wall.get(wall.size() / 2))),
                cpu.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f s", cpu.get(cpu.size() / 2)), rss, lastExit, lastLine);
    }

    private List<String> gryt(Path jar, List<String> opts, String... command) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(opts);
        cmd.addAll(List.of("-jar", jar.toString(), "-C", project.toString()));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private int lastExit;
    private String lastLine = "";
    /** How long a read command may take before it is stopped (a regression to quadratic time shows as a stop). */
    private static final Duration READ_PATIENCE = Duration.ofMinutes(2);
    private Duration patience = Duration.ofMinutes(30);

    /** Runs {@code command}; its exit code (0 or 1 accepted: a dry run whose gates fail exits 1). */
    private int exec(List<String> command, Path stdout, boolean discard) throws IOException, InterruptedException {
        Path out = stdout == null ? Files.createTempFile("gryt-scale", ".txt") : stdout;
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(discard ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile())).start();
        p.getOutputStream().close();
        if (!p.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
            lastExit = 124;
            lastLine = "stopped after " + patience.toMinutes() + " min";
            if (stdout == null) Files.deleteIfExists(out);
            throw new IllegalStateException("timed out: " + command);
        }
        lastExit = p.exitValue();
        if (!discard) {
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            lastLine = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            if (lastLine.length() > 100) lastLine = lastLine.substring(0, 100) + "...";
        }
        if (stdout == null) Files.delete(out);
        if (lastExit > 1) throw new IllegalStateException("exit " + lastExit + ": " + command + ": " + lastLine);
        return lastExit;
    }

    private static String mib(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%d MiB", kib / 1024);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

}
