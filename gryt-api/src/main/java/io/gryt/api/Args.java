package io.gryt.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Argument checks of the DSL: a null argument fails where it is passed, with the parameter's name. */
final class Args {
    private Args() {
    }

    /** An immutable copy of {@code values}; a null array or element throws a NullPointerException naming {@code parameter}. */
    @SafeVarargs
    static <T> List<T> list(String parameter, T... values) {
        Objects.requireNonNull(values, parameter);
        List<T> copy = new ArrayList<>(values.length);
        for (T value : values) {
            copy.add(value);
        }
        return list(parameter, copy);
    }

    /** An immutable copy of {@code values}; a null collection or element throws naming {@code parameter}. */
    static <T> List<T> list(String parameter, Collection<? extends T> values) {
        Objects.requireNonNull(values, parameter);
        for (T value : values) Objects.requireNonNull(value, () -> parameter + " contains null");
        return List.copyOf(values);
    }
}
