package io.gryt.report;

import io.gryt.api.RunStatus;
import io.gryt.api.read.FlakyStep;
import io.gryt.api.read.GenerationRecord;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import io.gryt.core.metrics.MetricValue;
import io.gryt.core.metrics.Metrics;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a team looks at to know where its releases and runs stand, read at one moment through {@link Gryt}'s typed
 * reads: generations with their progress, pipelines running now with their steps, recent activity, run statistics
 * and alerts. {@code gryt status} prints it as text, JSON or a self-contained HTML page; {@code gryt dashboard} shows
 * it live.
 *
 * @param project     the project's directory name
 * @param takenAt     when it was read
 * @param generations every stored generation, oldest first
 * @param running     the pipeline runs still running, newest first
 * @param recent      the most recent evolutions, newest first
 * @param recentRuns  the most recent pipeline runs, newest first
 * @param stats       statistics over every finished run
 * @param alerts      what needs someone's attention, most important first (empty when all is well)
 */
public record StatusPage(String project, Instant takenAt, List<GenerationLine> generations, List<LiveRun> running,
                         List<Evolution> recent, List<PipelineRun> recentRuns, Stats stats, List<String> alerts) {
    /** How many recent evolutions and runs a page lists. */
    public static final int RECENT = 8;

    public StatusPage {
        Objects.requireNonNull(takenAt, "takenAt");
        generations = List.copyOf(generations);
        running = List.copyOf(running);
        recent = List.copyOf(recent);
        recentRuns = List.copyOf(recentRuns);
        alerts = List.copyOf(alerts);
    }

    /**
     * One generation and how far it is proven.
     *
     * @param version  its version
     * @param status   {@code draft}, {@code in progress} (an evolution pending or running), {@code promoted} or
     *                 {@code hot-fix} (a hot-fix not yet promoted)
     * @param hotfixOf the version it hot-fixes, or {@code null}
     * @param changes  per declared change, its evidence
     */
    public record GenerationLine(String version, String status, String hotfixOf, List<ChangeEvidence> changes) {
        public GenerationLine {
            Objects.requireNonNull(version, "version");
            changes = List.copyOf(changes);
        }

        /** Changes whose latest finished evolution passed. */
        public int proven() {
            return (int) changes.stream().filter(ChangeEvidence::proven).count();
        }

        /** Changes the contract declares. */
        public int declared() {
            return changes.size();
        }
    }

    /**
     * A pipeline run still running, with its steps as stored.
     *
     * @param run   the run
     * @param steps its steps, in the order they started
     */
    public record LiveRun(PipelineRun run, List<StepRun> steps) {
        public LiveRun {
            Objects.requireNonNull(run, "run");
            steps = List.copyOf(steps);
        }
    }

    /**
     * Statistics over finished pipeline runs.
     *
     * @param finishedRuns how many runs ended in pass or fail
     * @param passRate     the share that passed, or {@code null} without runs
     * @param mean         their mean duration, or {@code null}
     * @param p95          the 95th percentile of their durations, or {@code null}
     * @param flaky        steps that failed and then passed
     */
    public record Stats(long finishedRuns, Double passRate, Duration mean, Duration p95, List<FlakyStep> flaky) {
        public Stats {
            flaky = List.copyOf(flaky);
        }
    }

    /** Reads the page now. */
    public static StatusPage read(Gryt gryt) {
        Instant now = Instant.now();
        List<Evolution> recent = gryt.recentEvolutions(RECENT);
        Set<String> inProgress = new HashSet<>();
        for (Evolution e : recent) {
            if (e.status() == EvolutionStatus.PENDING || e.status() == EvolutionStatus.RUNNING) inProgress.add(e.generation());
        }
        Map<String, List<ChangeEvidence>> evidence = gryt.evidenceOfAll();
        List<GenerationLine> generations = new ArrayList<>();
        for (GenerationRecord g : gryt.storedGenerations()) {
            String status = "promoted".equals(g.status()) ? "promoted"
                    : inProgress.contains(g.version()) ? "in progress"
                    : g.hotfixOf() != null ? "hot-fix" : "draft";
            generations.add(new GenerationLine(g.version(), status, g.hotfixOf(),
                    evidence.getOrDefault(g.version(), List.of())));
        }
        List<PipelineRun> runs = gryt.recentRuns(RECENT);
        List<LiveRun> running = new ArrayList<>();
        for (PipelineRun r : runs) {
            if (r.status() == RunStatus.RUNNING) running.add(new LiveRun(r, gryt.steps(r.id())));
        }
        Stats stats = stats(gryt.metrics());
        return new StatusPage(gryt.projectDir().getFileName() == null ? gryt.projectDir().toString()
                : gryt.projectDir().getFileName().toString(), now, generations, running, recent, runs, stats,
                alerts(generations, recent, runs, stats));
    }

    private static Stats stats(Metrics metrics) {
        List<MetricValue> values = metrics.computeAll(List.of("pass_rate", "mean_duration", "p95_duration", "flaky_steps"),
                Optional.empty());
        MetricValue pass = values.get(0);
        MetricValue mean = values.get(1);
        MetricValue p95 = values.get(2);
        List<FlakyStep> flaky = values.get(3).details().stream().map(d -> new FlakyStep(d.label(), d.count())).toList();
        return new Stats(pass.sample(), pass.value(), seconds(mean.value()), seconds(p95.value()), flaky);
    }

    private static Duration seconds(Double value) {
        return value == null ? null : Duration.ofMillis(Math.round(value * 1000));
    }

    private static List<String> alerts(List<GenerationLine> generations, List<Evolution> recent, List<PipelineRun> runs,
                                       Stats stats) {
        List<String> alerts = new ArrayList<>();
        for (GenerationLine g : generations) {
            if (g.status().equals("promoted")) continue;
            for (ChangeEvidence c : g.changes()) {
                if (c.latest() != null && c.latest().status() == EvolutionStatus.FAIL) {
                    alerts.add(g.version() + ": " + c.change().id() + " failed in " + c.latest().tag());
                }
            }
        }
        for (Evolution e : recent) {
            if (e.status() == EvolutionStatus.INTERRUPTED) alerts.add(e.tag() + " was interrupted");
        }
        for (PipelineRun r : runs) {
            if (r.status() == RunStatus.INTERRUPTED) alerts.add("run " + r.id() + " (" + r.pipelineName() + ") was interrupted");
        }
        for (FlakyStep f : stats.flaky()) {
            alerts.add("step " + f.step() + " is flaky (failed then passed in " + f.runs() + (f.runs() == 1 ? " run)" : " runs)"));
        }
        return alerts;
    }

    /** The generation {@code version}, when stored. */
    public Optional<GenerationLine> generation(String version) {
        return generations.stream().filter(g -> g.version().equals(version)).findFirst();
    }

    /** As plain text, lines of at most about 80 columns. */
    public String text() {
        return StatusText.render(this);
    }

    /** As JSON (format {@code gryt-status}, version 1). */
    public String json() {
        return StatusJson.render(this);
    }

    /** As one self-contained HTML page: it loads nothing and runs no script. */
    public String html() {
        return StatusHtml.render(this);
    }

    /** Writes the text to {@code out}. */
    public void printTo(OutputStream out) {
        PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
        p.print(text());
        p.flush();
    }

    /** Writes the HTML page to {@code file} atomically. */
    public void writeHtml(Path file) {
        AtomicFile.write(file, out -> out.write(html().getBytes(StandardCharsets.UTF_8)));
    }
}
