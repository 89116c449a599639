package io.gryt.core.internal.gates;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.Versioning;
import io.gryt.core.format.TagMessages;
import io.gryt.core.format.Versions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hot-fix gate: every proof was made on a commit that contains the release being patched and every later release
 * of its line below the hot-fix (their tags' commits are ancestors): a hot-fix {@code v2.2.2} of {@code v2.2.0}
 * must not silently drop what {@code v2.2.0} or an already released {@code v2.2.1} shipped.
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
        List<Versioning.Tag> releases = new ArrayList<>(List.of(tag.get()));
        releases.addAll(laterReleases(vcs, base, context.generation().version()));
        Map<String, Boolean> contains = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ChangeEvidence ev : context.evidence()) {
            if (ev.latestPass() == null) continue;
            String proof = ev.latestPass().commit();
            for (Versioning.Tag release : releases) {
                if (!contains.computeIfAbsent(release.commit() + " " + proof, k -> vcs.isAncestor(release.commit(), proof))) {
                    problems.add(ev.change().id() + ": proven by " + ev.latestPass().tag() + " on a commit that does not contain "
                            + release.name());
                }
            }
        }
        String names = String.join(", ", releases.stream().map(Versioning.Tag::name).toList());
        return problems.isEmpty() ? GateResult.pass(name(), "every proof contains " + names)
                : GateResult.block(name(), problems.size() + " proof(s) without " + names, problems);
    }

    /** The releases gryt tagged after {@code base} and before {@code version} on {@code version}'s line. */
    private static List<Versioning.Tag> laterReleases(Versioning vcs, String base, String version) {
        if (!Versions.isValid(base) || !Versions.isValid(version)) return List.of();
        String line = version.substring(0, version.lastIndexOf('.') + 1);
        return vcs.tags(line).stream()
                .filter(t -> Versions.isValid(t.name())
                        && Versions.ORDER.compare(t.name(), base) > 0 && Versions.ORDER.compare(t.name(), version) < 0)
                .filter(t -> t.message() != null && t.message().startsWith(TagMessages.RELEASE + t.name()))
                .sorted(Comparator.comparing(Versioning.Tag::name, Versions.ORDER))
                .toList();
    }
}
