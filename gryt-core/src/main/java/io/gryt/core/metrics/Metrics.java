package io.gryt.core.metrics;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.Store;
import io.gryt.core.release.Versions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The metrics {@code gryt db metric} computes, each from one read-only query. Without a generation a metric
 * covers every recorded pipeline run; with one, the runs of that generation's evolutions.
 */
public final class Metrics {
    /** A metric's name and what it measures. */
    public record Definition(String name, String description) {
    }

    private final Store store;
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, BiFunction<Metrics, String, MetricValue>> computations = new LinkedHashMap<>();

    /** Metrics over {@code store}. */
    public Metrics(Store store) {
        this.store = store;
        define("pass_rate", "share of finished runs (or evolutions of --gen) that passed, 0..1", Metrics::passRate);
        define("evolution_count", "number of evolutions (of --gen, or of every generation)", Metrics::evolutionCount);
        define("mean_duration", "mean wall-clock duration of finished runs, in seconds", (m, g) -> m.duration(g, false));
        define("p95_duration", "95th percentile of finished runs' duration, in seconds", (m, g) -> m.duration(g, true));
        define("flaky_steps", "steps that failed and then passed, on a retry or on a rerun of the same commit", Metrics::flakySteps);
    }

    private void define(String name, String description, BiFunction<Metrics, String, MetricValue> computation) {
        definitions.put(name, new Definition(name, description));
        computations.put(name, computation);
    }

    /** Every metric, in a stable order. */
    public List<Definition> definitions() {
        return List.copyOf(definitions.values());
    }

    /** Computes metric {@code name}, for generation {@code generation} when given. */
    public MetricValue compute(String name, Optional<String> generation) {
        BiFunction<Metrics, String, MetricValue> c = computations.get(name);
        if (c == null) {
            throw new BadInputException("unknown metric '" + name + "' (known: " + String.join(", ", definitions.keySet()) + ")");
        }
        generation.ifPresent(v -> {
            Versions.require(v);
            if (store.recordsReleases() && store.releases().generation(v).isEmpty()) {
                throw new BadInputException("unknown generation " + v + " (no evolution or contract of it is recorded)");
            }
        });
        return c.apply(this, generation.orElse(null));
    }

    /** The runs of generation {@code gen}'s evolutions, as a sub-query. */
    private static String generationRuns(String gen) {
        return "SELECT e.pipeline_run_id FROM evolutions e JOIN generations g ON g.id = e.generation_id"
                + " WHERE g.version = " + literal(gen);
    }

    private MetricValue passRate(String gen) {
        String sql = gen == null
                ? "SELECT status, COUNT(*) FROM pipeline_runs WHERE status IN ('pass', 'fail') GROUP BY status"
                : "SELECT e.status, COUNT(*) FROM evolutions e JOIN generations g ON g.id = e.generation_id"
                        + " WHERE g.version = " + literal(gen) + " AND e.status IN ('pass', 'fail') GROUP BY e.status";
        long[] passFail = new long[2];
        rows(sql, r -> passFail["pass".equals(r.get(0)) ? 0 : 1] += number(r.get(1)));
        long total = passFail[0] + passFail[1];
        return new MetricValue("pass_rate", gen, total == 0 ? null : (double) passFail[0] / total, "ratio", total, List.of());
    }

    private MetricValue evolutionCount(String gen) {
        String sql = "SELECT COUNT(*) FROM evolutions e JOIN generations g ON g.id = e.generation_id"
                + (gen == null ? "" : " WHERE g.version = " + literal(gen));
        long[] count = new long[1];
        rows(sql, r -> count[0] = number(r.get(0)));
        return new MetricValue("evolution_count", gen, (double) count[0], "count", count[0], List.of());
    }

    private MetricValue duration(String gen, boolean p95) {
        String sql = "SELECT started_at, finished_at FROM pipeline_runs WHERE status IN ('pass', 'fail') AND finished_at IS NOT NULL"
                + (gen == null ? "" : " AND id IN (" + generationRuns(gen) + ")");
        List<Long> millis = new ArrayList<>();
        rows(sql, r -> millis.add(Duration.between(Instant.parse((String) r.get(0)), Instant.parse((String) r.get(1))).toMillis()));
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

    private MetricValue flakySteps(String gen) {
        String scope = gen == null ? "" : " AND s.run_id IN (" + generationRuns(gen) + ")";
        String retried = "SELECT s.step_name AS step, s.run_id AS run FROM step_runs s WHERE s.status = 'pass' AND s.attempts > 1" + scope;
        String rerun = "SELECT p.step_name AS step, p.run_id AS run FROM evolutions ep JOIN step_runs p ON p.run_id = ep.pipeline_run_id"
                + " JOIN evolutions ef ON ef.generation_id = ep.generation_id AND ef.commit_sha = ep.commit_sha AND ef.rc_number < ep.rc_number"
                + " JOIN step_runs f ON f.run_id = ef.pipeline_run_id AND f.step_name = p.step_name"
                + " WHERE p.status = 'pass' AND f.status IN ('fail', 'timeout')"
                + (gen == null ? "" : " AND ep.generation_id = (SELECT id FROM generations WHERE version = " + literal(gen) + ")");
        String sql = "SELECT step, COUNT(DISTINCT run) FROM (" + retried + " UNION " + rerun + ") flaky GROUP BY step ORDER BY 2 DESC, 1";
        List<MetricValue.Detail> details = new ArrayList<>();
        rows(sql, r -> details.add(new MetricValue.Detail((String) r.get(0), number(r.get(1)))));
        return new MetricValue("flaky_steps", gen, (double) details.size(), "count", details.size(), details);
    }

    private void rows(String sql, java.util.function.Consumer<List<Object>> each) {
        store.query(sql, new RowHandler() {
            @Override
            public void columns(List<String> names) {
            }

            @Override
            public void row(List<Object> values) {
                each.accept(values);
            }
        });
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** A SQL string literal; generation versions are validated, but quote anyway. */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
