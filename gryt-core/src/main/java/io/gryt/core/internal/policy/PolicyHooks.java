package io.gryt.core.internal.policy;

import io.gryt.api.event.EvolutionStarting;
import io.gryt.api.event.PromotionStarting;
import io.gryt.api.spi.Hook;
import io.gryt.core.internal.hook.CommandHook;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule.CustomHook;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The enabled {@code custom} policies of the original {@code policies.yaml} as the command hooks they are: each runs
 * its {@code custom_hook} on {@code evolution.starting} and {@code promotion.starting}, for the change types it lists,
 * under the project's hook timeout, through the same {@link CommandHook} as {@code .gryt/hooks.yaml}.
 */
public final class PolicyHooks {
    /** The events a custom policy's hook runs on. */
    public static final Set<String> EVENTS = Set.of(EvolutionStarting.TYPE, PromotionStarting.TYPE);

    private PolicyHooks() {
    }

    /** The hooks of {@code policy}'s enabled custom rules, running in {@code projectDir}; empty without a policy. */
    public static List<Hook> of(Optional<Policy> policy, Path projectDir) {
        return policy.map(p -> p.enabled(CustomHook.class).stream()
                .<Hook>map(rule -> new CommandHook(hookName(rule), EVENTS,
                        List.of("sh", "-c", commandLine(rule.command(), projectDir)), Optional.empty(), projectDir,
                        rule.changeTypes()))
                .toList()).orElse(List.of());
    }

    /** How a veto of {@code rule}'s hook is signed: {@code policy 'security-review'}. */
    public static String hookName(CustomHook rule) {
        return "policy '" + rule.name() + "'";
    }

    /**
     * The command line {@code customHook} runs as with {@code sh -c} in {@code projectDir}: a file of the project
     * named without a directory ({@code check.sh}) is run as {@code ./check.sh}, not looked up on the PATH; anything
     * else ({@code scripts/review.sh}, {@code make review}) is the command line as written.
     */
    public static String commandLine(String customHook, Path projectDir) {
        String text = customHook.strip();
        boolean oneWord = !text.isEmpty() && text.chars().noneMatch(Character::isWhitespace);
        try {
            if (oneWord && text.indexOf('/') < 0 && Files.isRegularFile(projectDir.resolve(text))) return "./" + text;
        } catch (InvalidPathException e) {
            // not a file name: a command line
        }
        return text;
    }
}
