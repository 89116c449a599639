package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The release policy through the command line, in a real git repository: refusals, proofs, gates, alerts, files. */
class PolicyCommandsTest {
    private static final String POLICY = """
            rules:
              - name: fixes-are-tested
                type: required_steps
                change_types: [fix]
                steps: [test]
              - name: two-proofs-of-additions
                type: min_evolutions
                change_types: [add]
                min: 2
              - name: e2e-for-additions
                type: required_steps
                change_types: [add]
                steps: [e2e]
                enabled: false
              - name: flaky
                type: max_failed_evolutions
                max: 0
            """;

    /** The original tool's example: a change_type policy, an evolution_count policy, a custom one. */
    private static final String LEGACY = """
            policies:
              - name: require-tests-for-fixes
                type: change_type
                enabled: true
                config:
                  change_types: [fix]
                  required_steps: [test]
              - name: require-two-evolutions
                type: evolution_count
                enabled: true
                config:
                  change_types: [add]
                  min_evolutions: 2
              - name: security-review
                type: custom
                enabled: false
                config:
                  custom_hook: scripts/security-review.sh
            """;

    @TempDir
    Path dir;

    TempGitRepo git;

    @BeforeEach
    void project() {
        git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/build-only.yaml", "steps:\n  - name: build\n    run: [\"true\"]\n");
        git.write(".gryt/pipelines/tested.yaml", """
                steps:
                  - name: test
                    run: "test \\"$GRYT_CHANGES\\" != PAY-002"
                    continue_on_error: true
                  - name: build
                    run: ["true"]
                """);
        CliRun created = CliRun.in(dir, "generation", "new", "v2.2.0", "--pipeline", "tested",
                "--change", "fix:PAY-001:Race condition in refund webhook",
                "--change", "fix:PAY-002:A fix whose test fails",
                "--change", "add:PAY-003:Support Apple Pay");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("v2.2.0 contract");
    }

    private void commitPolicy(String file, String text) {
        git.write(".gryt/" + file, text);
        git.commit(file);
    }

