package io.gryt.core.release.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.Versioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hot-fix gate: every proof was made on a commit that contains the release being patched (its tag's commit is
 * an ancestor), so a hot-fix cannot silently drop what the release shipped.
 */
public final class ContainsReleaseGate implements PromotionGate {
    @Override
    public String name() {
        return "hotfix-contains-release";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        String base = context.generation().hotfixOf();
        if (base == null) return GateResult.pass(name(), "not a hot-fix");
        Versioning vcs = context.versioning();
        Optional<Versioning.Tag> tag = vcs.tag(base);
        if (tag.isEmpty()) {
            return GateResult.block(name(), "release tag " + base + " not found", List.of("git tag " + base + " is missing"));
        }
        String released = tag.get().commit();
        Map<String, Boolean> contains = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latestPass() == null) continue;
            String proof = ev.latestPass().commit();
            if (!contains.computeIfAbsent(proof, c -> vcs.isAncestor(released, c))) {
                problems.add(ev.change().id() + ": proven by " + ev.latestPass().tag() + " on a commit that does not contain " + base);
            }
        }
        return problems.isEmpty() ? GateResult.pass(name(), "every proof contains " + base)
                : GateResult.block(name(), problems.size() + " proof(s) without " + base, problems);
    }
}
