package io.gryt.core.metrics;

import io.gryt.api.BadInputException;
import io.gryt.api.read.EvolutionTally;
import io.gryt.api.read.FinishedRun;
import io.gryt.api.read.FlakyStep;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.Store;
import io.gryt.core.format.Versions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The metrics {@code gryt db metric} computes, each from one typed read of the store ({@link
 * io.gryt.api.spi.RecordReads}). Without a generation a metric
 * covers every recorded pipeline run; with one, the runs of that generation's evolutions.
 */
public final class Metrics {
    /** A metric's name and what it measures. */
    public record Definition(String name, String description) {
    }

    /** How many of the newest runs a recorded metric is looked up in, without a generation. */
    static final int RECORDED_RUNS = 100;

    private final Store store;
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, BiFunction<Metrics, Reads, MetricValue>> computations = new LinkedHashMap<>();

    /** Metrics over {@code store}. */
    public Metrics(Store store) {
        this.store = store;
        define("pass_rate", "share of finished runs (or evolutions of --gen) that passed, 0..1", Metrics::passRate);
        define("evolution_count", "number of evolutions (of --gen, or of every generation)", Metrics::evolutionCount);
        define("mean_duration", "mean wall-clock duration of finished runs, in seconds", (m, r) -> m.duration(r, false));
        define("p95_duration", "95th percentile of finished runs' duration, in seconds", (m, r) -> m.duration(r, true));
        define("flaky_steps", "steps that failed and then passed, on a retry or on a rerun of the same commit", Metrics::flakySteps);
    }

    private void define(String name, String description, BiFunction<Metrics, Reads, MetricValue> computation) {
        definitions.put(name, new Definition(name, description));
        computations.put(name, computation);
    }

    /** Every metric, in a stable order. */
    public List<Definition> definitions() {
        return List.copyOf(definitions.values());
    }

    /**
     * Computes metric {@code name}, for generation {@code generation} when given. A name that is none of the
     * computed metrics is looked up among the metrics steps recorded ({@code ctx.metric(...)}, {@code $GRYT_METRICS}).
     */
    public MetricValue compute(String name, Optional<String> generation) {
        return compute(name, generation, new Reads(generation.orElse(null)));
    }

    /**
     * {@link #compute} of each of {@code names}, in order, for {@code generation}: what several of them read (every
     * finished run, for the pass rate and both durations) is read once.
     */
    public List<MetricValue> computeAll(List<String> names, Optional<String> generation) {
        Reads shared = new Reads(generation.orElse(null));
        List<MetricValue> values = new ArrayList<>();
        for (String name : names) values.add(compute(name, generation, shared));
        return values;
    }

    /** What one computation read of the store, for the metrics that share it. Not thread-safe. */
    private final class Reads {
        private final String gen;
        private List<FinishedRun> finishedRuns;

        Reads(String gen) {
            this.gen = gen;
        }

        List<FinishedRun> finishedRuns() {
            if (finishedRuns == null) finishedRuns = store.reads().finishedRuns(Optional.ofNullable(gen));
            return finishedRuns;
        }
    }

    private MetricValue compute(String name, Optional<String> generation, Reads reads) {
        BiFunction<Metrics, Reads, MetricValue> c = computations.get(name);
        if (c == null) {
            generation.ifPresent(Versions::require);
            return recorded(name, generation.orElse(null)).orElseThrow(() -> new BadInputException("unknown metric '"
                    + name + "' (known: " + String.join(", ", definitions.keySet())
                    + ", or a metric a step recorded in " + (generation.isEmpty() ? "the last " + RECORDED_RUNS + " runs"
                    : "an evolution of " + generation.get()) + ")"));
        }
        generation.ifPresent(v -> {
            Versions.require(v);
            if (store.recordsReleases() && store.releases().generation(v).isEmpty()) {
                throw new BadInputException("unknown generation " + v + " (no evolution or contract of it is recorded)");
            }
        });
        return c.apply(this, reads);
    }

    /**
     * A metric steps recorded as data rows: its latest value (the newest run's last row), from every row of that
     * name in the last {@value #RECORDED_RUNS} runs, or in the runs of {@code gen}'s evolutions; one detail per step.
     */
    private Optional<MetricValue> recorded(String name, String gen) {
        List<String> runIds = new ArrayList<>();
        if (gen == null) {
            store.runs().recent(RECORDED_RUNS).forEach(r -> runIds.add(r.id()));
        } else if (store.recordsReleases()) {
            List<Evolution> evolutions = new ArrayList<>(store.releases().evolutions(gen));
            java.util.Collections.reverse(evolutions);
            evolutions.stream().map(Evolution::runId).filter(java.util.Objects::nonNull).forEach(runIds::add);
        }
        Double latest = null;
        long sample = 0;
        Map<String, Long> perStep = new LinkedHashMap<>();
        for (String runId : runIds) {
            Double lastOfRun = null;
            for (DataRow row : store.runs().dataRows(runId)) {
                if (row.kind() != DataRow.Kind.METRIC || !row.name().equals(name) || row.number() == null) continue;
                lastOfRun = row.number();
                sample++;
                perStep.merge(row.step(), 1L, Long::sum);
            }
            if (latest == null) latest = lastOfRun;
        }
        if (sample == 0) return Optional.empty();
        List<MetricValue.Detail> details = new ArrayList<>();
        perStep.forEach((step, count) -> details.add(new MetricValue.Detail(step, count)));
        return Optional.of(new MetricValue(name, gen, latest, "recorded", sample, details));
    }

    private MetricValue passRate(Reads reads) {
        String gen = reads.gen;
        long pass;
        long fail;
        if (gen == null) {
            List<FinishedRun> runs = reads.finishedRuns();
            pass = runs.stream().filter(r -> "pass".equals(r.status())).count();
            fail = runs.size() - pass;
        } else {
            EvolutionTally tally = store.reads().evolutionTally(Optional.of(gen));
            pass = tally.count("pass");
            fail = tally.count("fail");
        }
        long total = pass + fail;
        return new MetricValue("pass_rate", gen, total == 0 ? null : (double) pass / total, "ratio", total, List.of());
    }

    private MetricValue evolutionCount(Reads reads) {
        String gen = reads.gen;
        long count = store.reads().evolutionTally(Optional.ofNullable(gen)).total();
        return new MetricValue("evolution_count", gen, (double) count, "count", count, List.of());
    }

    private MetricValue duration(Reads reads, boolean p95) {
        String gen = reads.gen;
        List<Long> millis = new ArrayList<>();
        reads.finishedRuns().forEach(r -> millis.add(r.duration().toMillis()));
        String name = p95 ? "p95_duration" : "mean_duration";
        if (millis.isEmpty()) return new MetricValue(name, gen, null, "seconds", 0, List.of());
        double value;
        if (p95) {
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            value = sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1000.0;
        } else {
            value = millis.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0;
        }
        return new MetricValue(name, gen, value, "seconds", millis.size(), List.of());
    }

    private MetricValue flakySteps(Reads reads) {
        String gen = reads.gen;
        List<MetricValue.Detail> details = new ArrayList<>();
        for (FlakyStep f : store.reads().flakySteps(Optional.ofNullable(gen))) {
            details.add(new MetricValue.Detail(f.step(), f.runs()));
        }
        return new MetricValue("flaky_steps", gen, (double) details.size(), "count", details.size(), details);
    }
}
