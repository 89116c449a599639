package io.gryt.core.release.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every proof is part of what ships: the commit of each change's proving evolution is the promoted commit
 * or one of its ancestors, so a proof made on an abandoned branch does not count.
 */
public final class ProvenOnCommitGate implements PromotionGate {
    @Override
    public String name() {
        return "proven-on-this-commit";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        Optional<String> target = context.commit();
        if (target.isEmpty()) {
            return GateResult.block(name(), "no commit to promote", List.of("no evolution of this generation passed"));
        }
        Map<String, Boolean> reachable = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latestPass() == null) continue;
            String proof = ev.latestPass().commit();
            boolean ok = reachable.computeIfAbsent(proof, c -> context.versioning().isAncestor(c, target.get()));
            if (!ok) {
                problems.add(ev.change().id() + ": proven by " + ev.latestPass().tag() + " on commit " + abbrev(proof)
                        + ", which is not part of " + abbrev(target.get()));
            }
        }
        return problems.isEmpty() ? GateResult.pass(name(), "every proof is an ancestor of " + abbrev(target.get()))
                : GateResult.block(name(), problems.size() + " proof(s) not reachable from " + abbrev(target.get()), problems);
    }

    static String abbrev(String commit) {
        return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
    }
}
