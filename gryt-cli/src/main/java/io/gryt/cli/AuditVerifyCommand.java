package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.audit.VerifyReport.Problem;
import io.gryt.core.Gryt;
import io.gryt.core.audit.AuditVerifier.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code gryt audit verify [--json]}: exit 0 when the trail and its anchors are intact, 1 when not. */
@Command(name = "verify", description = "Recompute the audit chain, check every record against it and the release"
        + " tags' anchors (exit 1 when broken).")
final class AuditVerifyCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand parent;

    @Option(names = "--json", description = "Print the result and every problem as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintStream out = parent.gryt.out;
        try (Gryt g = parent.open()) {
            AuditVerification verification = g.verifyAudit();
            VerifyReport report = verification.report();
            if (json) {
                Json.print(out, json(verification));
            } else if (report.intact()) {
                out.println("audit trail intact: " + report.entries() + (report.entries() == 1 ? " entry" : " entries")
                        + ", head " + (report.head() == null ? "-" : report.head()) + ", "
                        + verification.anchorsChecked() + " release " + (verification.anchorsChecked() == 1 ? "anchor" : "anchors")
                        + ", " + verification.evolutionTagsChecked() + " evolution "
                        + (verification.evolutionTagsChecked() == 1 ? "tag" : "tags") + " checked");
            } else {
                Problem first = report.problems().get(0);
                int more = report.problems().size() - 1;
                String at = first.seq() != 0 ? "entry " + first.seq()
                        : first.where().startsWith("tag ") ? "an evolution tag" : "a row that no entry describes";
                out.println("audit trail broken at " + at
                        + ": " + first.where() + ": " + first.message()
                        + (more == 0 ? "" : " (and " + more + " more " + (more == 1 ? "problem" : "problems")
                        + "; --json lists them all)"));
            }
            return report.intact() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static ObjectNode json(AuditVerification verification) {
        VerifyReport report = verification.report();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("intact", report.intact());
        n.put("entries", report.entries());
        n.put("head", report.head());
        n.put("anchors_checked", verification.anchorsChecked());
        n.put("evolution_tags_checked", verification.evolutionTagsChecked());
        ArrayNode problems = n.putArray("problems");
        for (Problem p : report.problems()) {
            problems.addObject().put("seq", p.seq()).put("where", p.where()).put("message", p.message());
        }
        return n;
    }
}
