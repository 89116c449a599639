package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.event.AlertRaised;
import io.gryt.api.event.EventListener;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.format.PromotionReports;
import io.gryt.core.policy.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The project's policy, through the Java API: at evolution start, after the run, at promotion, and its alerts. */
class PolicyEnforcementTest {
    private static final Pipeline WITH_TEST = Pipeline.named("with-test").steps(step("test").action(ctx -> { })).build();
    private static final Pipeline WITHOUT_TEST = Pipeline.named("build-only").steps(step("build").action(ctx -> { })).build();

    @TempDir
    Path dir;

    private ReleaseProject projectWith(String policy) {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.write(".gryt/policy.yaml", policy);
        project.git.commit("policy");
        return project;
    }

    private static final String FIX_NEEDS_TEST = """
            rules:
              - name: fixes-are-tested
                type: required_steps
                change_types: [fix]
                steps: [test]
            """;

    @Test
    void anEvolutionWhosePipelineLacksARequiredStepIsRefusedBeforeAnythingIsRecorded() {
        ReleaseProject project = projectWith(FIX_NEEDS_TEST);
        try (Gryt gryt = project.open()) {
            PolicyViolationException e = catchThrowableOfType(PolicyViolationException.class,
                    () -> gryt.evolve("v2.2.0").proving("PAY-001").with(WITHOUT_TEST).start());
            assertThat(e.problems()).containsExactly("policy rule 'fixes-are-tested' (required_steps): fix change PAY-001"
                    + " must be proven by step(s) test, which pipeline build-only does not have (add them, or prove it"
                    + " with another pipeline: --pipeline NAME)");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();
            // a change of another type is not concerned; a pipeline with the step is allowed
            assertThat(gryt.evolve("v2.2.0").proving("PAY-002").with(WITHOUT_TEST).start().status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").with(WITH_TEST).start().status()).isEqualTo(EvolutionStatus.PASS);
        }
    }

    @Test
    void aDisabledRuleIsNotEnforced() {
        ReleaseProject project = projectWith(FIX_NEEDS_TEST + "    enabled: false\n");
        try (Gryt gryt = project.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").with(WITHOUT_TEST).start().status()).isEqualTo(EvolutionStatus.PASS);
        }
    }

    @Test
    void aRunThatFailedARequiredStepItWasAllowedToFailProvesNothingAndSaysSo() {
        ReleaseProject project = projectWith(FIX_NEEDS_TEST);
        Pipeline lenient = Pipeline.named("lenient").steps(
                step("test").action(ctx -> {
                    throw new IllegalStateException("red");
                }).continueOnError(true),
                step("build").action(ctx -> { })).build();
        List<AlertRaised> alerts = new CopyOnWriteArrayList<>();
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).eventListener(EventListener.of(AlertRaised.class, alerts::add)).build()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002").with(lenient).start();
            assertThat(e.status()).as("the run passed, the proof did not").isEqualTo(EvolutionStatus.FAIL);
            assertThat(gryt.store().releases().evidence("v2.2.0").get(0).proven()).isFalse();
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("fixes-are-tested");
                assertThat(a.value()).isEqualTo("test fail");
                assertThat(a.evolution()).isEqualTo(e.tag());
                assertThat(a.message()).contains("does not prove PAY-001");
            });
        }
    }

    @Test
    void aChangeWithoutTheRequiredFieldsIsRefusedAtStartAndBlocksThePromotion() {
        ReleaseProject project = projectWith("""
                rules:
                  - name: fixes-name-their-issue
                    type: required_fields
                    change_types: [fix]
                    fields: [description]
                    reference: 'CVE-\\d{4}-\\d+'
                """);
        try (Gryt gryt = project.open()) {
            PolicyViolationException e = catchThrowableOfType(PolicyViolationException.class,
                    () -> gryt.evolve("v2.2.0").proving("PAY-001").with(WITH_TEST).start());
            assertThat(e.problems()).containsExactly(
                    "policy rule 'fixes-name-their-issue' (required_fields): fix change PAY-001 has no description"
                            + " (add one in the generation file)",
                    "policy rule 'fixes-name-their-issue' (required_fields): fix change PAY-001 names no issue or CVE"
                            + " matching /CVE-\\d{4}-\\d+/ in its id, title or description");
            gryt.evolve("v2.2.0").proving("PAY-002", "PAY-003").with(WITH_TEST).start();
            Promotion p = gryt.promotion("v2.2.0").dryRun(true).promote();
            assertThat(gate(p, "policy").passed()).isFalse();
            assertThat(gate(p, "policy").problems()).hasSize(2);
        }
        project.git.write(".gryt/generations/v2.2.0.yaml", ReleaseProject.GENERATION.replace(
                "title: \"Race condition in refund webhook\"",
                "title: \"Race condition in refund webhook\"\n    description: \"Fixes CVE-2024-12345\""));
        project.git.commit("describe the fix");
        try (Gryt gryt = project.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").with(WITH_TEST).start().status()).isEqualTo(EvolutionStatus.PASS);
        }
    }

    @Test
    void minimumEvolutionsPerChangeNeverBlockTheFirstEvolutionAndGateThePromotion() {
        ReleaseProject project = projectWith("""
                rules:
                  - name: two-proofs
                    type: min_evolutions
                    change_types: [add]
                    min: 2
                    distinct_commits: true
                """);
        try (Gryt gryt = project.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(WITH_TEST).start().passed()).isTrue();
            Promotion blocked = gryt.promotion("v2.2.0").dryRun(true).promote();
            assertThat(gate(blocked, "policy").problems()).containsExactly("policy rule 'two-proofs' (min_evolutions):"
                    + " PAY-003 has 1 passing evolution(s) on distinct commits, 2 required");
            // a second pass on the same commit does not count as another proof
            gryt.evolve("v2.2.0").proving("PAY-003").with(WITH_TEST).start();
            assertThat(gate(gryt.promotion("v2.2.0").dryRun(true).promote(), "policy").passed()).isFalse();
        }
        project.git.write("NEWS", "another commit\n");
        project.git.commit("another commit");
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-003").with(WITH_TEST).start();
            Promotion done = gryt.promote("v2.2.0");
            assertThat(done.status()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(gate(done, "policy").passed()).isTrue();
        }
    }

    @Test
    void thePolicyHashIsRecordedWithEachEvolutionAndPromotion() {
        ReleaseProject project = projectWith(FIX_NEEDS_TEST);
        try (Gryt gryt = project.open()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(WITH_TEST).start();
            String hash = gryt.store().releases().evolution(e.tag()).orElseThrow().policyHash();
            assertThat(hash).hasSize(64);
            gryt.promote("v2.2.0");
            String report = gryt.store().releases().promotions("v2.2.0").get(0).reportJson();
            assertThat(PromotionReports.policyHash(report)).contains(hash);
        }
    }

    @Test
    void withoutAPolicyNothingIsRecordedAndNoPolicyGateRuns() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(WITHOUT_TEST).start();
            assertThat(e.policyHash()).isNull();
            assertThat(gryt.promotion("v2.2.0").dryRun(true).promote().gates()).extracting(GateResult::gate).doesNotContain("policy");
        }
    }

    @Test
    void alertsAreRaisedWhenAThresholdIsCrossed() {
        ReleaseProject project = projectWith("""
                rules:
                  - name: pass-rate
                    type: pass_rate_alert
                    below_percent: 60
                    over_last: 3
                  - name: flaky
                    type: max_failed_evolutions
                    max: 1
                  - name: slow
                    type: slow_step_alert
                    step: nap
                    slower_than: 50ms
                """);
        Pipeline red = Pipeline.named("red").steps(step("test").action(ctx -> {
            throw new IllegalStateException("red");
        })).build();
        Pipeline slow = Pipeline.named("slow").steps(step("nap").action(ctx -> Thread.sleep(120))).build();
        List<AlertRaised> alerts = new CopyOnWriteArrayList<>();
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).eventListener(EventListener.of(AlertRaised.class, alerts::add)).build()) {
            gryt.evolve("v2.2.0").proving("PAY-001").with(WITH_TEST).start();
            assertThat(alerts).as("100% pass rate, nothing slow").isEmpty();
            gryt.evolve("v2.2.0").proving("PAY-001").with(red).start();
            assertThat(alerts).as("50% < 60%").singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("pass-rate");
                assertThat(a.value()).isEqualTo("50%");
                assertThat(a.threshold()).isEqualTo("below 60%");
                assertThat(a.generation()).isEqualTo("v2.2.0");
            });
            alerts.clear();
            gryt.evolve("v2.2.0").proving("PAY-001").with(red).start();
            assertThat(alerts).extracting(AlertRaised::rule).containsExactly("pass-rate", "flaky");
            assertThat(alerts.get(1).value()).isEqualTo("2");
            alerts.clear();
            gryt.evolve("v2.2.0").proving("PAY-002").with(slow).start();
            assertThat(alerts).extracting(AlertRaised::rule).containsExactly("pass-rate", "slow");
        }
    }

    private static GateResult gate(Promotion p, String name) {
        return p.gates().stream().filter(g -> g.gate().equals(name)).findFirst().orElseThrow();
    }
}
