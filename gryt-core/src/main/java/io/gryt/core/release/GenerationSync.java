package io.gryt.core.release;

import io.gryt.api.release.Change;
import io.gryt.api.release.Generation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What syncing a generation file into the store changed ({@link Generations#sync}): the stored contract before
 * and after. Stable.
 *
 * @param before the stored generation before the sync, or {@code null} when the sync recorded it first
 * @param after  the stored generation after the sync
 */
public record GenerationSync(Generation before, Generation after) {
    public GenerationSync {
        Objects.requireNonNull(after, "after");
    }

    /** True when the sync recorded the generation for the first time. */
    public boolean created() {
        return before == null;
    }

    /** True when the stored contract changed (or was created). */
    public boolean changed() {
        return created() || !Objects.equals(before.contractHash(), after.contractHash());
    }

    /** The changes the file declares that the store did not, in file order. */
    public List<Change> added() {
        Map<String, Change> old = byId(before);
        return after.changes().stream().filter(c -> !old.containsKey(c.id())).toList();
    }

    /** The changes the store held that the file no longer declares, in their former order. */
    public List<Change> removed() {
        if (before == null) return List.of();
        Map<String, Change> now = byId(after);
        return before.changes().stream().filter(c -> !now.containsKey(c.id())).toList();
    }

    /** The changes kept whose type, title or description changed, as they are now, in file order. */
    public List<Change> edited() {
        Map<String, Change> old = byId(before);
        return after.changes().stream().filter(c -> old.containsKey(c.id()) && !old.get(c.id()).equals(c)).toList();
    }

    /** True when the changes kept are now in another order. */
    public boolean reordered() {
        if (before == null) return false;
        Map<String, Change> now = byId(after);
        Map<String, Change> old = byId(before);
        List<String> was = before.changes().stream().map(Change::id).filter(now::containsKey).toList();
        List<String> is = after.changes().stream().map(Change::id).filter(old::containsKey).toList();
        return !was.equals(is);
    }

    /** True when the description changed. */
    public boolean descriptionChanged() {
        return before != null && !before.description().equals(after.description());
    }

    /** True when the pipeline template changed (named, removed or renamed). */
    public boolean pipelineTemplateChanged() {
        return before != null && !Objects.equals(before.pipelineTemplate(), after.pipelineTemplate());
    }

    private static Map<String, Change> byId(Generation g) {
        if (g == null) return Map.of();
        return g.changes().stream().collect(Collectors.toMap(Change::id, Function.identity()));
    }
}
