package io.gryt.core.internal.policy;

import io.gryt.api.release.Change;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.policy.PolicyRule.MinimumEvolutions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Gate {@code policy}: the project's policy at promotion. The contract's changes carry the fields the policy
 * requires, a hot-fix declares only allowed change types, and each change has the passing evolutions
 * {@code min_evolutions} asks for (on distinct commits if asked). An evolution that did not run a required step
 * was recorded {@code fail}, so it proves nothing here either.
 */
public final class PolicyGate implements PromotionGate {
    /** The gate's name in reports. */
    public static final String NAME = "policy";

    private final Policy policy;
    private final Supplier<List<Evolution>> evolutions;

    /** A gate for {@code policy}; {@code evolutions} reads the generation's evolutions when a rule needs them. */
    public PolicyGate(Policy policy, Supplier<List<Evolution>> evolutions) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.evolutions = Objects.requireNonNull(evolutions, "evolutions");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GateResult evaluate(GateContext context) {
        List<Change> changes = context.generation().changes();
        List<String> problems = new ArrayList<>(PolicyChecks.contractProblems(policy, context.generation(), changes));
        List<MinimumEvolutions> minimums = policy.enabled(MinimumEvolutions.class);
        if (!minimums.isEmpty()) {
            List<Evolution> all = evolutions.get();
            for (MinimumEvolutions rule : minimums) {
                for (Change c : changes) {
                    if (!PolicyRule.covers(rule.changeTypes(), c.type())) continue;
                    List<Evolution> passes = all.stream().filter(e -> e.passed() && e.changes().contains(c.id())).toList();
                    long counted = rule.distinctCommits() ? passes.stream().map(Evolution::commit).distinct().count() : passes.size();
                    if (counted < rule.minimum()) {
                        problems.add(PolicyChecks.prefix(rule) + c.id() + " has " + counted + " passing evolution(s)"
                                + (rule.distinctCommits() ? " on distinct commits" : "") + ", " + rule.minimum() + " required");
                    }
                }
            }
        }
        int rules = policy.enabledRules().size();
        String summary = rules + " rule(s) of " + policy.file() + " (sha256 " + policy.sha256().substring(0, 12) + ")";
        return problems.isEmpty() ? GateResult.pass(NAME, summary + " hold")
                : GateResult.block(NAME, problems.size() + " problem(s) with " + summary, problems);
    }
}
