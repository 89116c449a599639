package io.gryt.core.policy;

import io.gryt.api.release.ChangeType;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One named rule of a {@link Policy}. A rule with {@code enabled: false} is read and shown but not enforced.
 * Each kind is a record; its {@link #type()} is the {@code type:} it is written with in {@code policy.yaml}.
 */
public sealed interface PolicyRule permits PolicyRule.RequiredSteps, PolicyRule.RequiredFields,
        PolicyRule.MinimumEvolutions, PolicyRule.HotfixChangeTypes, PolicyRule.MaxFailedEvolutions,
        PolicyRule.PassRateAlert, PolicyRule.SlowStepAlert, PolicyRule.CustomHook {

    /** The rule's name, unique in its file: what refusals, gate reports and alerts name. */
    String name();

    /** False when the rule is switched off ({@code enabled: false}). */
    boolean enabled();

    /** The rule's {@code type:} in {@code policy.yaml}, e.g. {@code required_steps}. */
    String type();

    /** What the rule requires, in one line ("fix changes: steps test, lint must run and pass"). */
    String describe();

    /** True when the rule applies to changes of {@code type} ({@code types} empty: every type). */
    static boolean covers(Set<ChangeType> types, ChangeType type) {
        return types.isEmpty() || types.contains(type);
    }

    /** {@code fix, add changes} or {@code every change}. */
    private static String of(Set<ChangeType> types) {
        return types.isEmpty() ? "every change"
                : String.join(", ", types.stream().map(ChangeType::label).toList()) + " changes";
    }

    /**
     * An evolution proving a change of one of {@code changeTypes} must run and pass every step of {@code steps}:
     * refused at start when the pipeline lacks one, and not a proof when one was skipped or failed.
     */
    record RequiredSteps(String name, boolean enabled, Set<ChangeType> changeTypes, List<String> steps)
            implements PolicyRule {
        public RequiredSteps {
            Objects.requireNonNull(name, "name");
            changeTypes = Set.copyOf(changeTypes);
            steps = List.copyOf(steps);
        }

        @Override
        public String type() {
            return "required_steps";
        }

        @Override
        public String describe() {
            return of(changeTypes) + ": step(s) " + String.join(", ", steps) + " must run and pass";
        }
    }

    /**
     * A change of one of {@code changeTypes} must carry {@code fields} (today: {@code description}) and, when
     * {@code reference} is set, name an issue or CVE: the regular expression is found in its id, title or description.
     */
    record RequiredFields(String name, boolean enabled, Set<ChangeType> changeTypes, List<String> fields, String reference)
            implements PolicyRule {
        public RequiredFields {
            Objects.requireNonNull(name, "name");
            changeTypes = Set.copyOf(changeTypes);
            fields = List.copyOf(fields);
        }

        @Override
        public String type() {
            return "required_fields";
        }

        @Override
        public String describe() {
            String need = fields.isEmpty() ? "" : "field(s) " + String.join(", ", fields);
            if (reference != null) need += (need.isEmpty() ? "" : " and ") + "a reference matching /" + reference + "/";
            return of(changeTypes) + " must carry " + need;
        }
    }

    /**
     * At promotion, each change of one of {@code changeTypes} (every type when empty) has at least {@code minimum}
     * passing evolutions, on as many distinct commits when {@code distinctCommits}. Never checked when an evolution
     * starts: the first evolution of a change is always allowed.
     */
    record MinimumEvolutions(String name, boolean enabled, Set<ChangeType> changeTypes, int minimum,
                             boolean distinctCommits) implements PolicyRule {
        public MinimumEvolutions {
            Objects.requireNonNull(name, "name");
            changeTypes = Set.copyOf(changeTypes);
            if (minimum < 1) throw new IllegalArgumentException("minimum must be >= 1");
        }

        @Override
        public String type() {
            return "min_evolutions";
        }

        @Override
        public String describe() {
            return of(changeTypes) + ": at least " + minimum + " passing evolution(s) each"
                    + (distinctCommits ? ", on distinct commits" : "");
        }
    }

    /** A hot-fix generation may only declare changes of the {@code allowed} types. */
    record HotfixChangeTypes(String name, boolean enabled, Set<ChangeType> allowed) implements PolicyRule {
        public HotfixChangeTypes {
            Objects.requireNonNull(name, "name");
            allowed = Set.copyOf(allowed);
        }

        @Override
        public String type() {
            return "hotfix_change_types";
        }

        @Override
        public String describe() {
            return "a hot-fix may only declare " + of(allowed);
        }
    }

    /** Alert when a change of one of {@code changeTypes} (every type when empty) has more than {@code maximum} failed evolutions. */
    record MaxFailedEvolutions(String name, boolean enabled, Set<ChangeType> changeTypes, int maximum)
            implements PolicyRule {
        public MaxFailedEvolutions {
            Objects.requireNonNull(name, "name");
            changeTypes = Set.copyOf(changeTypes);
            if (maximum < 0) throw new IllegalArgumentException("maximum must be >= 0");
        }

        @Override
        public String type() {
            return "max_failed_evolutions";
        }

        @Override
        public String describe() {
            return "alert when " + (changeTypes.isEmpty() ? "a change" : "one of the " + of(changeTypes)) + " has more than "
                    + maximum + " failed evolution(s)";
        }
    }

    /** Alert when fewer than {@code belowPercent}% of the generation's last {@code lastEvolutions} finished evolutions passed. */
    record PassRateAlert(String name, boolean enabled, double belowPercent, int lastEvolutions) implements PolicyRule {
        public PassRateAlert {
            Objects.requireNonNull(name, "name");
            if (belowPercent < 0 || belowPercent > 100) throw new IllegalArgumentException("belowPercent must be 0..100");
            if (lastEvolutions < 1) throw new IllegalArgumentException("lastEvolutions must be >= 1");
        }

        @Override
        public String type() {
            return "pass_rate_alert";
        }

        @Override
        public String describe() {
            return "alert when the pass rate of the last " + lastEvolutions + " evolution(s) is below "
                    + percent(belowPercent);
        }
    }

    /** Alert when step {@code step} (any step when {@code null}) of an evolution's run took longer than {@code slowerThan}. */
    record SlowStepAlert(String name, boolean enabled, String step, Duration slowerThan) implements PolicyRule {
        public SlowStepAlert {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(slowerThan, "slowerThan");
        }

        @Override
        public String type() {
            return "slow_step_alert";
        }

        @Override
        public String describe() {
            return "alert when " + (step == null ? "a step" : "step " + step) + " takes longer than "
                    + io.gryt.core.text.Durations.format(slowerThan);
        }
    }

    /**
     * The original tool's {@code custom} policy: command {@code command} ({@code custom_hook}: a script of the project
     * or a command line, run with {@code sh -c} in the project directory) runs as a veto hook on
     * {@code evolution.starting} and {@code promotion.starting} when a change of one of {@code changeTypes} (every
     * type when empty) is proven or promised; a non-zero exit refuses, its last line of output being the reason.
     * Read from {@code policies.yaml} only; {@code gryt policy convert} turns it into a {@code .gryt/hooks.yaml} hook.
     */
    record CustomHook(String name, boolean enabled, Set<ChangeType> changeTypes, String command) implements PolicyRule {
        public CustomHook {
            Objects.requireNonNull(name, "name");
            changeTypes = Set.copyOf(changeTypes);
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String type() {
            return "custom";
        }

        @Override
        public String describe() {
            return of(changeTypes) + ": hook '" + command + "' must exit 0 when an evolution starts and before promotion";
        }
    }

    /** A percentage as reports write it: {@code 80%}, {@code 92.5%}. */
    static String percent(double percent) {
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
    }
}
