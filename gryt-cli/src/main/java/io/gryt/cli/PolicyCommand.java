package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.event.AlertRaised;
import io.gryt.core.release.Policies;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.project.FileErrors;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code gryt policy check|show|convert}: the project's release policy in {@code .gryt/policy.yaml}. */
@Command(name = "policy", description = "The release policy in .gryt/policy.yaml: check, show, convert.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Show.class, PolicyCommand.Convert.class})
final class PolicyCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("policy");
    }

    /** Prints an alert as one line on {@code err}: {@code gryt: alert: <rule>: <what happened>}. */
    static void printAlert(PrintStream err, AlertRaised a) {
        err.println("gryt: alert: " + a.rule() + ": " + a.message());
    }

    private static String noPolicy(ProjectLayout layout) {
        return "no policy: " + layout.display(Policies.file(layout)) + " does not exist (see docs/policies.md;"
                + " gryt policy convert turns an original " + Policies.LEGACY_FILE + " into one)";
    }

    private static void printNotes(PrintStream out, Policy policy) {
        policy.notes().forEach(n -> out.println("note: " + n));
    }

    /** {@code gryt policy check}: validates the policy file and prints the rules in force. */
    @Command(name = "check", description = "Validate the policy file (every problem, one line each) and print the rules in force.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        PolicyCommand parent;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            ProjectLayout layout = gryt.project();
            Optional<Policy> found = Policies.load(layout);
            if (found.isEmpty()) {
                gryt.out.println(noPolicy(layout));
                return ExitCodes.OK;
            }
            Policy policy = found.get();
            List<PolicyRule> enabled = policy.enabledRules();
            int off = policy.rules().size() - enabled.size();
            gryt.out.println(policy.file() + " is valid: " + enabled.size() + " rule(s) in force"
                    + (off == 0 ? "" : ", " + off + " disabled") + " (sha256 " + policy.sha256() + ")");
            for (PolicyRule rule : enabled) gryt.out.println("  " + rule.name() + " (" + rule.type() + "): " + rule.describe());
            printNotes(gryt.out, policy);
            return ExitCodes.OK;
        }
    }

    /** {@code gryt policy show [--json]}: every rule of the policy, disabled ones included. */
    @Command(name = "show", description = "Show the policy: its file, hash and every rule, disabled ones included.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        PolicyCommand parent;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            ProjectLayout layout = gryt.project();
            Optional<Policy> found = Policies.load(layout);
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("file", found.map(Policy::file).orElse(null));
                root.put("format", found.map(p -> p.format() == Policy.Format.POLICY_YAML ? Policies.FILE : Policies.LEGACY_FILE).orElse(null));
                root.put("sha256", found.map(Policy::sha256).orElse(null));
                ArrayNode rules = root.putArray("rules");
                found.ifPresent(p -> p.rules().forEach(r -> {
                    ObjectNode n = rules.addObject();
                    n.put("name", r.name());
                    n.put("type", r.type());
                    n.put("enabled", r.enabled());
                    n.put("rule", r.describe());
                }));
                ArrayNode notes = root.putArray("notes");
                found.ifPresent(p -> p.notes().forEach(notes::add));
                Json.print(gryt.out, root);
                return ExitCodes.OK;
            }
            if (found.isEmpty()) {
                gryt.out.println(noPolicy(layout));
                return ExitCodes.OK;
            }
            Policy policy = found.get();
            gryt.out.println("policy " + policy.file() + (policy.format() == Policy.Format.LEGACY_POLICIES_YAML
                    ? " (the original tool's format: gryt policy convert writes " + Policies.FILE + ")" : ""));
            gryt.out.println("  sha256: " + policy.sha256());
            gryt.out.println();
            if (policy.rules().isEmpty()) {
                gryt.out.println("no rules");
            } else {
                Table t = new Table("RULE", "TYPE", "ENABLED", "REQUIRES");
                policy.rules().forEach(r -> t.row(r.name(), r.type(), r.enabled() ? "yes" : "no", r.describe()));
                t.print(gryt.out);
            }
            printNotes(gryt.out, policy);
            return ExitCodes.OK;
        }
    }

    /** {@code gryt policy convert [--force]}: writes {@code .gryt/policy.yaml} from the original {@code .gryt/policies.yaml}. */
    @Command(name = "convert", description = "Write .gryt/policy.yaml with the rules of the original tool's .gryt/policies.yaml.")
    static final class Convert implements Callable<Integer> {
        @ParentCommand
        PolicyCommand parent;

        @Option(names = "--force", description = "Replace an existing .gryt/policy.yaml.")
        boolean force;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            ProjectLayout layout = gryt.project();
            Path legacy = Policies.legacyFile(layout);
            Path target = Policies.file(layout);
            if (!Files.isRegularFile(legacy)) {
                throw new BadInputException(layout.display(legacy) + " does not exist: there is nothing to convert");
            }
            if (Files.exists(target) && !force) {
                throw new BadInputException(layout.display(target) + " already exists: pass --force to replace it");
            }
            Policy old = Policies.readLegacy(layout);
            Optional<String> hooks = Policies.hooksFileWithCustomPolicies(layout, old); // refused before anything is written
            long custom = old.rules().stream().filter(PolicyRule.CustomHook.class::isInstance).count();
            Path hooksFile = layout.hooksFile();
            if (hooks.isPresent()) write(hooksFile, hooks.get(), layout);
            write(target, Policies.render(old), layout);
            gryt.out.println("wrote " + layout.display(target) + " with " + (old.rules().size() - custom) + " rule(s) from "
                    + layout.display(legacy) + "; it is now the policy (delete " + layout.display(legacy) + ")");
            if (hooks.isPresent()) {
                gryt.out.println("wrote " + custom + " custom policy hook(s) to " + layout.display(hooksFile));
            }
            printNotes(gryt.out, old);
            return ExitCodes.OK;
        }

        private static void write(Path file, String text, ProjectLayout layout) {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GrytException("cannot write " + layout.display(file) + ": " + FileErrors.describe(e), e);
            }
        }
    }
}
