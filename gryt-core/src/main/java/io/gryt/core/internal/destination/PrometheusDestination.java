package io.gryt.core.internal.destination;

import io.gryt.api.RunStatus;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionBlocked;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.RunFinished;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.Store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Prometheus Pushgateway ({@code type: prometheus}): after each run, its duration, its steps' durations and the
 * pipeline's run counts by status, grouped by {@code job} and {@code pipeline}; after each evolution and
 * promotion, the generation's evolution and promotion counts and, after a promotion, each gate's result, grouped
 * by {@code job} and {@code generation}. Text exposition format, POSTed to {@code /metrics/job/<job>/...} (which
 * replaces the metrics of the same names in that group). Counts are read from the store, so they are totals that
 * never go down, as {@code _total} counters should. Settings: {@code url} (the Pushgateway, or {@code url_env}),
 * {@code job} ({@code gryt} by default). Other events are acknowledged without a push.
 */
final class PrometheusDestination implements Destination {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int RUN_HISTORY = 100_000;

    private final String name;
    private final Set<String> events;
    private final URI gateway;
    private final String job;
    private final Store store;
    private final Http http = new Http();

    PrometheusDestination(DestinationSettings settings) {
        this.name = settings.name();
        this.events = settings.events();
        URI url = Http.uri(settings, "url");
        this.gateway = url.getPath() == null || url.getPath().isEmpty() || url.getPath().endsWith("/") ? url
                : URI.create(url + "/");
        this.job = settings.setting("job").orElse("gryt");
        if (settings.store() == null) throw settings.problem("needs the project's store");
        this.store = settings.store();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> events() {
        return events;
    }

    @Override
    public void deliver(Delivery delivery) throws Exception {
        GrytEvent event = delivery.event();
        String group;
        String body;
        if (event instanceof RunFinished r) {
            group = segment("pipeline", r.pipeline());
            body = runMetrics(r);
        } else if (event instanceof EvolutionFinished e) {
            group = segment("generation", e.generation());
            body = releaseMetrics(e.generation(), List.of());
        } else if (event instanceof PromotionCompleted p) {
            group = segment("generation", p.generation());
            body = releaseMetrics(p.generation(), p.gates());
        } else if (event instanceof PromotionBlocked p) {
            group = segment("generation", p.generation());
            body = releaseMetrics(p.generation(), p.gates());
        } else {
            return; // nothing to count
        }
        URI uri = gateway.resolve("metrics/" + segment("job", job) + "/" + group);
        http.send("POST", uri, "text/plain; version=0.0.4; charset=utf-8", body, Map.of());
    }

    private String runMetrics(RunFinished r) {
        Exposition out = new Exposition();
        out.type("gryt_run_duration_seconds", "gauge", "Duration of the pipeline's last run, in seconds.");
        out.sample("gryt_run_duration_seconds", seconds(r.duration()), "status", r.status().label());
        Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
        for (PipelineRun run : store.runs().recent(RUN_HISTORY)) {
            if (run.pipelineName().equals(r.pipeline()) && run.status() != RunStatus.RUNNING) {
                counts.merge(run.status(), 1, Integer::sum);
            }
        }
        out.type("gryt_runs_total", "counter", "Finished runs of the pipeline, by status.");
        for (RunStatus s : RunStatus.values()) {
            if (s != RunStatus.RUNNING) out.sample("gryt_runs_total", counts.getOrDefault(s, 0), "status", s.label());
        }
        out.type("gryt_step_duration_seconds", "gauge", "Duration of each step of the pipeline's last run, in seconds.");
        for (StepRun step : store.runs().steps(r.runId())) {
            if (step.startedAt() == null || step.finishedAt() == null) continue;
            out.sample("gryt_step_duration_seconds", seconds(Duration.between(step.startedAt(), step.finishedAt())),
                    "step", step.name(), "status", step.status().label());
        }
        out.type("gryt_run_last_finished_timestamp_seconds", "gauge", "When the pipeline's last run ended (Unix time).");
        out.sample("gryt_run_last_finished_timestamp_seconds", r.at().toEpochMilli() / 1000.0);
        return out.text();
    }

    private String releaseMetrics(String version, List<GateResult> gates) {
        Exposition out = new Exposition();
        if (store.recordsReleases()) {
            ReleaseStore releases = store.releases();
            out.type("gryt_evolutions_total", "counter", "Finished evolutions of the generation, by status.");
            for (EvolutionStatus s : EvolutionStatus.values()) {
                if (s == EvolutionStatus.PENDING || s == EvolutionStatus.RUNNING) continue;
                out.sample("gryt_evolutions_total", releases.countEvolutions(version, s), "status", label(s));
            }
            Map<PromotionStatus, Integer> counts = new EnumMap<>(PromotionStatus.class);
            for (ReleaseStore.StoredPromotion p : releases.promotions(version)) counts.merge(p.status(), 1, Integer::sum);
            out.type("gryt_promotions_total", "counter", "Promotion attempts of the generation, by outcome.");
            for (PromotionStatus s : PromotionStatus.values()) {
                if (s != PromotionStatus.PENDING) out.sample("gryt_promotions_total", counts.getOrDefault(s, 0), "status", label(s));
            }
        }
        if (!gates.isEmpty()) {
            out.type("gryt_gate_passed", "gauge", "1 when the gate passed in the generation's last promotion, else 0.");
            for (GateResult g : gates) out.sample("gryt_gate_passed", g.passed() ? 1 : 0, "gate", g.gate());
        }
        return out.text();
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** A grouping-key path segment: plain when it can be, else base64url ({@code <label>@base64/<value>}). */
    private static String segment(String label, String value) {
        if (PLAIN.matcher(value).matches()) return label + "/" + value;
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return label + "@base64/" + (encoded.isEmpty() ? "=" : encoded);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    static final class Exposition {
        private final StringBuilder text = new StringBuilder();

        void type(String metric, String type, String help) {
            text.append("# HELP ").append(metric).append(' ').append(help).append('\n');
            text.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
        }

        void sample(String metric, double value, String... labels) {
            text.append(metric);
            if (labels.length > 0) {
                text.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    if (i > 0) text.append(',');
                    text.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
                }
                text.append('}');
            }
            text.append(' ').append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value)).append('\n');
        }

        private static String escape(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }

        String text() {
            return text.toString();
        }
    }

    /** Creates {@code type: prometheus} destinations. */
    public static final class Provider implements DestinationProvider {
        @Override
        public String type() {
            return "prometheus";
        }

        @Override
        public Destination create(DestinationSettings settings) {
            return new PrometheusDestination(settings);
        }
    }
}