    @Test
    void anEvolutionWhosePipelineLacksARequiredStepIsRefusedNamingTheRuleBeforeAnythingRuns() {
        commitPolicy("policy.yaml", POLICY);
        CliRun refused = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--pipeline", "build-only");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("gryt: error: policy rule 'fixes-are-tested' (required_steps): fix change"
                + " PAY-001 must be proven by step(s) test, which pipeline build-only does not have (add them, or prove"
                + " it with another pipeline: --pipeline NAME)\n");
        assertThat(refused.out()).doesNotContain("gryt run");
        assertThat(CliRun.in(dir, "evolution", "list", "v2.2.0").out()).contains("no evolutions of v2.2.0 yet");
        assertThat(git.git("tag", "-l")).isBlank();
        // the disabled rule does not stop an addition, and another type is not concerned
        CliRun allowed = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-003", "--pipeline", "build-only");
        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    }

    @Test
    void aRequiredStepThatFailedLeavesTheChangeUnprovenWithAnAlertAndThePolicyHashIsShown() throws Exception {
        commitPolicy("policy.yaml", POLICY);
        CliRun rc1 = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-002");
        assertThat(rc1.exitCode()).as(rc1.all()).isEqualTo(1);
        assertThat(rc1.out()).contains("evolution v2.2.0-rc.1: fail");
        assertThat(rc1.err()).contains("gryt: alert: fixes-are-tested: policy rule 'fixes-are-tested' (required_steps):"
                + " required step test fail: the evolution does not prove PAY-002")
                .contains("gryt: alert: flaky: PAY-002 has 1 failed evolution(s), more than 0");

        String hash = CliRun.in(dir, "policy", "show").out().lines().filter(l -> l.contains("sha256: "))
                .findFirst().orElseThrow().substring("  sha256: ".length());
        assertThat(CliRun.in(dir, "evolution", "show", "v2.2.0-rc.1").out()).contains("policy:   sha256 " + hash);
        JsonNode shown = ReleaseCommandsTest.JSON.readTree(CliRun.in(dir, "evolution", "show", "v2.2.0-rc.1", "--json").out());
        assertThat(shown.get("policy_sha256").asText()).isEqualTo(hash);

        JsonNode export = ReleaseCommandsTest.JSON.readTree(CliRun.in(dir, "audit", "export", "--format", "json").out());
        assertThat(export.findValues("policy_sha256")).extracting(JsonNode::asText).contains(hash);
        assertThat(export.findValues("event")).extracting(JsonNode::asText).contains("evolution.policy", "alert.raised");
    }

    @Test
    void thePolicyGateBlocksAPromotionUntilEachAdditionHasItsPassesAndThenLetsItThrough() throws Exception {
        commitPolicy("policy.yaml", POLICY);
        git.write(".gryt/generations/v2.2.0.yaml", Files.readString(dir.resolve(".gryt/generations/v2.2.0.yaml"))
                .replaceAll("(?s)  - type: fix\n    id: PAY-002.*?(?=  - type: add)", ""));
        git.commit("drop PAY-002");
        CliRun first = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--change", "PAY-003");
        assertThat(first.exitCode()).as("min_evolutions never blocks the first evolution: " + first.all()).isZero();

        CliRun blocked = CliRun.in(dir, "generation", "promote", "v2.2.0");
        assertThat(blocked.exitCode()).as(blocked.all()).isEqualTo(1);
        assertThat(blocked.out()).contains("policy").contains("policy rule 'two-proofs-of-additions' (min_evolutions):"
                + " PAY-003 has 1 passing evolution(s), 2 required");
        assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();

        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-003").exitCode()).isZero();
        CliRun promoted = CliRun.in(dir, "generation", "promote", "v2.2.0", "--json");
        assertThat(promoted.exitCode()).as(promoted.all()).isZero();
        JsonNode gates = ReleaseCommandsTest.JSON.readTree(promoted.out()).get("gates");
        assertThat(gates.findValues("gate")).extracting(JsonNode::asText).contains("policy");
        JsonNode export = ReleaseCommandsTest.JSON.readTree(CliRun.in(dir, "audit", "export", "--format", "json").out());
        String hash = export.findValues("policy_sha256").get(0).asText();
        assertThat(export.findValue("promotions").findValues("policy_sha256")).extracting(JsonNode::asText).contains(hash);
    }

    @Test
    void checkPrintsTheRulesInForceAndEveryProblemOfABrokenFileIsOneLineWithExitCode2() {
        commitPolicy("policy.yaml", POLICY);
        CliRun check = CliRun.in(dir, "policy", "check");
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).startsWith(".gryt/policy.yaml is valid: 3 rule(s) in force, 1 disabled (sha256 ")
                .contains("  fixes-are-tested (required_steps): fix changes: step(s) test must run and pass")
                .doesNotContain("e2e-for-additions");
        assertThat(CliRun.in(dir, "policy", "show").out()).contains("e2e-for-additions").contains("no");

        commitPolicy("policy.yaml", """
                rules:
                  - name: fixes-are-tested
                    type: required_steps
                    change_types: [fix, bugfix]
                  - name: slow
                    type: slow_step_alert
                    slower_than: eventually
                """);
        CliRun broken = CliRun.in(dir, "policy", "check");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).isEqualTo("""
                gryt: error: .gryt/policy.yaml:2:5: rules[0]: missing 'steps' (a required_steps rule needs it)
                gryt: error: .gryt/policy.yaml:4:25: rules[0].change_types[1]: 'bugfix' is not one of fix, refine, add, remove
                """);
        CliRun evolution = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(evolution.exitCode()).isEqualTo(2);
        assertThat(evolution.err()).startsWith("gryt: error: .gryt/policy.yaml:2:5:");

        commitPolicy("policy.yaml", "rules:\n  - name: slow\n    type: slow_step_alert\n    slower_than: eventually\n");
        assertThat(CliRun.in(dir, "policy", "check").err()).isEqualTo("gryt: error: .gryt/policy.yaml:4:18:"
                + " rules[0].slower_than: 'eventually' is not a duration (use 30s, 5m, 1h30m)\n");
    }

    @Test
    void theOriginalPoliciesFileIsEnforcedWithItsDocumentedMeaningAndConverted() throws Exception {
        commitPolicy("policies.yaml", LEGACY);
        CliRun refused = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--pipeline", "build-only");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("policy rule 'require-tests-for-fixes' (required_steps)");
        CliRun first = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-003");
        assertThat(first.exitCode()).as("an evolution_count policy does not block the first evolution: " + first.all()).isZero();

        CliRun check = CliRun.in(dir, "policy", "check");
        assertThat(check.out()).startsWith(".gryt/policies.yaml is valid: 2 rule(s) in force, 1 disabled");

        CliRun convert = CliRun.in(dir, "policy", "convert");
        assertThat(convert.exitCode()).as(convert.all()).isZero();
        assertThat(convert.out()).startsWith("wrote .gryt/policy.yaml with 2 rule(s) from .gryt/policies.yaml");
        String converted = Files.readString(dir.resolve(".gryt/policy.yaml"));
        assertThat(converted).contains("type: required_steps", "type: min_evolutions", "min: 2",
                "# Policy 'security-review' (custom) is a hook in .gryt/hooks.yaml.").doesNotContain("type: custom");
        assertThat(Files.readString(dir.resolve(".gryt/hooks.yaml"))).contains("# disabled in policies.yaml, not"
                + " converted: {name: \"security-review\", on: [evolution.starting, promotion.starting], run:"
                + " \"scripts/security-review.sh\"}").doesNotContain("hooks:");
        CliRun again = CliRun.in(dir, "policy", "check");
        assertThat(again.out()).startsWith(".gryt/policy.yaml is valid: 2 rule(s) in force")
                .contains("require-tests-for-fixes (required_steps)", "require-two-evolutions (min_evolutions)")
                .contains("note: .gryt/policies.yaml is ignored");
        CliRun twice = CliRun.in(dir, "policy", "convert");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("gryt: error: .gryt/policy.yaml already exists: pass --force to replace it\n");
    }

    @Test
    void anEnabledCustomPolicyRunsItsScriptAsAVetoAndConvertsToTheSameHook() throws Exception {
        git.write("scripts/review.sh", """
                #!/bin/sh
                echo "reviewing $GRYT_EVENT_CHANGES"
                case "$GRYT_EVENT_CHANGES" in *PAY-001*) echo "PAY-001 needs a security review"; exit 1;; esac
                """);
        Files.setPosixFilePermissions(dir.resolve("scripts/review.sh"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxr-xr-x"));
        git.write(".gryt/hooks.yaml", "timeout: 10s\n");
        commitPolicy("policies.yaml", """
                policies:
                  - name: security-review
                    type: custom
                    enabled: true
                    config:
                      change_types: [fix]
                      custom_hook: scripts/review.sh
                """);
        CliRun check = CliRun.in(dir, "policy", "check");
        assertThat(check.out()).contains("security-review (custom): fix changes: hook 'scripts/review.sh' must exit 0");
        CliRun refused = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--pipeline", "build-only");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("gryt: error: evolution.starting vetoed by hook policy 'security-review':"
                + " PAY-001 needs a security review\n");
        CliRun other = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-003", "--pipeline", "build-only");
        assertThat(other.exitCode()).as("an add change is not the policy's concern: " + other.all()).isZero();

        CliRun convert = CliRun.in(dir, "policy", "convert");
        assertThat(convert.exitCode()).as(convert.all()).isZero();
        assertThat(convert.out()).contains("wrote 1 custom policy hook(s) to .gryt/hooks.yaml");
        assertThat(Files.readString(dir.resolve(".gryt/hooks.yaml"))).startsWith("timeout: 10s\n").contains("hooks:\n"
                + "  - {name: \"security-review\", on: [evolution.starting, promotion.starting], run: \"scripts/review.sh\","
                + " change_types: [fix]}\n");
        git.commit("converted");
        CliRun same = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--pipeline", "build-only");
        assertThat(same.exitCode()).as(same.all()).isEqualTo(1);
        assertThat(same.err()).isEqualTo("gryt: error: evolution.starting vetoed by hook security-review:"
                + " PAY-001 needs a security review\n");
        CliRun again = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-003", "--pipeline", "build-only");
        assertThat(again.exitCode()).as(again.all()).isZero();

        CliRun twice = CliRun.in(dir, "policy", "convert", "--force");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("gryt: error: .gryt/hooks.yaml already has a hook named 'security-review':"
                + " rename one of them, then convert again\n");
    }

    @Test
    void withoutAPolicyFileCheckSaysSo() {
        CliRun check = CliRun.in(dir, "policy", "check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).startsWith("no policy: .gryt/policy.yaml does not exist");
        CliRun convert = CliRun.in(dir, "policy", "convert");
        assertThat(convert.exitCode()).isEqualTo(2);
        assertThat(convert.err()).contains(".gryt/policies.yaml does not exist");
    }
}
