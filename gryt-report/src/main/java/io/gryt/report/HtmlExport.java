package io.gryt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.VerifyReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import static io.gryt.report.Html.code;
import static io.gryt.report.Html.status;
import static io.gryt.report.Html.text;

/**
 * The HTML report: one self-contained page (inline style sheet, no script, nothing loaded) written as the
 * export streams. A header with the project and the trail's verification, then per generation its contract,
 * each change with the evolutions that prove it, each evolution with its step results, artifacts and metrics,
 * and each promotion with its gate report; then the audit trail, one table row per entry. Every recorded text
 * is escaped.
 */
final class HtmlExport implements ExportSink {
    /** How many verification problems the header lists; the JSON export and {@code gryt audit verify} list all. */
    static final int PROBLEMS_SHOWN = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private String version;
    private boolean anyProof;
    private int evolutions;
    private int promotions;
    private long entries;

    HtmlExport(Writer out) {
        this.out = out;
    }

    @Override
    public void begin(Header h) {
        String scope = h.generation() == null ? "all generations" : "generation " + h.generation();
        w(Html.head("gryt audit report: " + h.title() + (h.generation() == null ? "" : " " + h.generation())));
        w("<main>\n<header class=\"report\">\n<h1>gryt audit report</h1>\n");
        w("<p class=\"meta\">project <strong>" + text(h.title()) + "</strong> &middot; " + text(scope) + "</p>\n");
        TrailVerification t = h.trail();
        w("<div class=\"verify " + Html.statusClass(t.status().label()) + "\" id=\"verify\">Audit trail "
                + text(t.summary()) + "</div>\n");
        if (t.problems().size() > 1) {
            w("<table class=\"problems\"><thead><tr><th>Seq</th><th>Where</th><th>Problem</th></tr></thead><tbody>\n");
            for (VerifyReport.Problem p : t.problems().subList(0, Math.min(PROBLEMS_SHOWN, t.problems().size()))) {
                w("<tr><td>" + (p.seq() > 0 ? p.seq() : "-") + "</td><td>" + text(p.where()) + "</td><td>"
                        + text(p.message()) + "</td></tr>\n");
            }
            w("</tbody></table>\n");
            if (t.problems().size() > PROBLEMS_SHOWN) {
                w("<p class=\"muted\">" + (t.problems().size() - PROBLEMS_SHOWN)
                        + " more problems: the JSON export and <code>gryt audit verify</code> list them all.</p>\n");
            }
        }
        if (h.versions().isEmpty()) {
            w("<p class=\"muted\">No generation is recorded" + (h.generation() == null ? "" : " as " + text(h.generation()))
                    + ".</p>\n");
        } else {
            w("<nav>");
            for (String v : h.versions()) w("<a href=\"#" + Html.anchor("gen-", v) + "\">" + text(v) + "</a>");
            w("<a href=\"#audit-trail\">audit trail</a></nav>\n");
        }
        w("</header>\n");
    }

    @Override
    public void beginGeneration(GenerationRow g) {
        version = g.version();
        evolutions = 0;
        promotions = 0;
        w("<section class=\"generation\" id=\"" + Html.anchor("gen-", g.version()) + "\">\n");
        w("<h2>Generation " + text(g.version()) + " " + status(g.status()) + "</h2>\n");
        if (g.description() != null && !g.description().isBlank()) w("<p>" + text(g.description()) + "</p>\n");
        w("<dl class=\"facts\">");
        fact("Contract SHA-256", g.contractHash() == null ? "not frozen (draft)" : null, g.contractHash());
        fact("Contract file", null, g.file());
        fact("Pipeline template", g.pipelineTemplate(), null);
        if (g.hotfixOf() != null) fact("Hot-fix of", g.hotfixOf(), null);
        fact("Created", Formats.display(g.createdAt()), null);
        if (g.promotedAt() != null) fact("Promoted", Formats.display(g.promotedAt()), null);
        w("</dl>\n<h3>Changes</h3>\n<table class=\"changes\"><thead><tr><th>Change</th><th>Type</th><th>Title</th>"
                + "<th>Proving evolutions (tag, status, commit, run)</th></tr></thead><tbody>\n");
    }

    private void fact(String name, String plain, String monospaced) {
        w("<dt>" + text(name) + "</dt><dd>" + (monospaced != null ? code(monospaced) : text(plain)) + "</dd>");
    }

    @Override
    public void beginChange(ChangeRow c) {
        anyProof = false;
        w("<tr><td>" + code(c.id()) + "</td><td>" + text(c.type()) + "</td><td>" + text(c.title())
                + (c.description() == null || c.description().isBlank() ? "" : "<br><span class=\"muted\">"
                + text(c.description()) + "</span>") + "</td><td><ul class=\"proofs\">");
    }

