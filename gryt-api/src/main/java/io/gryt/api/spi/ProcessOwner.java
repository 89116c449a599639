package io.gryt.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The OS process that owns a run, so that a later process can tell whether it is still alive.
 *
 * @param pid          the process id
 * @param host         the host name
 * @param processStart when that process started (guards against pid reuse); may be {@code null}
 */
public record ProcessOwner(long pid, String host, Instant processStart) {
    public ProcessOwner {
        Objects.requireNonNull(host, "host");
    }
}
