package io.gryt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.core.release.GenerationSync;
import io.gryt.core.format.PromotionReports;

import java.io.PrintStream;
import java.util.List;

/** The JSON shapes of {@code --json} output (documented in docs/cli.md); field names are stable. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(PrintStream out, Object node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode generation(Generation g, List<ChangeEvidence> evidence) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", g.version());
        n.put("status", g.status().label());
        n.put("description", g.description());
        n.put("pipeline_template", g.pipelineTemplate());
        n.put("hotfix_of", g.hotfixOf());
        n.put("contract_sha256", g.contractHash());
        n.put("promoted_at", g.promotedAt() == null ? null : g.promotedAt().toString());
        ArrayNode changes = n.putArray("changes");
        for (Change c : g.changes()) {
            ObjectNode cn = changes.addObject();
            cn.put("id", c.id());
            cn.put("type", c.type().label());
            cn.put("title", c.title());
            cn.put("description", c.description());
            if (c.pipeline() != null) cn.put("pipeline", c.pipeline());
            if (evidence != null) {
                ChangeEvidence ev = evidence.stream().filter(e -> e.change().id().equals(c.id())).findFirst().orElse(null);
                cn.put("proven", ev != null && ev.proven());
                cn.put("latest_evolution", ev == null || ev.latest() == null ? null : ev.latest().tag());
                cn.put("latest_status", ev == null || ev.latest() == null ? null : ev.latest().status().label());
            }
        }
        return n;
    }

    static ObjectNode sync(GenerationSync sync) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", sync.after().version());
        n.put("created", sync.created());
        n.put("changed", sync.changed());
        ArrayNode added = n.putArray("added");
        sync.added().forEach(c -> added.add(c.id()));
        ArrayNode removed = n.putArray("removed");
        sync.removed().forEach(c -> removed.add(c.id()));
        ArrayNode edited = n.putArray("edited");
        sync.edited().forEach(c -> edited.add(c.id()));
        n.put("reordered", sync.reordered());
        n.put("description_changed", sync.descriptionChanged());
        n.put("pipeline_template_changed", sync.pipelineTemplateChanged());
        n.set("generation", generation(sync.after(), null));
        return n;
    }

    static ObjectNode evolution(Evolution e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tag", e.tag());
        n.put("generation", e.generation());
        n.put("rc", e.rc());
        ArrayNode changes = n.putArray("changes");
        e.changes().forEach(changes::add);
        n.put("status", e.status().label());
        n.put("commit", e.commit());
        n.put("run_id", e.runId());
        n.put("allow_dirty", e.allowDirty());
        n.put("created_at", e.createdAt() == null ? null : e.createdAt().toString());
        n.put("finished_at", e.finishedAt() == null ? null : e.finishedAt().toString());
        if (e.policyHash() != null) n.put("policy_sha256", e.policyHash());
        return n;
    }

    static ObjectNode promotion(Promotion p) {
        return PromotionReports.toNode(p);
    }

    static ObjectNode run(RunResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("run_id", r.runId());
        n.put("pipeline", r.pipelineName());
        n.put("status", r.status().label());
        n.put("started_at", r.startedAt().toString());
        n.put("finished_at", r.finishedAt().toString());
        n.put("duration_ms", r.duration().toMillis());
        ArrayNode steps = n.putArray("steps");
        for (StepResult s : r.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("name", s.name());
            sn.put("status", s.status().label());
            if (s.exitCode() == null) sn.putNull("exit_code"); else sn.put("exit_code", s.exitCode());
            sn.put("attempts", s.attempts());
            sn.put("duration_ms", s.duration().toMillis());
            sn.put("log", s.logPath() == null ? null : s.logPath().toString());
            sn.put("error", s.error());
            PromotionReports.putArtifacts(sn.putArray("artifacts"), s.artifacts());
        }
        return n;
    }
}
