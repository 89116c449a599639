package io.gryt.core.internal.policy;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.policy.PolicyRule.HotfixChangeTypes;
import io.gryt.core.policy.PolicyRule.RequiredFields;
import io.gryt.core.policy.PolicyRule.RequiredSteps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules that concern the changes an evolution proves: checked before it starts (the changes' fields, a hot-fix's
 * change types, the required steps present in the pipeline) and after its run (the required steps ran and passed).
 * Each problem names its rule: {@code policy rule 'fixes-are-tested' (required_steps): ...}.
 */
public final class PolicyChecks {
    private PolicyChecks() {
    }

    /**
     * What refuses an evolution of {@code generation} proving {@code changes} with a pipeline of {@code steps}
     * (the planned step names); empty when the policy allows it.
     */
    public static List<String> beforeStart(Policy policy, Generation generation, List<Change> changes, Set<String> steps,
                                           String pipeline) {
        List<String> problems = new ArrayList<>();
        problems.addAll(contractProblems(policy, generation, changes));
        for (RequiredSteps rule : policy.enabled(RequiredSteps.class)) {
            for (Change c : changes) {
                if (!PolicyRule.covers(rule.changeTypes(), c.type())) continue;
                List<String> missing = rule.steps().stream().filter(s -> !steps.contains(s)).toList();
                if (!missing.isEmpty()) {
                    problems.add(prefix(rule) + c.type().label() + " change " + c.id() + " must be proven by step(s) "
                            + String.join(", ", missing) + ", which pipeline " + pipeline + " does not have"
                            + " (add them, or prove it with another pipeline: --pipeline NAME)");
                }
            }
        }
        return problems;
    }

    /** What the contract itself breaks: required change fields, a hot-fix's change types. Checked at start and at promotion. */
    static List<String> contractProblems(Policy policy, Generation generation, List<Change> changes) {
        List<String> problems = new ArrayList<>();
        if (generation.isHotfix()) {
            for (HotfixChangeTypes rule : policy.enabled(HotfixChangeTypes.class)) {
                for (Change c : changes) {
                    if (!rule.allowed().contains(c.type())) {
                        problems.add(prefix(rule) + "hot-fix " + generation.version() + " declares " + c.type().label()
                                + " change " + c.id() + "; a hot-fix may only declare "
                                + String.join(", ", rule.allowed().stream().sorted().map(ChangeType::label).toList()) + " changes");
                    }
                }
            }
        }
        for (RequiredFields rule : policy.enabled(RequiredFields.class)) {
            Pattern reference = rule.reference() == null ? null : Pattern.compile(rule.reference());
            for (Change c : changes) {
                if (!PolicyRule.covers(rule.changeTypes(), c.type())) continue;
                if (rule.fields().contains("description") && (c.description() == null || c.description().isBlank())) {
                    problems.add(prefix(rule) + c.type().label() + " change " + c.id()
                            + " has no description (add one in the generation file)");
                }
                if (reference != null && !references(reference, c)) {
                    problems.add(prefix(rule) + c.type().label() + " change " + c.id() + " names no issue or CVE matching /"
                            + rule.reference() + "/ in its id, title or description");
                }
            }
        }
        return problems;
    }

    /** The required steps of {@code changes} that did not run and pass in {@code run}, one violation each. */
    public static List<Violation> afterRun(Policy policy, List<Change> changes, RunResult run) {
        List<Violation> violations = new ArrayList<>();
        for (RequiredSteps rule : policy.enabled(RequiredSteps.class)) {
            for (String step : rule.steps()) {
                Optional<StepResult> result = run.step(step);
                String status = result.map(r -> r.status().label()).orElse("not run");
                if (result.isPresent() && result.get().passed()) continue;
                List<String> ids = changes.stream().filter(c -> PolicyRule.covers(rule.changeTypes(), c.type()))
                        .map(Change::id).toList();
                if (ids.isEmpty()) continue;
                violations.add(new Violation(rule.name(), step, status, prefix(rule) + "required step " + step + " "
                        + status + ": the evolution does not prove " + String.join(", ", ids)));
            }
        }
        return violations;
    }

    /**
     * A required step that did not pass.
     *
     * @param rule    the rule's name
     * @param step    the step
     * @param status  what happened to it ({@code skipped}, {@code fail}, {@code not run})
     * @param message one line
     */
    public record Violation(String rule, String step, String status, String message) {
    }

    private static boolean references(Pattern reference, Change c) {
        return reference.matcher(c.id()).find() || reference.matcher(c.title()).find()
                || (c.description() != null && reference.matcher(c.description()).find());
    }

    static String prefix(PolicyRule rule) {
        return "policy rule '" + rule.name() + "' (" + rule.type() + "): ";
    }
}
