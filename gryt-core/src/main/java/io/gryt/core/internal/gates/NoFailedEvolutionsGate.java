package io.gryt.core.internal.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;

import java.util.ArrayList;
import java.util.List;

/**
 * No change's latest evolution failed. An old failure that a later evolution fixed does not block: only
 * the latest finished evolution of each change counts.
 */
public final class NoFailedEvolutionsGate implements PromotionGate {
    @Override
    public String name() {
        return "no-failed-evolutions";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        List<String> problems = new ArrayList<>();
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latest() != null && ev.latest().status() == EvolutionStatus.FAIL) {
                problems.add(ev.change().id() + ": latest evolution " + ev.latest().tag() + " failed"
                        + (ev.latestPass() != null ? " (after " + ev.latestPass().tag() + " passed)" : ""));
            }
        }
        return problems.isEmpty() ? GateResult.pass(name(), "no change's latest evolution failed")
                : GateResult.block(name(), problems.size() + " change(s) whose latest evolution failed", problems);
    }
}
