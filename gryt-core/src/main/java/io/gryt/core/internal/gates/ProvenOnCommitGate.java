package io.gryt.core.internal.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every proof is part of what ships: the commit of each change's proving evolution is the promoted commit
 * or one of its ancestors, so a proof made on an abandoned branch does not count; and the proving evolution's
 * tag, which the release tag names, is in git on that commit (not deleted or moved by hand).
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
        // every proof's tag, read at once: the same answers as one Versioning.tag(name) per proof
        Map<String, String> tags = context.versioning().tagCommits(context.evidence().stream()
                .map(ChangeEvidence::latestPass).filter(Objects::nonNull).map(EvolutionRef::tag).distinct().toList());
        List<String> problems = new ArrayList<>();
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latestPass() == null) continue;
            String proof = ev.latestPass().commit();
            boolean ok = reachable.computeIfAbsent(proof, c -> context.versioning().isAncestor(c, target.get()));
            if (!ok) {
                problems.add(ev.change().id() + ": proven by " + ev.latestPass().tag() + " on commit " + abbrev(proof)
                        + ", which is not part of " + abbrev(target.get()));
            }
            tagProblem(ev.latestPass(), tags).ifPresent(p -> problems.add(ev.change().id() + ": " + p));
        }
        return problems.isEmpty() ? GateResult.pass(name(), "every proof is an ancestor of " + abbrev(target.get()))
                : GateResult.block(name(), problems.size() + " problem(s) with the proofs of " + abbrev(target.get()), problems);
    }

    private static Optional<String> tagProblem(EvolutionRef proof, Map<String, String> tags) {
        String tagged = tags.get(proof.tag());
        if (tagged == null) {
            return Optional.of("git tag " + proof.tag() + " of its proof is missing (restore it on " + abbrev(proof.commit())
                    + ", or prove the change again)");
        }
        if (!tagged.equals(proof.commit())) {
            return Optional.of("git tag " + proof.tag() + " of its proof is on commit " + abbrev(tagged)
                    + ", but the evolution ran on " + abbrev(proof.commit()) + " (move it back, or prove the change again)");
        }
        return Optional.empty();
    }

    static String abbrev(String commit) {
        return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
    }
}
