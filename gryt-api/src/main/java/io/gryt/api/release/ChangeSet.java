package io.gryt.api.release;

import io.gryt.api.BadInputException;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The changes one evolution proves: ids its generation declares, each once, in the contract's declaration order
 * whatever order they were asked in. That one order is used everywhere the set appears: the evolution's record,
 * {@code GRYT_CHANGES}, the evolution events and the RC tag's message. {@link #of} is the one place that checks
 * requested change ids against a contract.
 *
 * @param generation the generation's version
 * @param ids        the change ids, in declaration order, not empty
 */
public record ChangeSet(String generation, List<String> ids) {
    public ChangeSet {
        Objects.requireNonNull(generation, "generation");
        ids = List.copyOf(ids);
        if (ids.isEmpty()) throw new IllegalArgumentException("a change set holds at least one change");
        if (ids.stream().distinct().count() != ids.size()) throw new IllegalArgumentException("duplicate change in " + ids);
    }

    /** The changes of {@code generation} named by {@code requested}; see {@link #of(String, List, Collection)}. */
    public static ChangeSet of(Generation generation, Collection<String> requested) {
        return of(generation.version(), generation.changes().stream().map(Change::id).toList(), requested);
    }

    /**
     * The changes named by {@code requested} (duplicates ignored) among the {@code declared} ids of generation
     * {@code version}, in declaration order.
     *
     * @throws BadInputException when {@code requested} is empty or names a change {@code declared} does not hold
     */
    public static ChangeSet of(String version, List<String> declared, Collection<String> requested) {
        if (requested.isEmpty()) {
            throw new BadInputException("an evolution proves at least one change: pass --change ID (" + version
                    + " declares " + (declared.isEmpty() ? "no changes yet" : String.join(", ", declared)) + ")");
        }
        for (String id : requested) {
            if (!declared.contains(id)) {
                throw new BadInputException("unknown change " + id + " in generation " + version + " (declared: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
            }
        }
        return new ChangeSet(version, declared.stream().filter(requested::contains).toList());
    }

    /** The ids separated by commas, as in {@code GRYT_CHANGES}: {@code PAY-001,PAY-003}. */
    public String joined() {
        return String.join(",", ids);
    }
}
