package io.gryt.core.internal.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;

import java.util.ArrayList;
import java.util.List;

/** Every declared change is proven: its latest finished evolution passed. */
public final class AllChangesProvenGate implements PromotionGate {
    @Override
    public String name() {
        return "all-changes-proven";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        List<ChangeEvidence> evidence = context.evidence();
        List<String> problems = new ArrayList<>();
        for (ChangeEvidence ev : evidence) {
            if (ev.proven()) continue;
            String why = ev.latest() == null ? "never proven by an evolution"
                    : "latest evolution " + ev.latest().tag() + " " + ev.latest().status().label();
            problems.add(ev.change().id() + " (" + ev.change().title() + "): " + why);
        }
        int proven = evidence.size() - problems.size();
        String summary = proven + " of " + evidence.size() + " changes proven";
        if (evidence.isEmpty()) return GateResult.block(name(), "the generation declares no changes",
                List.of("declare at least one change in the generation file"));
        return problems.isEmpty() ? GateResult.pass(name(), summary) : GateResult.block(name(), summary, problems);
    }
}
