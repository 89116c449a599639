package io.gryt.core.store;

import io.gryt.api.audit.VerifyReport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code gryt db migrate} did ({@link io.gryt.core.Gryt#migrateStore}): the rows it copied per table and the
 * audit verification of the trail on each side.
 *
 * @param from   the store copied, as named in messages
 * @param to     the store copied into, without any password
 * @param rows   rows copied per table, in copy order
 * @param source {@code audit verify} of the trail copied
 * @param target {@code audit verify} of the copy
 */
public record StoreMigration(String from, String to, Map<String, Long> rows, VerifyReport source, VerifyReport target) {
    public StoreMigration {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /** True when both trails verify and the copy holds every entry of the source, ending with the same hash. */
    public boolean verified() {
        return source.intact() && target.intact() && target.entries() == source.entries()
                && Objects.equals(target.head(), source.head());
    }
}
