package io.gryt.report;

import io.gryt.report.ComplianceReport.Framework;
import io.gryt.report.ComplianceReport.Pointer;
import io.gryt.report.ComplianceReport.Practice;
import io.gryt.report.ComplianceReport.Status;

/** A compliance report as Markdown: scope and trail, a summary table, then each practice with its evidence or gap. */
final class ComplianceMarkdown {
    private ComplianceMarkdown() {
    }

    static String render(ComplianceReport r) {
        StringBuilder b = new StringBuilder("# gryt compliance report\n\n");
        b.append("- Scope: ").append(ComplianceText.scope(r)).append('\n');
        b.append("- Releases assessed: ").append(r.releases().isEmpty() ? "none" : String.join(", ", r.releases()))
                .append('\n');
        if (!r.unreleased().isEmpty()) {
            b.append("- Without a completed promotion: ").append(String.join(", ", r.unreleased())).append('\n');
        }
        b.append("- Audit trail: ").append(r.trail().summary()).append('\n');
        b.append("- Result: ").append(r.evidenced().size()).append(" evidenced, ").append(r.gaps().size())
                .append(" gaps\n\n");
        b.append(ComplianceText.PREAMBLE).append("\n\n");
        for (Framework f : Framework.values()) {
            b.append("## ").append(f.title()).append(": ").append(f.subtitle()).append("\n\n");
            b.append("| Id | Practice | Status |\n|---|---|---|\n");
            for (Practice p : r.practices()) {
                if (p.framework() != f) continue;
                b.append("| ").append(p.id()).append(" | ").append(cell(p.name())).append(" | ")
                        .append(p.status().label()).append(" |\n");
            }
            b.append('\n');
            for (Practice p : r.practices()) {
                if (p.framework() == f) practice(b, p);
            }
        }
        return b.toString();
    }

    private static void practice(StringBuilder b, Practice p) {
        b.append("### ").append(p.id()).append(' ').append(p.name()).append(": ").append(p.status().label())
                .append("\n\n");
        if (p.status() == Status.EVIDENCED) {
            if (!p.tasks().isEmpty()) b.append("Tasks: ").append(String.join(", ", p.tasks())).append("\n\n");
            b.append("Finding: ").append(p.finding()).append("\n\nEvidence:\n\n");
            for (Pointer pointer : p.pointers()) {
                b.append("- `").append(pointer.ref().replace("`", "'")).append("`: ").append(pointer.detail())
                        .append('\n');
            }
            if (p.notCovered() != null) b.append("\nNot covered: ").append(p.notCovered()).append('\n');
        } else {
            b.append("Gap: ").append(p.finding()).append('\n');
        }
        b.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
