package io.gryt.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The outbox of a store: events on their way to destinations, recorded in the transaction of the state they
 * describe, and one delivery row per event and destination until it is acknowledged. Deliveries are never
 * deleted: an acknowledged one keeps when. Experimental.
 */
public interface OutboxStore {
    /**
     * Runs {@code write}, which makes one write transaction of this store on the calling thread (a
     * {@link RunStore} or {@link ReleaseStore} write), and records {@code events} in that same transaction: both
     * are committed or neither is. When {@code write} wrote nothing, the events are recorded in a transaction of
     * their own after it. Returns what {@code write} returns.
     */
    <T> T recording(List<OutboxEvent> events, Supplier<T> write);

    /** Records {@code events} in a transaction of their own (events no state change carries, a test event). */
    void record(List<OutboxEvent> events);

    /**
     * Takes up to {@code limit} deliveries due at {@code now} (not acknowledged, next attempt not later than
     * {@code now}, not claimed by another process whose lease runs) to one of {@code destinations}, oldest first,
     * in one transaction: each counts one more attempt and is leased until {@code now + lease}, so that two gryt
     * processes flushing at once do not send the same event together.
     */
    List<OutboxDelivery> claim(Collection<String> destinations, Instant now, Duration lease, int limit);

    /** Acknowledges a delivery: it is never claimed again. */
    void delivered(String eventId, String destination, Instant at);

    /** Records a failed attempt: {@code error} (secrets already masked), and when to try again. */
    void failed(String eventId, String destination, String error, Instant retryAt);

    /** Every delivery not acknowledged yet, oldest first. */
    List<OutboxDelivery> waiting();

    /** One delivery. */
    Optional<OutboxDelivery> delivery(String eventId, String destination);

    /**
     * An event to record.
     *
     * @param id           its stable id (a UUID)
     * @param type         its type, e.g. {@code run.finished}
     * @param json         the event as JSON
     * @param at           when it happened
     * @param destinations the destinations that receive it (one delivery row each); none records only the event
     */
    record OutboxEvent(String id, String type, String json, Instant at, List<String> destinations) {
        public OutboxEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(at, "at");
            destinations = List.copyOf(destinations);
        }
    }

    /**
     * An event's delivery to one destination.
     *
     * @param eventId     the event's id
     * @param destination the destination's name
     * @param type        the event's type
     * @param json        the event as JSON
     * @param at          when the event happened
     * @param attempts    how many attempts were started (claimed)
     * @param lastError   the last attempt's error, secrets masked; {@code null} when none failed
     * @param nextAttempt when it may be tried again
     * @param deliveredAt when it was acknowledged; {@code null} while it waits
     */
    record OutboxDelivery(String eventId, String destination, String type, String json, Instant at, int attempts,
                          String lastError, Instant nextAttempt, Instant deliveredAt) {
        public OutboxDelivery {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
        }

        /** The last attempt's error, when one failed. */
        public Optional<String> error() {
            return Optional.ofNullable(lastError);
        }

        /** When it was acknowledged, once it was. */
        public Optional<Instant> delivered() {
            return Optional.ofNullable(deliveredAt);
        }
    }
}
