package io.gryt.api.spi;

import java.util.Set;

/**
 * Where gryt sends its lifecycle events (Slack, a webhook, a Prometheus Pushgateway, S3...). gryt never calls a
 * destination inside a run or a promotion: each event is first written to the store's outbox in the transaction
 * of the state it describes, then delivered after the command's work, with retries and backoff. A delivery that
 * throws is retried later with the same {@link Delivery#id()}; one that returns is acknowledged and never sent
 * again. A destination must therefore be idempotent on {@link Delivery#id()} (or tolerate a resend after a crash
 * between its send and gryt's acknowledgement).
 *
 * <p>Configured in {@code .gryt/config.yaml} ({@code destinations:}) and created by the
 * {@link DestinationProvider} of its {@code type}, or passed to gryt's builder. Experimental.
 */
public interface Destination extends AutoCloseable {
    /** Its name, unique in a project: what {@code gryt destinations} shows and the outbox records. */
    String name();

    /** The event types it receives ({@code run.finished}, {@code promotion.completed}...); empty for every type. */
    Set<String> events();

    /** True when it receives events of {@code type}. */
    default boolean subscribes(String type) {
        return events().isEmpty() || events().contains(type);
    }

    /**
     * Sends one event. Returning acknowledges it; throwing leaves it in the outbox for a later attempt. The
     * exception's message is recorded (with secret values masked) and shown by {@code gryt destinations status}.
     */
    void deliver(Delivery delivery) throws Exception;

    /** Releases what it holds (connections); the default does nothing. */
    @Override
    default void close() {
    }
}