    @Override
    public void proof(ProofRow e) {
        anyProof = true;
        w("<li><a href=\"#" + Html.anchor("ev-", e.tag()) + "\">" + text(e.tag()) + "</a> " + status(e.status())
                + " commit " + code(Formats.abbrev(e.commit())) + " run " + code(e.runId()) + "</li>");
    }

    @Override
    public void endChange() {
        if (!anyProof) w("<li class=\"muted\">never evolved</li>");
        w("</ul></td></tr>\n");
    }

    @Override
    public void beginEvolutions() {
        w("</tbody></table>\n<h3>Evolutions</h3>\n");
    }

    @Override
    public void evolution(EvolutionRow e) {
        evolutions++;
        w("<article class=\"evolution\" id=\"" + Html.anchor("ev-", e.tag()) + "\">\n<h4>" + text(e.tag()) + " "
                + status(e.status()) + "</h4>\n");
        StringBuilder meta = new StringBuilder("proves ").append(text(String.join(", ", e.changes())))
                .append(" &middot; commit ").append(code(e.commit()));
        if (e.allowDirty()) meta.append(" (with uncommitted changes)");
        if (e.policyHash() != null) meta.append(" &middot; policy ").append(code(e.policyHash().substring(0, 12)));
        if (e.run() != null) {
            meta.append(" &middot; run ").append(code(e.run().id())).append(" (").append(text(e.run().pipeline()))
                    .append(", ").append(text(e.run().status())).append(')');
        } else {
            meta.append(" &middot; no run recorded");
        }
        meta.append(" &middot; ").append(text(Formats.display(e.createdAt()))).append(" &rarr; ")
                .append(text(Formats.display(e.finishedAt())));
        w("<p class=\"meta\">" + meta + "</p>\n");
        if (!e.steps().isEmpty()) {
            w("<table class=\"steps\"><thead><tr><th>Step</th><th>Status</th><th>Attempts</th><th>Exit</th>"
                    + "<th>Duration</th><th>Error</th></tr></thead><tbody>\n");
            for (StepRow s : e.steps()) {
                w("<tr><td>" + text(s.name()) + "</td><td>" + status(s.status()) + "</td><td>"
                        + (s.attempts() == null ? "-" : s.attempts()) + "</td><td>"
                        + (s.exitCode() == null ? "-" : s.exitCode()) + "</td><td>" + Formats.duration(s.durationMs())
                        + "</td><td>" + (s.error() == null ? "" : text(s.error())) + "</td></tr>\n");
            }
            w("</tbody></table>\n");
            recorded(e.steps());
        }
        w("</article>\n");
    }

    private void recorded(List<StepRow> steps) {
        boolean artifacts = false;
        boolean metrics = false;
        int tests = 0;
        int failedTests = 0;
        for (StepRow s : steps) {
            for (RecordedRow r : s.recorded()) {
                if (r.isArtifact()) artifacts = true;
                if (r.isMetric()) metrics = true;
                if (r.isTest()) tests++;
                if (r.isFailedTest()) failedTests++;
            }
        }
        if (artifacts) {
            w("<table class=\"artifacts\"><thead><tr><th>Artifact</th><th>Step</th><th>Size</th><th>SHA-256</th>"
                    + "</tr></thead><tbody>\n");
            for (StepRow s : steps) {
                for (RecordedRow r : s.recorded()) {
                    if (!r.isArtifact()) continue;
                    w("<tr><td>" + text(r.name()) + "</td><td>" + text(s.name()) + "</td><td>" + Formats.size(r.number())
                            + "</td><td class=\"wrap\">" + code(r.sha256()) + "</td></tr>\n");
                }
            }
            w("</tbody></table>\n");
        }
        if (metrics) {
            w("<table class=\"metrics\"><thead><tr><th>Metric</th><th>Step</th><th>Value</th></tr></thead><tbody>\n");
            for (StepRow s : steps) {
                for (RecordedRow r : s.recorded()) {
                    if (!r.isMetric()) continue;
                    w("<tr><td>" + text(r.name()) + "</td><td>" + text(s.name()) + "</td><td>"
                            + text(Formats.number(r.number())) + "</td></tr>\n");
                }
            }
            w("</tbody></table>\n");
        }
        if (tests > 0) tests(steps, tests, failedTests);
    }

