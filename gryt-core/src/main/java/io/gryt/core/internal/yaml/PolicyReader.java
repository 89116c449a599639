package io.gryt.core.internal.yaml;

import io.gryt.api.release.ChangeType;
import io.gryt.core.internal.yaml.Value.Member;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.policy.PolicyRule.CustomHook;
import io.gryt.core.policy.PolicyRule.HotfixChangeTypes;
import io.gryt.core.policy.PolicyRule.MaxFailedEvolutions;
import io.gryt.core.policy.PolicyRule.MinimumEvolutions;
import io.gryt.core.policy.PolicyRule.PassRateAlert;
import io.gryt.core.policy.PolicyRule.RequiredFields;
import io.gryt.core.policy.PolicyRule.RequiredSteps;
import io.gryt.core.policy.PolicyRule.SlowStepAlert;
import io.gryt.core.text.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a policy file that its schema cannot express (unique names, keys that belong to another kind of
 * rule, regular expressions and durations that parse, a {@code required_fields} rule that requires something),
 * then the document as {@link PolicyRule}s. Reads both {@code policy.yaml} and the original {@code policies.yaml}.
 */
final class PolicyReader {
    static final Set<String> COMMON = Set.of("name", "type", "enabled", "description");
    static final Map<String, List<String>> KEYS = Map.of(
            "required_steps", List.of("change_types", "steps"),
            "required_fields", List.of("change_types", "fields", "reference"),
            "min_evolutions", List.of("change_types", "min", "distinct_commits"),
            "hotfix_change_types", List.of("allowed"),
            "max_failed_evolutions", List.of("change_types", "max"),
            "pass_rate_alert", List.of("below_percent", "over_last"),
            "slow_step_alert", List.of("step", "slower_than"));

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** What is wrong with {@code root} (shaped by the policy schema) beyond its shape; empty when nothing is. */
    static List<Problem> problems(String file, YamlNode root) {
        PolicyReader reader = new PolicyReader();
        reader.read(new Value(file, root, ""), true);
        return reader.problems;
    }

    /** The rules of {@code root}, which has the schema's shape and no {@link #problems}. */
    static List<PolicyRule> rules(String file, YamlNode root) {
        return new PolicyReader().read(new Value(file, root, ""), false);
    }

    /** What is wrong with {@code root} (shaped by the legacy schema) beyond its shape. */
    static List<Problem> legacyProblems(String file, YamlNode root) {
        PolicyReader reader = new PolicyReader();
        reader.readLegacy(new Value(file, root, ""));
        return reader.problems;
    }

    /** The rules of a legacy {@code policies.yaml} with its documented meaning, and notes on what is not enforced. */
    static Legacy legacy(String file, YamlNode root) {
        PolicyReader reader = new PolicyReader();
        List<PolicyRule> rules = reader.readLegacy(new Value(file, root, ""));
        return new Legacy(rules, reader.notes);
    }

    /** The rules and notes of a legacy file. */
    record Legacy(List<PolicyRule> rules, List<String> notes) {
    }

    private List<PolicyRule> read(Value root, boolean check) {
        List<PolicyRule> rules = new ArrayList<>();
        if (!root.isMapping()) return rules;
        Value list = fields(root).get("rules");
        if (list == null || !list.isSequence()) return rules;
        Map<String, Value> names = new HashMap<>();
        for (Value item : list.items()) {
            if (!item.isMapping()) continue;
            Map<String, Value> f = fields(item);
            String name = text(f.get("name"));
            String type = text(f.get("type"));
            if (name != null) {
                Value first = names.putIfAbsent(name, f.get("name"));
                if (first != null) problem(f.get("name"), "duplicate rule name '" + name + "' (first at line " + first.mark().line() + ")");
            }
            if (type == null || !KEYS.containsKey(type)) continue;
            for (Member m : item.members()) {
                if (!COMMON.contains(m.key()) && !KEYS.get(type).contains(m.key())) {
                    problems.add(new Problem(m.mark(), m.value().path(), "'" + m.key() + "' does not apply to a " + type
                            + " rule (it takes " + String.join(", ", KEYS.get(type)) + ")"));
                }
            }
            PolicyRule rule = rule(name, type, f);
            if (rule != null) rules.add(rule);
        }
        return rules;
    }

