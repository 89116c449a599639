package io.gryt.core.internal.yaml;

import io.gryt.api.release.ChangeType;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.text.Durations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Policy files: {@code .gryt/policy.yaml} and the original tool's {@code .gryt/policies.yaml}. A file is checked
 * against its JSON schema (next to this class), then against the rules a schema cannot express; every mistake is
 * reported in one {@link YamlException}, one line each naming the file, line, column and field. Stable.
 */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    /**
     * Reads and validates a policy file.
     *
     * @param file    the file
     * @param display the file's name in messages (relative to the project)
     * @param format  its format
     * @throws YamlException when the file cannot be read or is wrong: every problem in it, one line each
     */
    public static Policy parse(Path file, String display, Policy.Format format) {
        String text = PipelineFiles.read(file);
        YamlNode root = YamlTree.read(display, text);
        String key = format == Policy.Format.POLICY_YAML ? "rules" : "policies";
        if (root == null) {
            throw new YamlException(display, 1, 1, "the file is empty; a policy needs '" + key + "' (a list, [] for none)");
        }
        boolean legacy = format == Policy.Format.LEGACY_POLICIES_YAML;
        List<Problem> problems = new ArrayList<>((legacy ? PolicySchema.LEGACY : PolicySchema.POLICY).problems(root));
        Set<String> reported = new HashSet<>();
        problems.forEach(p -> reported.add(p.path()));
        if (problems.isEmpty()) { // the reader's checks assume the schema's shape
            for (Problem p : legacy ? PolicyReader.legacyProblems(display, root) : PolicyReader.problems(display, root)) {
                if (reported.add(p.path() + "#" + p.message())) problems.add(p);
            }
        }
        if (!problems.isEmpty()) throw Problem.report(display, problems);
        String sha256 = sha256(text.getBytes(StandardCharsets.UTF_8));
        if (legacy) {
            PolicyReader.Legacy read = PolicyReader.legacy(display, root);
            return new Policy(display, format, sha256, read.rules(), read.notes());
        }
        return new Policy(display, format, sha256, PolicyReader.rules(display, root), List.of());
    }

    /**
     * The text of a {@code policy.yaml} holding {@code rules}, which {@link #parse} reads back to the same rules; a
     * {@code custom} rule of the original format is a hook ({@link HookFiles#withPolicyHooks}), not written here.
     */
    public static String render(List<PolicyRule> rules, String comment) {
        StringBuilder b = new StringBuilder();
        for (String line : comment.split("\n", -1)) {
            if (!line.isEmpty()) b.append("# ").append(line).append('\n');
        }
        b.append("# Reference: docs/policies.md. Validate with: gryt policy check\n");
        List<PolicyRule> written = rules.stream().filter(r -> !(r instanceof PolicyRule.CustomHook)).toList();
        if (written.isEmpty()) return b.append("rules: []\n").toString();
        b.append("rules:\n");
        for (PolicyRule rule : written) {
            b.append("  - name: ").append(YamlScalars.quoted(rule.name())).append('\n');
            b.append("    type: ").append(rule.type()).append('\n');
            if (!rule.enabled()) b.append("    enabled: false\n");
            if (rule instanceof PolicyRule.RequiredSteps r) {
                types(b, "change_types", r.changeTypes());
                list(b, "steps", r.steps());
            } else if (rule instanceof PolicyRule.RequiredFields r) {
                types(b, "change_types", r.changeTypes());
                if (!r.fields().isEmpty()) list(b, "fields", r.fields());
                if (r.reference() != null) b.append("    reference: ").append(YamlScalars.quoted(r.reference())).append('\n');
            } else if (rule instanceof PolicyRule.MinimumEvolutions r) {
                if (!r.changeTypes().isEmpty()) types(b, "change_types", r.changeTypes());
                b.append("    min: ").append(r.minimum()).append('\n');
                if (r.distinctCommits()) b.append("    distinct_commits: true\n");
            } else if (rule instanceof PolicyRule.HotfixChangeTypes r) {
                types(b, "allowed", r.allowed());
            } else if (rule instanceof PolicyRule.MaxFailedEvolutions r) {
                if (!r.changeTypes().isEmpty()) types(b, "change_types", r.changeTypes());
                b.append("    max: ").append(r.maximum()).append('\n');
            } else if (rule instanceof PolicyRule.PassRateAlert r) {
                b.append("    below_percent: ").append(PolicyRule.percent(r.belowPercent()).replace("%", "")).append('\n');
                b.append("    over_last: ").append(r.lastEvolutions()).append('\n');
            } else if (rule instanceof PolicyRule.SlowStepAlert r) {
                if (r.step() != null) b.append("    step: ").append(YamlScalars.quoted(r.step())).append('\n');
                b.append("    slower_than: ").append(Durations.format(r.slowerThan())).append('\n');
            }
        }
        return b.toString();
    }

    private static void types(StringBuilder b, String key, Set<ChangeType> types) {
        List<String> labels = new ArrayList<>();
        for (ChangeType t : ChangeType.values()) if (types.contains(t)) labels.add(t.label());
        if (labels.isEmpty()) { // every type: spelt out, as policy.yaml needs a list
            for (ChangeType t : ChangeType.values()) labels.add(t.label());
        }
        b.append("    ").append(key).append(": [").append(String.join(", ", labels)).append("]\n");
    }

    private static void list(StringBuilder b, String key, List<String> values) {
        b.append("    ").append(key).append(": [").append(String.join(", ", values.stream().map(YamlScalars::quoted).toList()))
                .append("]\n");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
