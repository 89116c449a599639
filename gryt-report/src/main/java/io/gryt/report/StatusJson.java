package io.gryt.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.read.FlakyStep;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** A {@link StatusPage} as JSON; the shape is documented in {@code docs/cli.md} and versioned by {@code version}. */
final class StatusJson {
    static final String FORMAT = "gryt-status";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    static String render(StatusPage p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("project", p.project());
        root.put("taken_at", p.takenAt().toString());
        ArrayNode generations = root.putArray("generations");
        for (StatusPage.GenerationLine g : p.generations()) {
            ObjectNode n = generations.addObject();
            n.put("version", g.version());
            n.put("status", g.status());
            n.put("hotfix_of", g.hotfixOf());
            n.put("proven", g.proven());
            n.put("declared", g.declared());
            ArrayNode changes = n.putArray("changes");
            for (ChangeEvidence c : g.changes()) {
                ObjectNode cn = changes.addObject();
                cn.put("id", c.change().id());
                cn.put("title", c.change().title());
                cn.put("proven", c.proven());
                cn.put("latest", c.latest() == null ? null : c.latest().tag());
                cn.put("latest_status", c.latest() == null ? null : c.latest().status().label());
                cn.put("latest_pass", c.latestPass() == null ? null : c.latestPass().tag());
            }
        }
        ArrayNode running = root.putArray("running");
        for (StatusPage.LiveRun r : p.running()) {
            ObjectNode n = run(running.addObject(), r.run());
            ArrayNode steps = n.putArray("steps");
            for (StepRun s : r.steps()) {
                ObjectNode sn = steps.addObject();
                sn.put("name", s.name());
                sn.put("status", s.status().label());
                sn.put("attempts", s.attempts());
                sn.put("started_at", text(s.startedAt()));
                sn.put("finished_at", text(s.finishedAt()));
                sn.put("elapsed_ms", s.startedAt() == null ? null
                        : Duration.between(s.startedAt(), s.finishedAt() == null ? p.takenAt() : s.finishedAt()).toMillis());
            }
        }
        ArrayNode recent = root.putArray("recent_evolutions");
        for (Evolution e : p.recent()) {
            ObjectNode n = recent.addObject();
            n.put("tag", e.tag());
            n.put("generation", e.generation());
            n.put("status", e.status().label());
            e.changes().forEach(n.putArray("changes")::add);
            n.put("run_id", e.runId());
            n.put("created_at", text(e.createdAt()));
            n.put("finished_at", text(e.finishedAt()));
        }
        ArrayNode runs = root.putArray("recent_runs");
        for (PipelineRun r : p.recentRuns()) run(runs.addObject(), r);
        ObjectNode stats = root.putObject("stats");
        stats.put("finished_runs", p.stats().finishedRuns());
        stats.put("pass_rate", p.stats().passRate());
        stats.put("mean_seconds", seconds(p.stats().mean()));
        stats.put("p95_seconds", seconds(p.stats().p95()));
        ArrayNode flaky = stats.putArray("flaky_steps");
        for (FlakyStep f : p.stats().flaky()) flaky.addObject().put("step", f.step()).put("runs", f.runs());
        p.alerts().forEach(root.putArray("alerts")::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode run(ObjectNode n, PipelineRun r) {
        n.put("id", r.id());
        n.put("pipeline", r.pipelineName());
        n.put("status", r.status().label());
        n.put("started_at", text(r.startedAt()));
        n.put("finished_at", text(r.finishedAt()));
        return n;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }
}