    private PolicyRule rule(String name, String type, Map<String, Value> f) {
        boolean enabled = f.get("enabled") == null || Boolean.TRUE.equals(f.get("enabled").scalar());
        Set<ChangeType> types = changeTypes(f.get("change_types"));
        return switch (type) {
            case "required_steps" -> {
                if (types.isEmpty() && f.get("change_types") != null) problem(f.get("change_types"), "list at least one change type");
                yield new RequiredSteps(name, enabled, types, texts(f.get("steps")));
            }
            case "required_fields" -> {
                if (types.isEmpty() && f.get("change_types") != null) problem(f.get("change_types"), "list at least one change type");
                String reference = text(f.get("reference"));
                if (reference != null) {
                    try {
                        Pattern.compile(reference);
                    } catch (PatternSyntaxException e) {
                        problem(f.get("reference"), GenerationSchema.quote(reference) + " is not a regular expression ("
                                + e.getDescription() + ")");
                    }
                }
                List<String> fields = texts(f.get("fields"));
                if (fields.isEmpty() && reference == null) {
                    problem(f.get("name"), "a required_fields rule requires something: give fields, reference or both");
                }
                yield new RequiredFields(name, enabled, types, fields, reference);
            }
            case "min_evolutions" -> new MinimumEvolutions(name, enabled, types, integer(f.get("min"), 1),
                    f.get("distinct_commits") != null && Boolean.TRUE.equals(f.get("distinct_commits").scalar()));
            case "hotfix_change_types" -> new HotfixChangeTypes(name, enabled, changeTypes(f.get("allowed")));
            case "max_failed_evolutions" -> new MaxFailedEvolutions(name, enabled, types, integer(f.get("max"), 0));
            case "pass_rate_alert" -> new PassRateAlert(name, enabled, percent(f.get("below_percent")),
                    integer(f.get("over_last"), 1));
            case "slow_step_alert" -> {
                String text = text(f.get("slower_than"));
                Duration d = text == null ? null : Durations.parse(text);
                if (text != null && (d == null || d.isZero())) {
                    problem(f.get("slower_than"), GenerationSchema.quote(text) + " is not a duration (use 30s, 5m, 1h30m)");
                }
                yield new SlowStepAlert(name, enabled, text(f.get("step")), d == null ? Duration.ofSeconds(1) : d);
            }
            default -> null;
        };
    }

    private List<PolicyRule> readLegacy(Value root) {
        List<PolicyRule> rules = new ArrayList<>();
        if (!root.isMapping()) return rules;
        Value list = fields(root).get("policies");
        if (list == null || !list.isSequence()) return rules;
        Map<String, Value> names = new HashMap<>();
        for (Value item : list.items()) {
            if (!item.isMapping()) continue;
            Map<String, Value> f = fields(item);
            String name = text(f.get("name"));
            String type = text(f.get("type"));
            if (name != null) {
                Value first = names.putIfAbsent(name, f.get("name"));
                if (first != null) problem(f.get("name"), "duplicate policy name '" + name + "' (first at line " + first.mark().line() + ")");
            }
            boolean enabled = f.get("enabled") == null || Boolean.TRUE.equals(f.get("enabled").scalar());
            Map<String, Value> config = f.get("config") != null && f.get("config").isMapping() ? fields(f.get("config")) : Map.of();
            Set<ChangeType> types = changeTypes(config.get("change_types"));
            if (type == null) continue;
            switch (type) {
                case "change_type" -> rules.add(new RequiredSteps(name, enabled, types, texts(config.get("required_steps"))));
                case "evolution_count" -> rules.add(new MinimumEvolutions(name, enabled, types,
                        integer(config.get("min_evolutions"), 1), false));
                case "custom" -> rules.add(new CustomHook(name, enabled, types, text(config.get("custom_hook"))));
                default -> {
                }
            }
        }
        return rules;
    }

    private void problem(Value at, String message) {
        problems.add(new Problem(at.mark(), at.path(), message));
    }

    private static Set<ChangeType> changeTypes(Value v) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        for (String t : texts(v)) ChangeType.parse(t).ifPresent(types::add);
        return types;
    }

    private static List<String> texts(Value v) {
        if (v == null || !v.isSequence()) return List.of();
        List<String> texts = new ArrayList<>();
        for (Value item : v.items()) {
            String t = text(item);
            if (t != null) texts.add(t);
        }
        return texts;
    }

    private static int integer(Value v, int fallback) {
        return v != null && v.scalar() instanceof Number n && n.longValue() >= fallback && n.longValue() <= Integer.MAX_VALUE
                ? n.intValue() : fallback;
    }

    private static double percent(Value v) {
        return v != null && v.scalar() instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100 ? n.doubleValue() : 0;
    }

    private static String text(Value v) {
        return v == null || v.scalar() == null ? null : v.text();
    }

    private static Map<String, Value> fields(Value map) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Member m : map.members()) fields.put(m.key(), m.value());
        return fields;
    }
}
