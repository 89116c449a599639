package io.gryt.junit;

import io.gryt.api.Pipeline;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.release.TestProof;
import io.gryt.api.release.TestProof.Outcome;
import io.gryt.api.spi.DataRow;
import io.gryt.core.Gryt;
import io.gryt.core.testreport.ProofRows;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * {@code @Proves} tests run through the JUnit Platform launcher inside a real evolution's step, recording their
 * results in the project's SQLite store, and the promotion gate reading them.
 */
@GrytProject
class ProvesExtensionTest {
    static final String GENERATION = """
            version: v1.0.0
            description: "Payments"
            changes:
              - type: fix
                id: PAY-001
                title: "Refunds are idempotent"
              - type: add
                id: PAY-002
                title: "Apple Pay"
            pipeline_template: ci
            """;

    /** The suite under test: runs only through the launcher (Surefire skips nested classes). */
    @Proves("PAY-001")
    static class RefundProofs {
        @Test
        void refundsOnce() {
        }

        @Test
        @Proves("PAY-002")
        void refundsApplePay() {
            assertThat(1 + 1).as("refunded amount").isEqualTo(3);
        }

        @Test
        @Disabled("flaky on CI")
        void refundsTwice() {
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void refundsAmounts(int amount) {
            Assumptions.assumeTrue(amount == 1, "only whole amounts");
        }
    }

    /** Only one method proves a change; the others are no evidence. */
    static class OneProvingMethod {
        @Test
        @Proves("PAY-002")
        void paysWithApplePay() {
        }

        @Test
        void unrelated() {
        }
    }

    private static TestExecutionSummary launch(Map<String, String> parameters, DiscoverySelector... selectors) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .configurationParameters(parameters).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        return summary.getSummary();
    }

    /** An evolution of v1.0.0 whose step runs the suite selected by {@code selectors}, configured to record into it. */
    private static Evolution evolveRunning(TestProject project, AtomicReference<String> runId, DiscoverySelector... selectors) {
        Gryt gryt = project.gryt();
        Pipeline suite = Pipeline.of(step("junit").action(ctx -> {
            runId.set(ctx.runId());
            TestExecutionSummary s = launch(Map.of(EvidenceTarget.PROJECT_DIR, project.dir().toString(),
                    EvidenceTarget.RUN_ID, ctx.runId(), EvidenceTarget.STEP, ctx.stepName()), selectors);
            s.getFailures().stream().filter(f -> !(f.getException() instanceof AssertionError)).findFirst()
                    .ifPresent(f -> { throw new IllegalStateException("the nested suite broke", f.getException()); });
        })).withName("ci");
        return gryt.evolve("v1.0.0").proving("PAY-001", "PAY-002").with(suite).start();
    }

    private static List<TestProof> proofs(Gryt gryt, String runId) {
        List<DataRow> rows = gryt.dataRows(runId);
        return ProofRows.of(rows);
    }

    @Test
    void eachProvingTestIsRecordedInTheStepAndTheGateNamesThoseThatDidNotPass(TestProject project) {
        project.writeGeneration("v1.0.0", GENERATION);
        project.commit("the v1.0.0 contract");
        AtomicReference<String> run = new AtomicReference<>();

        Evolution rc1 = evolveRunning(project, run, selectClass(RefundProofs.class));

        assertThat(rc1.status()).isEqualTo(EvolutionStatus.PASS);
        String c = RefundProofs.class.getName() + ".";
        assertThat(proofs(project.gryt(), run.get()))
                .extracting(TestProof::change, TestProof::test, TestProof::outcome, TestProof::message)
                .containsExactlyInAnyOrder(
                        tuple("PAY-001", c + "refundsOnce()", Outcome.PASSED, null),
                        tuple("PAY-002", c + "refundsApplePay()", Outcome.FAILED,
                                "[refunded amount] expected: 3 but was: 2"),
                        tuple("PAY-001", c + "refundsApplePay()", Outcome.FAILED, "[refunded amount] expected: 3 but was: 2"),
                        tuple("PAY-001", c + "refundsTwice()", Outcome.SKIPPED, "flaky on CI"),
                        tuple("PAY-001", c + "refundsAmounts()[1]", Outcome.PASSED, null),
                        tuple("PAY-001", c + "refundsAmounts()[2]", Outcome.SKIPPED,
                                "aborted: Assumption failed: only whole amounts"));
        assertThat(project.gryt().dataRows(run.get())).filteredOn(r -> r.kind() == DataRow.Kind.TEST)
                .allSatisfy(r -> assertThat(r.step()).isEqualTo("junit"));

        Promotion blocked = project.gryt().promote("v1.0.0");

        assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
        assertThat(blocked.failedGates()).extracting(GateResult::gate).containsExactly("proving-tests-passed");
        assertThat(blocked.failedGates().get(0).problems()).anySatisfy(p -> assertThat(p)
                        .startsWith("PAY-002: " + c + "refundsApplePay() failed in v1.0.0-rc.1"))
                .anySatisfy(p -> assertThat(p).isEqualTo("PAY-001: " + c + "refundsTwice() skipped in v1.0.0-rc.1 (flaky on CI)"))
                .hasSize(4);
    }

