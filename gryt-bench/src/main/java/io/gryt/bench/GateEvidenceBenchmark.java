package io.gryt.bench;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.sqlite.SqliteStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How fast the promotion gates get their evidence from a large SQLite store: builds one generation of 1,000
 * changes with 100,000 evolutions (sizes are arguments), then times {@link ReleaseStore#evidence} (one
 * query) and {@link ReleaseStore#countEvolutions} against a naive baseline measured in the same run, one query
 * per change, and against the window-function form of the same query. Prints medians, the naive/evidence ratio,
 * and whether evidence stays under one second; fails when the three disagree on the evidence.
 *
 * <pre>mvn -B -q -pl gryt-bench -am package -Dbench -DskipTests -Dbench.args="changes=1000 evolutions=100000"</pre>
 */
public final class GateEvidenceBenchmark {
    /** The budget the evidence query must stay under at the default size. */
    static final Duration BUDGET = Duration.ofSeconds(1);

    private GateEvidenceBenchmark() {
    }

    /** Runs the benchmark; see {@link BenchmarkOptions#USAGE} for the arguments. */
    public static void main(String[] args) throws Exception {
        boolean agree;
        try {
            agree = run(BenchmarkOptions.parse(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!agree) {
            System.exit(1);
        }
    }

    /**
     * Builds, measures and reports to {@code out}; returns false when the three ways to read the evidence
     * disagree. Refuses a {@code db} file that exists, so that a real gryt database is never written to.
     */
    static boolean run(BenchmarkOptions options, PrintStream out) throws Exception {
        if (options.db() != null && Files.exists(options.db())) {
            throw new IllegalArgumentException(options.db() + " exists: name a new file for the benchmark database");
        }
        // An empty file is a new database to SQLite and to gryt.
        Path file = options.db() != null ? options.db() : Files.createTempFile("gryt-bench-", ".db");
        try {
            long buildStart = System.nanoTime();
            BenchmarkDatabase.Contents contents = BenchmarkDatabase.build(file, options);
            Duration build = Duration.ofNanos(System.nanoTime() - buildStart);
            out.printf("gryt gate-evidence benchmark: 1 generation, %,d changes, %,d evolutions (%,d change proofs,"
                    + " %,d artifact rows)%n", contents.changes(), contents.evolutions(), contents.proofs(),
                    contents.artifactRows());
            out.printf("built %s (%,d KiB) in %.1f s; %d warm-up + %d measured runs each, median reported%n%n",
                    options.db() != null ? file : "a temporary database", Files.size(file) / 1024,
                    build.toMillis() / 1000.0, options.warmup(), options.repetitions());
            return measure(file, options, out);
        } finally {
            if (options.db() == null) {
                deleteQuietly(file);
            }
        }
    }

    private static boolean measure(Path file, BenchmarkOptions options, PrintStream out) throws Exception {
        String version = BenchmarkDatabase.VERSION;
        try (SqliteStore store = SqliteStore.open(file); NaiveEvidence naive = new NaiveEvidence(file);
             WindowedEvidence windowed = new WindowedEvidence(file)) {
            ReleaseStore releases = store.releases();
            Timing<List<ChangeEvidence>> evidence = Timing.of(options.warmup(), options.repetitions(),
                    () -> releases.evidence(version));
            Timing<List<ChangeEvidence>> baseline = Timing.of(options.warmup(), options.repetitions(),
                    () -> naive.evidence(version));
            Timing<List<ChangeEvidence>> window = Timing.of(options.warmup(), options.repetitions(),
                    () -> windowed.evidence(version));
            Timing<Integer> count = Timing.of(options.warmup(), options.repetitions(),
                    () -> releases.countEvolutions(version, EvolutionStatus.PASS));

            int changes = evidence.result().size();
            out.printf("%-46s %10s %10s %10s%n", "query", "median", "min", "max");
            row(out, "evidence(version): 1 query, newest per change", evidence);
            row(out, String.format("naive: 1 + %,d queries (1 per change)", changes), baseline);
            row(out, "reference: 1 query with window functions", window);
            row(out, "countEvolutions(version, pass): 1 query", count);
            double ratio = (double) baseline.median().toNanos() / evidence.median().toNanos();
            long proven = evidence.result().stream().filter(ChangeEvidence::proven).count();
            boolean agree = evidence.result().equals(baseline.result()) && evidence.result().equals(window.result());
            out.printf("%nratio naive / evidence: %.2fx (window form / evidence: %.2fx)%n", ratio,
                    (double) window.median().toNanos() / evidence.median().toNanos());
            out.printf("evidence under %d s: %s (%s)%n", BUDGET.toSeconds(),
                    evidence.median().compareTo(BUDGET) < 0 ? "yes" : "NO", Timing.millis(evidence.median()));
            out.printf("results agree: %s (%,d of %,d changes proven; %,d passing evolutions)%n",
                    agree ? "yes" : "NO", proven, changes, count.result());
            return agree;
        }
    }

    private static void row(PrintStream out, String name, Timing<?> timing) {
        out.printf("%-46s %10s %10s %10s%n", name, Timing.millis(timing.median()), Timing.millis(timing.min()),
                Timing.millis(timing.max()));
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException e) {
                System.err.println("could not delete " + file + suffix + ": " + e.getMessage());
            }
        }
    }
}
