package io.gryt.core.internal.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The mistakes found while reading one file: each read that fails is collected and the reading goes on with the
 * next field, so that the file's problems are reported together ({@link #throwIfAny}), one line each.
 */
final class Problems {
    private final List<YamlException> found = new ArrayList<>();

    /** Runs {@code read}; its {@link YamlException} is collected. Returns its result, or null when it failed. */
    <T> T attempt(Supplier<T> read) {
        try {
            return read.get();
        } catch (YamlException e) {
            found.add(e);
            return null;
        }
    }

    /** Runs {@code read}; its {@link YamlException} is collected. */
    void attempt(Runnable read) {
        attempt(() -> {
            read.run();
            return null;
        });
    }

    /** Collects a problem. */
    void add(YamlException problem) {
        found.add(problem);
    }

    /** Throws every problem found, in file order, as one {@link YamlException}; does nothing when there are none. */
    void throwIfAny() {
        if (!found.isEmpty()) throw YamlException.all(found);
    }
}
