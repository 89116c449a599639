package io.gryt.core.release;

import io.gryt.api.BadInputException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests that prove changes, recorded while their step runs, decide promotion through the proving-tests-passed gate. */
class ProvingTestsGateTest {
    @TempDir
    Path dir;

    private static TestProof proof(String change, String test, Outcome outcome, String message) {
        return new TestProof(change, test, outcome, Duration.ofMillis(12), message);
    }

    /** An evolution of every change of v2.2.0 whose one step records {@code proofs} as it runs. */
    private static Evolution evolveRecording(Gryt gryt, AtomicReference<String> runOfStep, TestProof... proofs) {
        Pipeline pipeline = Pipeline.of(step("test").action(ctx -> {
            runOfStep.set(ctx.runId());
            gryt.recordProofs(ctx.runId(), ctx.stepName(), List.of(proofs));
        })).withName("junit");
        return gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(pipeline).start();
    }

    @Test
    void aChangeWhoseProvingTestsDidNotAllPassBlocksPromotionNamingTheTests() {
        ReleaseProject project = new ReleaseProject(dir);
        AtomicReference<String> run = new AtomicReference<>();
        try (Gryt gryt = project.open()) {
            Evolution rc1 = evolveRecording(gryt, run,
                    proof("PAY-001", "com.acme.RefundTest.refunds()", Outcome.PASSED, null),
                    proof("PAY-002", "com.acme.LatencyTest.fast()", Outcome.FAILED, "expected <200> but was <900>"),
                    proof("PAY-003", "com.acme.ApplePayTest.pays()", Outcome.SKIPPED, "disabled"),
                    proof("PAY-003", "com.acme.ApplePayTest.refunds()", Outcome.NOT_RUN, "not selected"));
            assertThat(rc1.status()).isEqualTo(EvolutionStatus.PASS);
            List<DataRow> rows = gryt.dataRows(run.get());
            assertThat(ProofRows.of(rows)).extracting(TestProof::change, TestProof::outcome).hasSize(4)
                    .contains(org.assertj.core.groups.Tuple.tuple("PAY-003", Outcome.NOT_RUN));

            Promotion blocked = gryt.promote("v2.2.0");

            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(blocked.failedGates()).extracting(GateResult::gate).containsExactly("proving-tests-passed");
            GateResult gate = blocked.failedGates().get(0);
            assertThat(gate.summary()).isEqualTo("3 of 4 proving test(s) did not pass");
            assertThat(gate.problems()).containsExactly(
                    "PAY-002: com.acme.LatencyTest.fast() failed in v2.2.0-rc.1 (expected <200> but was <900>)",
                    "PAY-003: com.acme.ApplePayTest.pays() skipped in v2.2.0-rc.1 (disabled)",
                    "PAY-003: com.acme.ApplePayTest.refunds() not run in v2.2.0-rc.1 (not selected)");

            evolveRecording(gryt, run,
                    proof("PAY-001", "com.acme.RefundTest.refunds()", Outcome.PASSED, null),
                    proof("PAY-002", "com.acme.LatencyTest.fast()", Outcome.PASSED, null));
            Promotion promoted = gryt.promote("v2.2.0");
            assertThat(promoted.status()).as(promoted.toString()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(promoted.gates()).filteredOn(g -> g.gate().equals("proving-tests-passed")).singleElement()
                    .satisfies(g -> assertThat(g.summary()).isEqualTo("2 proving test(s) of 2 change(s) passed"));
            assertThat(gryt.verifyAudit().intact()).as("the proofs are in the audit trail's chain").isTrue();
        }
    }

    @Test
    void proofsAreRecordedOnlyWhileTheirStepRuns() {
        ReleaseProject project = new ReleaseProject(dir);
        AtomicReference<String> run = new AtomicReference<>();
        try (Gryt gryt = project.open()) {
            evolveRecording(gryt, run, proof("PAY-001", "a.B.c()", Outcome.PASSED, null));

            assertThatThrownBy(() -> gryt.recordProofs(run.get(), "test",
                    List.of(proof("PAY-001", "a.B.c()", Outcome.FAILED, "late"))))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("is not running");
        }
    }
}
