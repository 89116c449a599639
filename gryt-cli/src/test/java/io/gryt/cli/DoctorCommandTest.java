package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt doctor}: every check, what it says to fix, and exit 0 only when healthy. */
class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void aNewMinimalProjectIsHealthy() throws Exception {
        assertThat(CliRun.in(dir, "new", "minimal", "app").exitCode()).isZero();
        CliRun r = CliRun.in(dir.resolve("app"), "doctor");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("java").contains("Java " + Runtime.version().feature())
                .contains("git version").contains("repository").contains("integrity ok, schema version")
                .contains("hash chain intact").contains("pipeline release").contains("generation v0.1.0")
                .doesNotContain("FAIL");
        assertThat(r.out().strip()).endsWith("healthy");
        JsonNode json = ReleaseCommandsTest.JSON.readTree(CliRun.in(dir.resolve("app"), "doctor", "--json").out());
        assertThat(json.get("healthy").asBoolean()).isTrue();
        assertThat(json.get("checks").get(0).get("topic").asText()).isEqualTo("java");
    }

    @Test
    void outsideAProjectItSaysHowToMakeOneAndExitsOne() {
        CliRun r = CliRun.in(dir, "doctor");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL").contains("no .gryt/ in").contains("gryt init")
                .contains("1 problem: fix it and run gryt doctor again");
    }

    @Test
    void everyBrokenFileMissingToolAndUnknownCatalogPipelineIsReported() {
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/broken.yaml", "steps:\n  - name: a\n    timeout: 10x\n    run: echo\n");
        git.write(".gryt/pipelines/tools.yaml", """
                steps:
                  - name: vector
                    run: ["no-such-tool-gryt-doctor", "--version"]
                  - name: script
                    run: "CI=1 another-missing-tool-gryt --check && echo done"
                  - name: shell-only
                    run: "test -d . && echo fine"
                  - name: wrapper
                    run: ["./gradlew", "build"]
                """);
        git.write(".gryt/generations/v1.0.0.yaml", """
                version: v1.0.0
                changes:
                  - type: add
                    id: FEAT-001
                    title: "User login"
                pipeline_template: go.relase
                """);
        git.write(".gryt/catalogs/acme.yaml", "steps:\n  x: {run: echo, retries: -2}\n");
        CliRun r = CliRun.in(dir, "doctor");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out())
                .contains("pipeline broken").contains("broken.yaml:3:").contains("'10x' is not a duration")
                .contains("tool no-such-tool-gryt-doctor").contains("no-such-tool-gryt-doctor is not on the PATH (used by tools:vector)")
                .contains("another-missing-tool-gryt is not on the PATH (used by tools:script)")
                .contains("./gradlew is not an executable file in the project (used by tools:wrapper)")
                .contains("generation v1.0.0").contains("its pipeline 'go.relase': catalog 'go' has no pipeline 'relase'")
                .contains("acme.yaml:2:").contains("retries")
                .containsPattern("ok +pipeline ci ");
        assertThat(r.out()).doesNotContain("tool test").doesNotContain("tool -d");
    }

    @Test
    void hookPolicyAndCatalogFilesAreCheckedOneLinePerProblemAndTheCommandsHooksNameMustExist() throws Exception {
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/hooks.yaml", """
                hooks:
                  - name: x
                    on: evolution.finishd
                    run: "true"
                  - name: y
                    run: "true"
                    timeout: soon
                """);
        git.write(".gryt/policy.yaml", """
                rules:
                  - name: a
                    type: required_steps
                    change_types: [bugfix]
                    steps: [test]
                  - name: b
                    type: pass_rate_alert
                    below_percent: 80
                """);
        git.write(".gryt/catalogs/acme.yaml", "steps:\n  x: {run: echo, retries: -2}\n  y: {run: echo, timeout: 10x}\n");
        CliRun broken = CliRun.in(dir, "doctor");
        assertThat(broken.exitCode()).as(broken.all()).isEqualTo(1);
        assertThat(broken.out().lines().filter(l -> l.startsWith("FAIL")).toList()).as(broken.out()).containsExactly(
                "FAIL    catalog acme  .gryt/catalogs/acme.yaml:2:27: steps.x.retries: must be at least 0, was -2",
                "FAIL    catalog acme  .gryt/catalogs/acme.yaml:3:27: steps.y.timeout: '10x' is not a duration (use 30s, 10m, 1h30m)",
                "FAIL    hooks         .gryt/hooks.yaml:3:9: hooks[0].on: 'evolution.finishd' is not an event type (did you mean 'evolution.finished'?)",
                "FAIL    hooks         .gryt/hooks.yaml:7:14: hooks[1].timeout: 'soon' is not a duration (use 30s, 10m, 500ms...)",
                "FAIL    policy        .gryt/policy.yaml:4:20: rules[0].change_types[0]: 'bugfix' is not one of fix, refine, add, remove",
                "FAIL    policy        .gryt/policy.yaml:6:5: rules[1]: missing 'over_last' (a pass_rate_alert rule needs it)");

        Files.delete(dir.resolve(".gryt/policy.yaml"));
        Files.delete(dir.resolve(".gryt/catalogs/acme.yaml"));
        git.write(".gryt/hooks.yaml", """
                hooks:
                  - name: notify
                    on: evolution.finished
                    run: "missing-notifier-gryt --to ops"
                  - name: approve
                    on: promotion.starting
                    run: ["./ci/approve.sh"]
                  - name: fine
                    run: "test -d . && echo fine"
                """);
        git.write(".gryt/policies.yaml", """
                policies:
                  - name: security-review
                    type: custom
                    config:
                      custom_hook: "security-scanner-gryt --strict"
                """);
        CliRun tools = CliRun.in(dir, "doctor");
        assertThat(tools.exitCode()).as(tools.all()).isEqualTo(1);
        assertThat(tools.out()).contains("hooks", ".gryt/hooks.yaml valid: 3 hook(s)")
                .contains(".gryt/policies.yaml valid: 1 rule(s) in force")
                .contains("missing-notifier-gryt is not on the PATH (used by hook notify)")
                .contains("./ci/approve.sh is not an executable file in the project (used by hook approve)")
                .contains("security-scanner-gryt is not on the PATH (used by hook policy 'security-review')")
                .doesNotContain("tool test");
    }
}
