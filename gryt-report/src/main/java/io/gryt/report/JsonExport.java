package io.gryt.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.VerifyReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON export: one document written with a streaming generator, fields in a fixed order, nothing about the
 * export itself (no time of export), so that the same data gives the same bytes. Stored JSON (audit payloads,
 * gate reports) is embedded as JSON, not as strings.
 */
final class JsonExport implements ExportSink {
    /** The {@code format} value of the document. */
    static final String FORMAT = "gryt-audit-export";
    /** The {@code version} of the document's shape. */
    static final int VERSION = 1;

    /** Reads stored JSON keeping every number as written ({@code 16.0} stays {@code 16.0}). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final JsonGenerator json;
    private TrailVerification trail;

    JsonExport(Writer out) {
        try {
            json = JSON.getFactory().createGenerator(out);
            DefaultIndenter lines = new DefaultIndenter("  ", "\n");
            json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(lines).withArrayIndenter(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void begin(Header header) {
        trail = header.trail();
        write(() -> {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("version", VERSION);
            json.writeStringField("generation", header.generation());
            json.writeArrayFieldStart("generations");
        });
    }

    @Override
    public void beginGeneration(GenerationRow g) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("version", g.version());
            json.writeStringField("description", g.description());
            json.writeStringField("status", g.status());
            json.writeStringField("hotfix_of", g.hotfixOf());
            json.writeStringField("pipeline_template", g.pipelineTemplate());
            json.writeStringField("contract_sha256", g.contractHash());
            json.writeStringField("file", g.file());
            json.writeStringField("created_at", g.createdAt());
            json.writeStringField("promoted_at", g.promotedAt());
            json.writeArrayFieldStart("changes");
        });
    }

    @Override
    public void beginChange(ChangeRow c) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("id", c.id());
            json.writeStringField("type", c.type());
            json.writeStringField("title", c.title());
            json.writeStringField("description", c.description());
            json.writeArrayFieldStart("evolutions");
        });
    }

    @Override
    public void proof(ProofRow e) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("tag", e.tag());
            json.writeStringField("status", e.status());
            json.writeStringField("commit", e.commit());
            json.writeStringField("run_id", e.runId());
            json.writeEndObject();
        });
    }

    @Override
    public void endChange() {
        write(() -> {
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    @Override
    public void beginEvolutions() {
        write(() -> {
            json.writeEndArray();
            json.writeArrayFieldStart("evolutions");
        });
    }

    @Override
    public void evolution(EvolutionRow e) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("tag", e.tag());
            json.writeNumberField("rc", e.rc());
            json.writeStringField("status", e.status());
            json.writeArrayFieldStart("changes");
            for (String c : e.changes()) json.writeString(c);
            json.writeEndArray();
            json.writeStringField("commit", e.commit());
            json.writeStringField("run_id", e.runId());
            json.writeBooleanField("allow_dirty", e.allowDirty());
            json.writeStringField("policy_sha256", e.policyHash());
            json.writeStringField("created_at", e.createdAt());
            json.writeStringField("finished_at", e.finishedAt());
            json.writeFieldName("run");
            if (e.run() == null) {
                json.writeNull();
            } else {
                json.writeStartObject();
                json.writeStringField("pipeline", e.run().pipeline());
                json.writeStringField("status", e.run().status());
                json.writeStringField("started_at", e.run().startedAt());
                json.writeStringField("finished_at", e.run().finishedAt());
                json.writeEndObject();
            }
            json.writeArrayFieldStart("steps");
            for (StepRow s : e.steps()) step(s);
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void step(StepRow s) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", s.name());
        json.writeStringField("status", s.status());
        number("exit_code", s.exitCode());
        number("attempts", s.attempts());
        number("duration_ms", s.durationMs());
        json.writeStringField("started_at", s.startedAt());
        json.writeStringField("finished_at", s.finishedAt());
        json.writeStringField("error", s.error());
        json.writeArrayFieldStart("artifacts");
        for (RecordedRow r : s.recorded()) {
            if (!r.isArtifact()) continue;
            json.writeStartObject();
            json.writeStringField("path", r.name());
            if (r.number() == null) json.writeNullField("size"); else json.writeNumberField("size", r.number().longValue());
            json.writeStringField("sha256", r.sha256());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("metrics");
        for (RecordedRow r : s.recorded()) {
            if (!r.isMetric()) continue;
            json.writeStartObject();
            json.writeStringField("name", r.name());
            if (r.number() == null) json.writeNullField("value"); else json.writeNumberField("value", r.number());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("tests");
        for (RecordedRow r : s.recorded()) {
            if (!r.isTest()) continue;
            json.writeStartObject();
            json.writeStringField("name", r.name());
            json.writeStringField("status", r.testStatus());
            if (!r.testMessage().isEmpty()) json.writeStringField("message", r.testMessage());
            if (r.number() != null) json.writeNumberField("time_ms", r.number().longValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void beginPromotions() {
        write(() -> {
            json.writeEndArray();
            json.writeArrayFieldStart("promotions");
        });
    }

    @Override
    public void promotion(PromotionRow p) {
        write(() -> {
            json.writeStartObject();
            json.writeNumberField("id", p.id());
            json.writeStringField("status", p.status());
            json.writeStringField("tag", p.tag());
            json.writeStringField("commit", p.commit());
            json.writeStringField("started_at", p.startedAt());
            json.writeStringField("finished_at", p.finishedAt());
            json.writeFieldName("report");
            embedded(p.report());
            json.writeEndObject();
        });
    }

    @Override
    public void endGeneration() {
        write(() -> {
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    @Override
    public void beginEntries() {
        write(() -> {
            json.writeEndArray();
            json.writeArrayFieldStart("entries");
        });
    }

    @Override
    public void entry(AuditEntry e) {
        write(() -> {
            json.writeStartObject();
            json.writeNumberField("seq", e.seq());
            json.writeStringField("at", e.at().toString());
            json.writeStringField("actor", e.actor());
            json.writeStringField("event", e.event());
            json.writeFieldName("payload");
            embedded(e.payload());
            json.writeStringField("prev_hash", e.prevHash());
            json.writeStringField("hash", e.hash());
            json.writeEndObject();
        });
    }

    @Override
    public void end() {
        write(() -> {
            json.writeEndArray();
            json.writeObjectFieldStart("verify");
            json.writeStringField("status", trail.status().label());
            json.writeNumberField("entries", trail.entries());
            json.writeStringField("head", trail.head());
            json.writeStringField("reason", trail.reason());
            json.writeArrayFieldStart("problems");
            for (VerifyReport.Problem p : trail.problems()) {
                json.writeStartObject();
                json.writeNumberField("seq", p.seq());
                json.writeStringField("where", p.where());
                json.writeStringField("message", p.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        });
    }

    /** Stored JSON as JSON; text that does not parse is kept as a string, so nothing recorded is lost. */
    private void embedded(String stored) throws IOException {
        if (stored == null) {
            json.writeNull();
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(stored);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) json.writeString(stored);
        else json.writeTree(node);
    }

    private void number(String field, Long value) throws IOException {
        if (value == null) json.writeNullField(field);
        else json.writeNumberField(field, value);
    }

    private void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
