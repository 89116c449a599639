package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.VetoedException;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.internal.policy.PolicyHooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The original tool's {@code custom} policies: their {@code custom_hook} is a veto hook, run like a YAML hook. */
class CustomPolicyHooksTest {
    static final Pipeline PASSING = Pipeline.of(step("prove").sh("echo proving")).withName("passing");

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    /**
     * A project whose {@code policies.yaml} has an enabled custom policy for fix and add changes, running a real
     * script that refuses a change without a sign-off (and a promotion without an approval), and a disabled one.
     */
    private ReleaseProject project() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Path log = outside.resolve("hook.log");
        project.git.write("scripts/security-review.sh", """
                #!/bin/sh
                echo "$GRYT_EVENT_TYPE $GRYT_EVENT_CHANGES" >> %1$s
                cat >> %1$s
                echo "checking security sign-offs"
                if [ "$GRYT_EVENT_TYPE" = promotion.starting ]; then
                  test -f %2$s || { echo "no release approval yet"; exit 4; }
                  exit 0
                fi
                for c in $(echo "$GRYT_EVENT_CHANGES" | tr , ' '); do
                  grep -qx "$c" %3$s 2>/dev/null || { echo "$c has no security sign-off"; exit 3; }
                done
                """.formatted(log, outside.resolve("RELEASE_OK"), outside.resolve("SIGNOFF")));
        Files.setPosixFilePermissions(project.dir().resolve("scripts/security-review.sh"),
                PosixFilePermissions.fromString("rwxr-xr-x"));
        project.git.write(".gryt/policies.yaml", """
                policies:
                  - name: security-review
                    type: custom
                    enabled: true
                    config:
                      change_types: [fix, add]
                      custom_hook: scripts/security-review.sh
                  - name: switched-off
                    type: custom
                    enabled: false
                    config:
                      custom_hook: "echo ran >> %s; exit 1"
                """.formatted(outside.resolve("disabled.log")));
        project.git.commit("a custom policy");
        return project;
    }

    private long starts() throws Exception {
        Path log = outside.resolve("hook.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("evolution.starting ")).count() : 0;
    }

    @Test
    void aCustomPolicyHookVetoesEvolutionsOfItsChangeTypesAndThePromotionNamingThePolicyAndItsLastLine() throws Exception {
        ReleaseProject project = project();
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).build()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start())
                    .isInstanceOf(VetoedException.class)
                    .hasMessage("evolution.starting vetoed by hook policy 'security-review': PAY-001 has no security sign-off");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).as("nothing is recorded").isEmpty();
            assertThat(Files.readString(outside.resolve("hook.log"))).contains("\"type\":\"evolution.starting\"");

            // a refine change is not of the policy's types: its hook does not run
            assertThat(gryt.evolve("v2.2.0").proving("PAY-002").with(PASSING).start().status().label()).isEqualTo("pass");
            assertThat(starts()).isEqualTo(1);

            Files.writeString(outside.resolve("SIGNOFF"), "PAY-001\nPAY-003\n");
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001", "PAY-003").with(PASSING).start().status().label())
                    .isEqualTo("pass");
            assertThat(starts()).isEqualTo(2);

            Promotion blocked = gryt.promote("v2.2.0");
            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(blocked.gates()).filteredOn(g -> g.gate().equals("hook policy 'security-review'")).singleElement()
                    .satisfies(g -> assertThat(g.problems()).containsExactly("no release approval yet"));

            Files.writeString(outside.resolve("RELEASE_OK"), "");
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
        }
        assertThat(outside.resolve("disabled.log")).as("a disabled policy's hook never runs").doesNotExist();
    }

    @Test
    void aHangingCustomHookTimesOutAtTheProjectsHookTimeoutAndRefuses() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.write(".gryt/hooks.yaml", "timeout: 500ms\n");
        project.git.write(".gryt/policies.yaml", """
                policies:
                  - name: slow-review
                    type: custom
                    config:
                      custom_hook: "sleep 600"
                """);
        project.git.commit("a custom policy that hangs");
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).build()) {
            java.time.Instant before = java.time.Instant.now();
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-002").with(PASSING).start())
                    .isInstanceOf(VetoedException.class)
                    .hasMessageContaining("policy 'slow-review'")
                    .hasMessageContaining("timed out after");
            assertThat(java.time.Duration.between(before, java.time.Instant.now())).isLessThan(java.time.Duration.ofSeconds(60));
        }
    }

    @Test
    void convertingAddsAHooksListToAHookFileWithoutOneAndRefusesToRewriteOneThatHasIt() throws Exception {
        Path file = outside.resolve("hooks.yaml");
        java.util.List<io.gryt.core.policy.PolicyRule.CustomHook> rules = java.util.List.of(
                new io.gryt.core.policy.PolicyRule.CustomHook("review", true, java.util.Set.of(
                        io.gryt.api.release.ChangeType.FIX), "make review"),
                new io.gryt.core.policy.PolicyRule.CustomHook("off", false, java.util.Set.of(), "false"));
        Files.writeString(file, "timeout: 10s\n");
        assertThat(io.gryt.core.internal.yaml.HookFiles.withPolicyHooks(file, "hooks.yaml", rules, dir)).isEqualTo("""
                timeout: 10s
                # The custom policies of .gryt/policies.yaml, converted by gryt policy convert (docs/hooks.md)
                # disabled in policies.yaml, not converted: {name: "off", on: [evolution.starting, promotion.starting], run: "false"}
                hooks:
                  - {name: "review", on: [evolution.starting, promotion.starting], run: "make review", change_types: [fix]}
                """);
        Files.writeString(file, "hooks:\n  - {name: other, run: 'true'}\n");
        assertThatThrownBy(() -> io.gryt.core.internal.yaml.HookFiles.withPolicyHooks(file, "hooks.yaml", rules, dir))
                .isInstanceOf(io.gryt.api.BadInputException.class)
                .hasMessage("hooks.yaml has its own hooks: list, which gryt does not rewrite; add '- {name: \"review\","
                        + " on: [evolution.starting, promotion.starting], run: \"make review\", change_types: [fix]}' to it,"
                        + " then convert again");
        assertThat(file).hasContent("hooks:\n  - {name: other, run: 'true'}\n");
    }

    @Test
    void aScriptOfTheProjectNamedWithoutADirectoryRunsFromTheProjectNotThePath() throws Exception {
        Files.writeString(dir.resolve("check.sh"), "exit 0\n");
        assertThat(PolicyHooks.commandLine("check.sh", dir)).isEqualTo("./check.sh");
        assertThat(PolicyHooks.commandLine("scripts/check.sh", dir)).isEqualTo("scripts/check.sh");
        assertThat(PolicyHooks.commandLine("make review", dir)).isEqualTo("make review");
        assertThat(PolicyHooks.commandLine("missing.sh", dir)).isEqualTo("missing.sh");
    }
}
