package io.gryt.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.Artifact;
import io.gryt.api.GrytException;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.spi.ProcessOwner;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON a promotion record keeps: the gate report, the artifacts, the contract hash and (while pending)
 * the process writing it, so that recovery can tell a crashed promotion from one in progress.
 * {@link #toNode} is also the promotion's {@code --json} shape.
 */
public final class PromotionReports {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PromotionReports() {
    }

    /**
     * A promotion as JSON: {@code generation, tag, commit, status, gates[{gate, passed, summary, problems}],
     * artifacts[{path, size, sha256}]}. The one shape the stored report and {@code --json} output share.
     */
    public static ObjectNode toNode(Promotion p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generation", p.generation());
        root.put("tag", p.tag());
        root.put("commit", p.commit());
        root.put("status", p.status().label());
        ArrayNode gates = root.putArray("gates");
        for (GateResult g : p.gates()) {
            ObjectNode n = gates.addObject();
            n.put("gate", g.gate());
            n.put("passed", g.passed());
            n.put("summary", g.summary());
            ArrayNode problems = n.putArray("problems");
            g.problems().forEach(problems::add);
        }
        putArtifacts(root.putArray("artifacts"), p.artifacts());
        return root;
    }

    /** Adds {@code {path, size, sha256}} objects for {@code artifacts} to {@code into}. */
    public static void putArtifacts(ArrayNode into, List<Artifact> artifacts) {
        for (Artifact a : artifacts) {
            ObjectNode n = into.addObject();
            n.put("path", a.path());
            n.put("size", a.size());
            n.put("sha256", a.sha256());
        }
    }

    public static String toJson(Promotion p, String contractHash, ProcessOwner owner) {
        return toJson(p, contractHash, null, owner);
    }

    /**
     * The stored report: {@link #toNode} with the contract's hash, the policy's ({@code policy_sha256}, when the
     * project has a policy) and, while pending, the process writing it.
     */
    public static String toJson(Promotion p, String contractHash, String policyHash, ProcessOwner owner) {
        ObjectNode root = toNode(p);
        root.put("contract_sha256", contractHash);
        if (policyHash != null) root.put("policy_sha256", policyHash);
        if (owner != null) {
            ObjectNode o = root.putObject("owner");
            o.put("pid", owner.pid());
            o.put("host", owner.host());
            o.put("start", owner.processStart() == null ? null : owner.processStart().toString());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new GrytException("cannot write the promotion report: " + e.getMessage(), e);
        }
    }

    public static Optional<String> contractHash(String json) {
        return text(read(json), "contract_sha256");
    }

    /** The policy hash a stored report recorded, if any. */
    public static Optional<String> policyHash(String json) {
        return text(read(json), "policy_sha256");
    }

    public static Optional<ProcessOwner> owner(String json) {
        JsonNode o = read(json).path("owner");
        if (!o.isObject()) return Optional.empty();
        Instant start = o.hasNonNull("start") ? Instant.parse(o.get("start").asText()) : null;
        return Optional.of(new ProcessOwner(o.path("pid").asLong(), o.path("host").asText(), start));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
