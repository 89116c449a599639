package io.gryt.core.internal.destination;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Masks the secret values of destinations in text that gryt records or prints: each becomes {@code ***}. */
final class SecretText {
    private final List<String> secrets;

    SecretText(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isEmpty()) continue;
            all.add(v);
            all.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        // the longest first, so that a secret containing another is masked whole
        this.secrets = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String mask(String text) {
        if (text == null) return null;
        String masked = text;
        for (String s : secrets) masked = masked.replace(s, "***");
        return masked;
    }
}
