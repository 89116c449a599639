package io.gryt.core.internal.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.TestProof;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.core.testreport.ProofRows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every test that proves a change ({@code @Proves} in gryt-junit) passed in the change's proving evolution: one that
 * failed, was skipped or did not run leaves its change unproven, and the gate names it. Changes without recorded
 * proving tests pass this gate (other gates judge them).
 */
public final class ProvingTestsGate implements PromotionGate {
    private final Function<Collection<String>, Map<String, List<DataRow>>> rowsOfRuns;

    /** A gate reading the data rows of the proving runs, by run id, with {@code rowsOfRuns} (called once). */
    public ProvingTestsGate(Function<Collection<String>, Map<String, List<DataRow>>> rowsOfRuns) {
        this.rowsOfRuns = rowsOfRuns;
    }

    @Override
    public String name() {
        return "proving-tests-passed";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        Set<String> runs = new LinkedHashSet<>();
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latestPass() != null && ev.latestPass().runId() != null) runs.add(ev.latestPass().runId());
        }
        Map<String, List<DataRow>> rows = runs.isEmpty() ? Map.of() : rowsOfRuns.apply(runs);
        Map<String, List<TestProof>> byRun = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int tests = 0;
        int changes = 0;
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latestPass() == null || ev.latestPass().runId() == null) continue;
            List<TestProof> proofs = byRun.computeIfAbsent(ev.latestPass().runId(), run -> ProofRows.of(rows.getOrDefault(run, List.of())))
                    .stream().filter(p -> p.change().equals(ev.change().id())).toList();
            if (proofs.isEmpty()) continue;
            changes++;
            tests += proofs.size();
            for (TestProof p : proofs) {
                if (p.outcome() == TestProof.Outcome.PASSED) continue;
                problems.add(ev.change().id() + ": " + p.test() + " " + p.outcome().label() + " in "
                        + ev.latestPass().tag() + (p.message() == null ? "" : " (" + p.message() + ")"));
            }
        }
        if (tests == 0) return GateResult.pass(name(), "no @Proves tests recorded");
        if (problems.isEmpty()) {
            return GateResult.pass(name(), tests + " proving test(s) of " + changes + " change(s) passed");
        }
        return GateResult.block(name(), problems.size() + " of " + tests + " proving test(s) did not pass", problems);
    }
}
