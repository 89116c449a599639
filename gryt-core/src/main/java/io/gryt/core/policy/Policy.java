package io.gryt.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A project's release policy as read from its file: the rules in file order, the file's SHA-256 (recorded with
 * each evolution and promotion it applied to) and what reading it noticed without refusing it.
 *
 * @param file   the file, as displayed (relative to the project root)
 * @param format which file format it was read from
 * @param sha256 the lower-case hex SHA-256 of the file's bytes
 * @param rules  every rule, enabled or not, in file order
 * @param notes  things to tell the user (a legacy rule that is not enforced...), one line each
 */
public record Policy(String file, Format format, String sha256, List<PolicyRule> rules, List<String> notes) {
    public Policy {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    /** The rules that are enforced. */
    public List<PolicyRule> enabledRules() {
        return rules.stream().filter(PolicyRule::enabled).toList();
    }

    /** The enabled rules of one kind. */
    public <R extends PolicyRule> List<R> enabled(Class<R> kind) {
        return rules.stream().filter(PolicyRule::enabled).filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The file formats a policy is read from. */
    public enum Format {
        /** {@code .gryt/policy.yaml}: {@code rules: [{name, type, enabled, ...}]}. */
        POLICY_YAML,
        /** The original tool's {@code .gryt/policies.yaml}: {@code policies: [{name, type, enabled, config}]}. */
        LEGACY_POLICIES_YAML
    }
}