    /** The test cases of the steps' JUnit reports: a count, then each failed or errored one with its message. */
    private void tests(List<StepRow> steps, int tests, int failed) {
        w("<p class=\"tests\">" + tests + " test cases recorded, " + failed + " failed</p>\n");
        if (failed == 0) return;
        w("<table class=\"tests\"><thead><tr><th>Failed test</th><th>Step</th><th>Status</th><th>Message</th></tr>"
                + "</thead><tbody>\n");
        for (StepRow s : steps) {
            for (RecordedRow r : s.recorded()) {
                if (!r.isFailedTest()) continue;
                w("<tr><td>" + text(r.name()) + "</td><td>" + text(s.name()) + "</td><td>" + status(r.testStatus())
                        + "</td><td class=\"wrap\">" + text(r.testMessage()) + "</td></tr>\n");
            }
        }
        w("</tbody></table>\n");
    }

    @Override
    public void beginPromotions() {
        if (evolutions == 0) w("<p class=\"muted\">No evolution of " + text(version) + " is recorded.</p>\n");
        w("<h3>Promotions</h3>\n");
    }

    @Override
    public void promotion(PromotionRow p) {
        promotions++;
        w("<article class=\"promotion\" id=\"promotion-" + p.id() + "\">\n<h4>Promotion #" + p.id() + " "
                + status(p.status()) + "</h4>\n");
        w("<p class=\"meta\">tag " + text(p.tag()) + " &middot; commit " + code(p.commit()) + " &middot; "
                + text(Formats.display(p.startedAt())) + (p.finishedAt() == null ? "" : " &rarr; "
                + text(Formats.display(p.finishedAt()))) + "</p>\n");
        JsonNode report = parse(p.report());
        if (report == null) {
            w("<p class=\"muted\">gate report: " + text(p.report() == null ? "none recorded" : p.report()) + "</p>\n");
        } else {
            gates(report);
        }
        w("</article>\n");
    }

    private void gates(JsonNode report) {
        if (report.hasNonNull("contract_sha256")) {
            w("<p class=\"meta\">contract SHA-256 at promotion " + code(report.get("contract_sha256").asText()) + "</p>\n");
        }
        w("<table class=\"gates\"><thead><tr><th>Gate</th><th>Result</th><th>Summary</th><th>Problems</th></tr>"
                + "</thead><tbody>\n");
        for (JsonNode g : report.path("gates")) {
            boolean passed = g.path("passed").asBoolean(false);
            StringBuilder problems = new StringBuilder();
            for (JsonNode problem : g.path("problems")) {
                if (!problems.isEmpty()) problems.append("<br>");
                problems.append(text(problem.asText()));
            }
            w("<tr><td>" + text(g.path("gate").asText()) + "</td><td>" + status(passed ? "passed" : "blocked")
                    + "</td><td>" + text(g.path("summary").asText()) + "</td><td>" + problems + "</td></tr>\n");
        }
        w("</tbody></table>\n");
        JsonNode artifacts = report.path("artifacts");
        if (artifacts.isArray() && !artifacts.isEmpty()) {
            w("<table class=\"artifacts\"><thead><tr><th>Released artifact</th><th>Size</th><th>SHA-256</th></tr>"
                    + "</thead><tbody>\n");
            for (JsonNode a : artifacts) {
                w("<tr><td>" + text(a.path("path").asText()) + "</td><td>"
                        + Formats.size(a.hasNonNull("size") ? a.get("size").asDouble() : null) + "</td><td class=\"wrap\">"
                        + code(a.path("sha256").asText()) + "</td></tr>\n");
            }
            w("</tbody></table>\n");
        }
    }

    @Override
    public void endGeneration() {
        if (promotions == 0) w("<p class=\"muted\">No promotion of " + text(version) + " is recorded.</p>\n");
        w("</section>\n");
    }

    @Override
    public void beginEntries() {
        w("<section class=\"trail\" id=\"audit-trail\">\n<h2>Audit trail</h2>\n");
    }

    @Override
    public void entry(AuditEntry e) {
        if (entries++ == 0) {
            w("<table class=\"entries\"><thead><tr><th>Seq</th><th>Time</th><th>Actor</th><th>Event</th>"
                    + "<th>Payload</th><th>Hash</th></tr></thead><tbody>\n");
        }
        w("<tr><td>" + e.seq() + "</td><td>" + text(Formats.display(e.at().toString())) + "</td><td>" + text(e.actor())
                + "</td><td>" + text(e.event()) + "</td><td class=\"wrap\">" + code(e.payload()) + "</td><td>"
                + code(Formats.abbrev(e.hash())) + "</td></tr>\n");
    }

    @Override
    public void end() {
        if (entries == 0) w("<p class=\"muted\">No audit entries in this export.</p>\n");
        else w("</tbody></table>\n<p class=\"muted\">" + entries + (entries == 1 ? " entry" : " entries") + ".</p>\n");
        w("</section>\n</main>\n<footer>Exported by gryt. This page is self-contained: it loads nothing and runs no script."
                + "</footer>\n</body>\n</html>\n");
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) return null;
        try {
            JsonNode n = JSON.readTree(json);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void w(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