    @Test
    void testsOfAProvingClassThatWereNotSelectedAreRecordedAsNotRun(TestProject project) {
        project.writeGeneration("v1.0.0", GENERATION);
        project.commit("the v1.0.0 contract");
        AtomicReference<String> run = new AtomicReference<>();

        evolveRunning(project, run, selectMethod(RefundProofs.class, "refundsOnce"),
                selectMethod(OneProvingMethod.class, "paysWithApplePay"));

        String c = RefundProofs.class.getName() + ".";
        assertThat(proofs(project.gryt(), run.get()))
                .extracting(TestProof::change, TestProof::test, TestProof::outcome, TestProof::message)
                .containsExactlyInAnyOrder(
                        tuple("PAY-001", c + "refundsOnce()", Outcome.PASSED, null),
                        tuple("PAY-001", c + "refundsApplePay()", Outcome.NOT_RUN, "did not run"),
                        tuple("PAY-002", c + "refundsApplePay()", Outcome.NOT_RUN, "did not run"),
                        tuple("PAY-001", c + "refundsTwice()", Outcome.NOT_RUN, "did not run"),
                        tuple("PAY-001", c + "refundsAmounts()", Outcome.NOT_RUN, "did not run"),
                        tuple("PAY-002", OneProvingMethod.class.getName() + ".paysWithApplePay()", Outcome.PASSED, null));
        Promotion blocked = project.gryt().promote("v1.0.0");
        assertThat(blocked.failedGates()).singleElement().satisfies(g -> assertThat(g.problems())
                .contains("PAY-001: " + c + "refundsTwice() not run in v1.0.0-rc.1 (did not run)"));
    }

    @Test
    void outsideGrytTheTestsRunAndNothingIsRecorded() {
        TestExecutionSummary s = launch(Map.of(), selectClass(OneProvingMethod.class));

        assertThat(s.getTestsSucceededCount()).isEqualTo(2);
        assertThat(s.getFailures()).isEmpty();
    }

    @Test
    void aSuiteNamingAStepThatIsNotRunningFailsInsteadOfLosingTheEvidence(TestProject project) {
        TestExecutionSummary s = launch(Map.of(EvidenceTarget.PROJECT_DIR, project.dir().toString(),
                EvidenceTarget.RUN_ID, "no-such-run", EvidenceTarget.STEP, "junit"), selectClass(OneProvingMethod.class));

        assertThat(s.getTestsSucceededCount()).as("the test without @Proves").isEqualTo(1);
        assertThat(s.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("step 'junit' of run no-such-run is not running"));
    }

    @Test
    void theTargetComesFromConfigurationParametersElseFromTheStepsEnvironment() {
        Map<String, String> env = Map.of("GRYT_RUN_ID", "r-env", "GRYT_STEP", "test", "GRYT_PROJECT_DIR", "/work/p");

        assertThat(EvidenceTarget.resolve(k -> Optional.empty(), env))
                .contains(new EvidenceTarget(Path.of("/work/p"), "r-env", "test"));
        assertThat(EvidenceTarget.resolve(k -> k.equals(EvidenceTarget.RUN_ID) ? Optional.of("r-param") : Optional.empty(), env))
                .contains(new EvidenceTarget(Path.of("/work/p"), "r-param", "test"));
        assertThat(EvidenceTarget.resolve(k -> Optional.empty(), Map.of("GRYT_STEP", "test"))).isEmpty();
        assertThatThrownBy(() -> EvidenceTarget.resolve(k -> Optional.empty(), Map.of("GRYT_RUN_ID", "r", "GRYT_STEP", "t")))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("GRYT_PROJECT_DIR");
    }
}
