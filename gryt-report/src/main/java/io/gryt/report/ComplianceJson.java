package io.gryt.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.report.ComplianceReport.Pointer;
import io.gryt.report.ComplianceReport.Practice;

/** A compliance report as JSON; the shape is documented in {@code docs/cli.md} and versioned by {@code version}. */
final class ComplianceJson {
    static final String FORMAT = "gryt-compliance-report";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComplianceJson() {
    }

    static String render(ComplianceReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("generation", r.generation());
        r.releases().forEach(root.putArray("releases")::add);
        r.unreleased().forEach(root.putArray("unreleased")::add);
        ObjectNode trail = root.putObject("trail");
        trail.put("status", r.trail().status().label());
        trail.put("entries", r.trail().entries());
        trail.put("head", r.trail().head());
        trail.put("problems", r.trail().problems().size());
        trail.put("first_problem", r.trail().firstProblem().map(TrailVerification::describe).orElse(null));
        trail.put("reason", r.trail().reason());
        ObjectNode summary = root.putObject("summary");
        summary.put("evidenced", r.evidenced().size());
        summary.put("gaps", r.gaps().size());
        ArrayNode practices = root.putArray("practices");
        for (Practice p : r.practices()) {
            ObjectNode n = practices.addObject();
            n.put("framework", p.framework().title());
            n.put("id", p.id());
            n.put("name", p.name());
            n.put("status", p.status().label());
            p.tasks().forEach(n.putArray("tasks")::add);
            n.put("finding", p.finding());
            n.put("not_covered", p.notCovered());
            ArrayNode pointers = n.putArray("pointers");
            for (Pointer pointer : p.pointers()) pointers.addObject().put("ref", pointer.ref()).put("detail", pointer.detail());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }
}
