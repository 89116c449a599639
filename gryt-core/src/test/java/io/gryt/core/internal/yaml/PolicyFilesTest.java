package io.gryt.core.internal.yaml;

import io.gryt.api.release.ChangeType;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyExamples;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.policy.PolicyRule.HotfixChangeTypes;
import io.gryt.core.policy.PolicyRule.MaxFailedEvolutions;
import io.gryt.core.policy.PolicyRule.MinimumEvolutions;
import io.gryt.core.policy.PolicyRule.PassRateAlert;
import io.gryt.core.policy.PolicyRule.RequiredFields;
import io.gryt.core.policy.PolicyRule.RequiredSteps;
import io.gryt.core.policy.PolicyRule.SlowStepAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** policy.yaml and the original policies.yaml: read through their schema, every mistake one line, written back. */
class PolicyFilesTest {
    @TempDir
    Path dir;

    private Policy parse(String yaml, Policy.Format format) throws IOException {
        Path file = Files.writeString(dir.resolve(format == Policy.Format.POLICY_YAML ? "policy.yaml" : "policies.yaml"), yaml);
        return PolicyFiles.parse(file, ".gryt/" + file.getFileName(), format);
    }

    private List<String> errors(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), yaml);
        YamlException e = catchThrowableOfType(YamlException.class,
                () -> PolicyFiles.parse(file, ".gryt/policy.yaml", Policy.Format.POLICY_YAML));
        assertThat(e).as("parsing should fail").isNotNull();
        assertThat(e.getMessage().lines()).containsExactlyElementsOf(e.problems());
        return e.problems();
    }

    @Test
    void everyKindOfRuleIsReadWithItsNameAndSwitch() throws IOException {
        Policy policy = parse(PolicyExamples.COMPLETE, Policy.Format.POLICY_YAML);
        assertThat(policy.rules()).containsExactly(
                new RequiredSteps("fixes-are-tested", true, Set.of(ChangeType.FIX), List.of("test")),
                new RequiredSteps("additions-pass-e2e", false, Set.of(ChangeType.ADD), List.of("e2e")),
                new RequiredFields("fixes-name-their-issue", true, Set.of(ChangeType.FIX), List.of("description"),
                        "(CVE-\\d{4}-\\d{4,}|[A-Z]+-\\d+)"),
                new MinimumEvolutions("two-proofs", true, Set.of(ChangeType.ADD, ChangeType.REMOVE), 2, true),
                new HotfixChangeTypes("hotfix-scope", true, Set.of(ChangeType.FIX)),
                new MaxFailedEvolutions("flaky-change", true, Set.of(), 3),
                new PassRateAlert("pass-rate", true, 80, 10),
                new SlowStepAlert("slow-tests", true, "test", Duration.ofMinutes(5)));
        assertThat(policy.enabledRules()).extracting(PolicyRule::name).doesNotContain("additions-pass-e2e");
        assertThat(policy.sha256()).hasSize(64);
        assertThat(policy.file()).isEqualTo(".gryt/policy.yaml");
    }

    @Test
    void everyProblemIsOneLineNamingFileLineAndField() throws IOException {
        assertThat(errors("""
                rules:
                  - name: a
                    type: required_step
                    steps: [test]
                  - name: b
                    type: min_evolutions
                  - name: c
                    type: pass_rate_alert
                    below_percent: 180
                    over_last: ten
                  - name: d
                    type: required_steps
                    change_types: [fix, feature]
                    stesp: [test]
                  - name: e
                    type: required_steps
                    change_types: [fix]
                """)).containsExactly(
                ".gryt/policy.yaml:3:11: rules[0].type: 'required_step' is not one of required_steps, required_fields,"
                        + " min_evolutions, hotfix_change_types, max_failed_evolutions, pass_rate_alert, slow_step_alert",
                ".gryt/policy.yaml:5:5: rules[1]: missing 'min' (a min_evolutions rule needs it)",
                ".gryt/policy.yaml:9:20: rules[2].below_percent: 180 is out of range (must have a maximum value of 100)",
                ".gryt/policy.yaml:10:16: rules[2].over_last: expected a whole number, got the text 'ten'",
                ".gryt/policy.yaml:13:25: rules[3].change_types[1]: 'feature' is not one of fix, refine, add, remove",
                ".gryt/policy.yaml:14:5: rules[3]: unknown key 'stesp' (did you mean 'steps'?)",
                ".gryt/policy.yaml:15:5: rules[4]: missing 'steps' (a required_steps rule needs it)");
    }

    @Test
    void rulesASchemaCannotExpressAreCheckedToo() throws IOException {
        assertThat(errors("""
                rules:
                  - name: a
                    type: slow_step_alert
                    slower_than: soon
                  - name: a
                    type: required_fields
                    change_types: [fix]
                    reference: '(unclosed'
                  - name: c
                    type: hotfix_change_types
                    allowed: [fix]
                    steps: [test]
                """)).containsExactly(
                ".gryt/policy.yaml:4:18: rules[0].slower_than: 'soon' is not a duration (use 30s, 5m, 1h30m)",
                ".gryt/policy.yaml:5:11: rules[1].name: duplicate rule name 'a' (first at line 2)",
                ".gryt/policy.yaml:8:16: rules[1].reference: '(unclosed' is not a regular expression (Unclosed group)",
                ".gryt/policy.yaml:12:5: rules[2].steps: 'steps' does not apply to a hotfix_change_types rule (it takes allowed)");
    }

    @Test
    void anEmptyFileSaysWhatAPolicyNeeds() throws IOException {
        assertThat(errors("# nothing yet\n")).containsExactly(
                ".gryt/policy.yaml:1:1: the file is empty; a policy needs 'rules' (a list, [] for none)");
    }

    @Test
    void theOriginalPoliciesFileIsReadWithItsDocumentedMeaning() throws IOException {
        Policy policy = parse(PolicyExamples.LEGACY, Policy.Format.LEGACY_POLICIES_YAML);
        assertThat(policy.format()).isEqualTo(Policy.Format.LEGACY_POLICIES_YAML);
        assertThat(policy.rules()).containsExactly(
                new RequiredSteps("require-tests-for-fixes", true, Set.of(ChangeType.FIX), List.of("test")),
                new MinimumEvolutions("require-two-evolutions", true, Set.of(ChangeType.ADD), 2, false),
                new PolicyRule.CustomHook("security-review", false, Set.of(), "scripts/security-review.sh"));
        assertThat(policy.notes()).isEmpty();
    }

    @Test
    void aMistakeInTheOriginalFormatIsReportedTheSameWay() throws IOException {
        Path file = Files.writeString(dir.resolve("policies.yaml"), """
                policies:
                  - name: x
                    type: evolution_count
                    config: {min_evolution: 2}
                """);
        YamlException e = catchThrowableOfType(YamlException.class,
                () -> PolicyFiles.parse(file, ".gryt/policies.yaml", Policy.Format.LEGACY_POLICIES_YAML));
        assertThat(e.problems()).containsExactly(
                ".gryt/policies.yaml:4:14: policies[0].config: unknown key 'min_evolution' (did you mean 'min_evolutions'?)");
    }

    @Test
    void aRenderedPolicyReadsBackToTheSameRules() throws IOException {
        Policy policy = parse(PolicyExamples.COMPLETE, Policy.Format.POLICY_YAML);
        String text = PolicyFiles.render(policy.rules(), "converted");
        assertThat(text).startsWith("# converted\n");
        Policy again = parse(text, Policy.Format.POLICY_YAML);
        assertThat(again.rules()).isEqualTo(policy.rules());
        Policy legacy = parse(PolicyExamples.LEGACY, Policy.Format.LEGACY_POLICIES_YAML);
        // a custom policy is a hook (HookFiles.withPolicyHooks), not a policy.yaml rule
        assertThat(parse(PolicyFiles.render(legacy.rules(), ""), Policy.Format.POLICY_YAML).rules())
                .isEqualTo(legacy.rules().stream().filter(r -> !(r instanceof PolicyRule.CustomHook)).toList());
    }
}
