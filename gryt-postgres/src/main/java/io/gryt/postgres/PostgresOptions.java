package io.gryt.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How a PostgreSQL store connects: the connection pool's size and how long it waits for the server. A command of
 * the gryt CLI needs {@linkplain #forCommand() one or two connections}; an embedder that runs many pipelines at once
 * (a CI server, a dashboard) gives more. Immutable; change one setting with the {@code with...} methods.
 *
 * @param poolSize       the most connections held at once (at least 1)
 * @param connectTimeout how long one attempt to connect waits for the server
 * @param patience       how long a read or write keeps retrying while the server cannot be reached (restarting,
 *                       failing over) or its transaction loses a serialization race, before it fails; under a
 *                       second, it is not retried
 */
public record PostgresOptions(int poolSize, Duration connectTimeout, Duration patience) {
    public PostgresOptions {
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(patience, "patience");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (patience.isNegative()) throw new IllegalArgumentException("patience must not be negative: " + patience);
    }

    /** For one command of the CLI: two connections (a write and a read at once), 10 s to connect, 1 min of patience. */
    public static PostgresOptions forCommand() {
        return new PostgresOptions(2, Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    /** These options with at most {@code size} connections. */
    public PostgresOptions withPoolSize(int size) {
        return new PostgresOptions(size, connectTimeout, patience);
    }

    /** These options waiting {@code timeout} for each connection attempt. */
    public PostgresOptions withConnectTimeout(Duration timeout) {
        return new PostgresOptions(poolSize, timeout, patience);
    }

    /** These options retrying for {@code duration} while the server is unreachable. */
    public PostgresOptions withPatience(Duration duration) {
        return new PostgresOptions(poolSize, connectTimeout, duration);
    }
}
