package io.gryt.report;

import io.gryt.api.read.FlakyStep;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;

import java.util.Locale;

import static io.gryt.report.Html.code;
import static io.gryt.report.Html.status;
import static io.gryt.report.Html.text;

/** A {@link StatusPage} as one self-contained HTML page (the audit report's style sheet; every text escaped). */
final class StatusHtml {
    private StatusHtml() {
    }

    static String render(StatusPage p) {
        StringBuilder b = new StringBuilder(Html.head("gryt status: " + p.project()));
        b.append("<main>\n<header class=\"report\">\n<h1>gryt status: ").append(text(p.project())).append("</h1>\n")
                .append("<p class=\"muted\">as of ").append(text(StatusText.time(p.takenAt()))).append("</p>\n");
        b.append("<p>").append(text(StatusText.statsLine(p.stats()))).append("</p>\n");
        if (!p.alerts().isEmpty()) {
            b.append("<div class=\"verify broken\" id=\"alerts\">");
            for (String a : p.alerts()) b.append("<p>").append(text(a)).append("</p>");
            b.append("</div>\n");
        }
        b.append("</header>\n");

        b.append("<section id=\"generations\">\n<h2>Generations</h2>\n");
        if (p.generations().isEmpty()) b.append("<p class=\"muted\">none recorded</p>\n");
        for (StatusPage.GenerationLine g : p.generations()) {
            b.append("<article id=\"").append(Html.anchor("g-", g.version())).append("\">\n<h4>").append(text(g.version()))
                    .append(' ').append(badge(g.status().replace(' ', '_').replace('-', '_'), g.status())).append(" <span class=\"meta\">")
                    .append(text(StatusText.progress(g))).append("</span></h4>\n");
            if (!g.changes().isEmpty()) {
                b.append("<table><thead><tr><th>Change</th><th>Title</th><th>Latest evolution</th><th>Status</th>"
                        + "</tr></thead><tbody>\n");
                for (ChangeEvidence c : g.changes()) {
                    b.append("<tr><td>").append(code(c.change().id())).append("</td><td>").append(text(c.change().title()))
                            .append("</td><td>").append(c.latest() == null ? "-" : code(c.latest().tag())).append("</td><td>")
                            .append(c.latest() == null ? status("unproven") : status(c.latest().status().label()))
                            .append("</td></tr>\n");
                }
                b.append("</tbody></table>\n");
            }
            b.append("</article>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"running\">\n<h2>Running</h2>\n");
        if (p.running().isEmpty()) b.append("<p class=\"muted\">nothing running</p>\n");
        for (StatusPage.LiveRun r : p.running()) {
            b.append("<h4>").append(text(r.run().pipelineName())).append(' ').append(code(r.run().id())).append("</h4>\n")
                    .append("<table><thead><tr><th>Step</th><th>Status</th><th>Elapsed</th></tr></thead><tbody>\n");
            for (StepRun s : r.steps()) {
                b.append("<tr><td>").append(text(s.name())).append("</td><td>").append(status(s.status().label()))
                        .append("</td><td>").append(text(StatusText.elapsed(s, p.takenAt()))).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"activity\">\n<h2>Recent activity</h2>\n<h3>Evolutions</h3>\n");
        b.append("<table><thead><tr><th>Tag</th><th>Status</th><th>Changes</th><th>Created</th></tr></thead><tbody>\n");
        for (Evolution e : p.recent()) {
            b.append("<tr><td>").append(code(e.tag())).append("</td><td>").append(status(e.status().label()))
                    .append("</td><td>").append(text(String.join(", ", e.changes()))).append("</td><td>")
                    .append(e.createdAt() == null ? "-" : text(StatusText.time(e.createdAt()))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<h3>Pipeline runs</h3>\n");
        b.append("<table><thead><tr><th>Pipeline</th><th>Status</th><th>Started</th><th>Run</th></tr></thead><tbody>\n");
        for (PipelineRun r : p.recentRuns()) {
            b.append("<tr><td>").append(text(r.pipelineName())).append("</td><td>").append(status(r.status().label()))
                    .append("</td><td>").append(r.startedAt() == null ? "-" : text(StatusText.time(r.startedAt())))
                    .append("</td><td>").append(code(r.id())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");

        b.append("<section id=\"stats\">\n<h2>Stats</h2>\n<dl class=\"facts\">");
        StatusPage.Stats s = p.stats();
        fact(b, "Finished runs", Long.toString(s.finishedRuns()));
        fact(b, "Pass rate", s.passRate() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", s.passRate() * 100));
        fact(b, "Mean duration", StatusText.duration(s.mean()));
        fact(b, "p95 duration", StatusText.duration(s.p95()));
        StringBuilder flaky = new StringBuilder();
        for (FlakyStep f : s.flaky()) flaky.append(flaky.length() == 0 ? "" : ", ").append(f.step()).append(" (").append(f.runs()).append(')');
        fact(b, "Flaky steps", flaky.length() == 0 ? "none" : flaky.toString());
        b.append("</dl>\n</section>\n");
        b.append("</main>\n<footer>Made by gryt status from the project's record. This page is self-contained: it loads"
                + " nothing and runs no script.</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String badge(String cssClass, String label) {
        return "<span class=\"status " + Html.statusClass(cssClass) + "\">" + text(label) + "</span>";
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<dt>").append(text(name)).append("</dt><dd>").append(text(value)).append("</dd>");
    }
}
