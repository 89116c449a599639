package io.gryt.report;

import io.gryt.report.ComplianceReport.Framework;
import io.gryt.report.ComplianceReport.Pointer;
import io.gryt.report.ComplianceReport.Practice;
import io.gryt.report.ComplianceReport.Status;

import static io.gryt.report.Html.code;
import static io.gryt.report.Html.status;
import static io.gryt.report.Html.text;

/** A compliance report as one self-contained HTML page (the audit report's style sheet; every text escaped). */
final class ComplianceHtml {
    private ComplianceHtml() {
    }

    static String render(ComplianceReport r) {
        StringBuilder b = new StringBuilder(Html.head("gryt compliance report"
                + (r.generation() == null ? "" : " " + r.generation())));
        b.append("<main>\n<header class=\"report\">\n<h1>gryt compliance report</h1>\n<dl class=\"facts\">");
        fact(b, "Scope", ComplianceText.scope(r));
        fact(b, "Releases assessed", r.releases().isEmpty() ? "none" : String.join(", ", r.releases()));
        if (!r.unreleased().isEmpty()) fact(b, "Without a completed promotion", String.join(", ", r.unreleased()));
        fact(b, "Result", r.evidenced().size() + " evidenced, " + r.gaps().size() + " gaps");
        b.append("</dl>\n<div class=\"verify ").append(Html.statusClass(r.trail().status().label()))
                .append("\" id=\"verify\">Audit trail ").append(text(r.trail().summary())).append("</div>\n<p class=\"muted\">")
                .append(text(ComplianceText.PREAMBLE)).append("</p>\n</header>\n");
        for (Framework f : Framework.values()) {
            b.append("<section class=\"framework\">\n<h2>").append(text(f.title())).append(": ")
                    .append(text(f.subtitle())).append("</h2>\n");
            b.append("<table class=\"summary\"><thead><tr><th>Id</th><th>Practice</th><th>Status</th></tr></thead><tbody>\n");
            for (Practice p : r.practices()) {
                if (p.framework() != f) continue;
                b.append("<tr><td><a href=\"#").append(Html.anchor("p-", p.id())).append("\">").append(text(p.id()))
                        .append("</a></td><td>").append(text(p.name())).append("</td><td>")
                        .append(status(p.status().label())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
            for (Practice p : r.practices()) {
                if (p.framework() == f) practice(b, p);
            }
            b.append("</section>\n");
        }
        b.append("</main>\n<footer>Made by gryt from the project's record. This page is self-contained: it loads"
                + " nothing and runs no script.</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void practice(StringBuilder b, Practice p) {
        b.append("<article id=\"").append(Html.anchor("p-", p.id())).append("\">\n<h4>").append(text(p.id())).append(' ')
                .append(text(p.name())).append(' ').append(status(p.status().label())).append("</h4>\n");
        if (p.status() == Status.GAP) {
            b.append("<p>").append(text(p.finding())).append("</p>\n</article>\n");
            return;
        }
        if (!p.tasks().isEmpty()) {
            b.append("<p class=\"meta\">tasks ").append(text(String.join(", ", p.tasks()))).append("</p>\n");
        }
        b.append("<p>").append(text(p.finding())).append("</p>\n<table class=\"pointers\"><thead><tr><th>Evidence</th>"
                + "<th>What it shows</th></tr></thead><tbody>\n");
        for (Pointer pointer : p.pointers()) {
            b.append("<tr><td>").append(code(pointer.ref())).append("</td><td class=\"wrap\">")
                    .append(text(pointer.detail())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (p.notCovered() != null) {
            b.append("<p class=\"muted\">Not covered: ").append(text(p.notCovered())).append("</p>\n");
        }
        b.append("</article>\n");
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<dt>").append(text(name)).append("</dt><dd>").append(text(value)).append("</dd>");
    }
}
