package io.gryt.core.exec;

import io.gryt.api.Secret;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replaces secret values with {@value Secret#MASK}, longest first so that no part of a longer value leaks. */
final class SecretMask {
    static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> values;

    private SecretMask(List<String> values) {
        this.values = values;
    }

    /** A mask for {@code values}; empty and null values are ignored. */
    static SecretMask of(Collection<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isEmpty()) distinct.add(v);
        }
        return new SecretMask(distinct.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** {@code text} with every secret value replaced; {@code null} stays {@code null}. */
    String apply(String text) {
        if (text == null || values.isEmpty()) return text;
        String masked = text;
        for (String value : values) {
            if (masked.contains(value)) masked = masked.replace(value, Secret.MASK);
        }
        return masked;
    }
}
