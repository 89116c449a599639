package io.gryt.core.internal.exec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids: the UTC start time and a random suffix, {@code 20261124-164501-3fa9c2}. Ids sort by start time
 * and are safe as directory names.
 */
public final class RunIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** A new id for a run starting now. */
    public static String next() {
        return next(Instant.now());
    }

    /** A new id for a run starting at {@code at}. */
    public static String next(Instant at) {
        return TIME.format(at) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }
}
