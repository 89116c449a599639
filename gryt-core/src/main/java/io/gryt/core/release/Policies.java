package io.gryt.core.release;

import io.gryt.core.internal.yaml.HookFiles;
import io.gryt.core.internal.yaml.PolicyFiles;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.project.ProjectLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads a project's policy: {@code .gryt/policy.yaml}, or else the original tool's
 * {@code .gryt/policies.yaml} read with its documented meaning ({@code change_type} policies require steps,
 * {@code evolution_count} policies a number of passing evolutions at promotion, never at the first evolution,
 * {@code custom} policies run their {@code custom_hook} as a veto hook when an evolution starts and before promotion).
 * Read afresh at each evolution and promotion, so that the hash recorded is that of the file that applied.
 */
public final class Policies {
    /** The policy file's name in {@code .gryt/}. */
    public static final String FILE = "policy.yaml";
    /** The original tool's policy file's name in {@code .gryt/}. */
    public static final String LEGACY_FILE = "policies.yaml";

    private Policies() {
    }

    /** {@code .gryt/policy.yaml}. */
    public static Path file(ProjectLayout layout) {
        return layout.grytDir().resolve(FILE);
    }

    /** {@code .gryt/policies.yaml}. */
    public static Path legacyFile(ProjectLayout layout) {
        return layout.grytDir().resolve(LEGACY_FILE);
    }

    /**
     * The project's policy, or empty when it has no policy file.
     *
     * @throws io.gryt.api.BadInputException when the file is wrong: every problem, one line each
     */
    public static Optional<Policy> load(ProjectLayout layout) {
        Path file = file(layout);
        Path legacy = legacyFile(layout);
        if (Files.isRegularFile(file)) {
            Policy policy = PolicyFiles.parse(file, layout.display(file), Policy.Format.POLICY_YAML);
            if (!Files.isRegularFile(legacy)) return Optional.of(policy);
            List<String> notes = new ArrayList<>(policy.notes());
            notes.add(layout.display(legacy) + " is ignored: " + layout.display(file) + " is the policy (delete the old file)");
            return Optional.of(new Policy(policy.file(), policy.format(), policy.sha256(), policy.rules(), notes));
        }
        if (Files.isRegularFile(legacy)) {
            return Optional.of(PolicyFiles.parse(legacy, layout.display(legacy), Policy.Format.LEGACY_POLICIES_YAML));
        }
        return Optional.empty();
    }

    /**
     * Reads the original tool's {@code .gryt/policies.yaml}, whether or not a {@code policy.yaml} exists.
     *
     * @throws io.gryt.api.BadInputException when it is missing or wrong
     */
    public static Policy readLegacy(ProjectLayout layout) {
        Path legacy = legacyFile(layout);
        return PolicyFiles.parse(legacy, layout.display(legacy), Policy.Format.LEGACY_POLICIES_YAML);
    }

    /**
     * The text of {@code .gryt/hooks.yaml} with the hooks equivalent to the {@code custom} policies of
     * {@code policy} added (what {@code gryt policy convert} writes); empty when it has none.
     *
     * @throws io.gryt.api.BadInputException when the hook file cannot take them as it is (the message says what to do)
     */
    public static Optional<String> hooksFileWithCustomPolicies(ProjectLayout layout, Policy policy) {
        List<PolicyRule.CustomHook> custom = policy.rules().stream().filter(PolicyRule.CustomHook.class::isInstance)
                .map(PolicyRule.CustomHook.class::cast).toList();
        if (custom.isEmpty()) return Optional.empty();
        Path file = layout.hooksFile();
        return Optional.of(HookFiles.withPolicyHooks(file, layout.display(file), custom, layout.root()));
    }

    /**
     * The text of a {@code policy.yaml} with the rules of {@code policy} (what {@code gryt policy convert} writes); its
     * {@code custom} policies are hooks ({@link #hooksFileWithCustomPolicies}).
     */
    public static String render(Policy policy) {
        List<String> comment = new ArrayList<>();
        comment.add("gryt release policy.");
        if (policy.format() == Policy.Format.LEGACY_POLICIES_YAML) {
            comment.add("Converted from " + policy.file() + " (sha256 " + policy.sha256() + ").");
            policy.notes().forEach(n -> comment.add("Not converted: " + n + "."));
            policy.rules().stream().filter(PolicyRule.CustomHook.class::isInstance).forEach(r -> comment.add("Policy '"
                    + r.name() + "' (custom) is a hook in .gryt/hooks.yaml."));
        }
        return PolicyFiles.render(policy.rules(), String.join("\n", comment));
    }
}
