package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gryt.core.doctor.Check;
import io.gryt.core.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code gryt doctor [--json]}: what stops this machine or project from working with gryt, and what to fix; exit 0 only when healthy. */
@Command(name = "doctor", description = "Check Java, git, the project, its database, files, catalogs and the tools its pipelines call.")
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<Check> checks = Doctor.examine(gryt.workingDir(), gryt.env.get("PATH"));
        boolean healthy = Doctor.healthy(checks);
        long problems = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        if (json) {
            var root = Json.MAPPER.createObjectNode().put("healthy", healthy);
            ArrayNode arr = root.putArray("checks");
            for (Check c : checks) {
                arr.addObject().put("topic", c.topic()).put("status", c.status().name().toLowerCase(Locale.ROOT))
                        .put("detail", c.detail());
            }
            Json.print(gryt.out, root);
        } else {
            Table t = new Table("STATUS", "CHECK", "DETAIL");
            for (Check c : checks) t.row(label(c.status()), c.topic(), c.detail());
            t.print(gryt.out);
            gryt.out.println(healthy ? "healthy" : problems + (problems == 1 ? " problem" : " problems")
                    + ": fix " + (problems == 1 ? "it" : "them") + " and run gryt doctor again");
        }
        return healthy ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String label(Check.Status s) {
        return switch (s) {
            case OK -> "ok";
            case WARN -> "warn";
            case FAIL -> "FAIL";
        };
    }
}
