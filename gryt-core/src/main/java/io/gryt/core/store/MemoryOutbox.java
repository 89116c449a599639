package io.gryt.core.store;

import io.gryt.api.spi.OutboxStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link OutboxStore} of a {@link MemoryStore}: a write and its events happen under the store's lock, so
 * another thread sees both or neither.
 */
final class MemoryOutbox implements OutboxStore {
    private final MemoryStore store;
    /** Deliveries by event id and destination, in the order they were recorded. */
    private final Map<List<String>, OutboxDelivery> deliveries = new LinkedHashMap<>();
    private final Map<List<String>, Instant> leases = new LinkedHashMap<>();

    MemoryOutbox(MemoryStore store) {
        this.store = store;
    }

    @Override
    public <T> T recording(List<OutboxEvent> events, Supplier<T> write) {
        Objects.requireNonNull(write, "write");
        synchronized (store) {
            T result = write.get();
            record(events);
            return result;
        }
    }

    @Override
    public void record(List<OutboxEvent> events) {
        synchronized (store) {
            store.checkOpen();
            for (OutboxEvent e : events) {
                for (String d : e.destinations()) {
                    deliveries.putIfAbsent(List.of(e.id(), d),
                            new OutboxDelivery(e.id(), d, e.type(), e.json(), e.at(), 0, null, e.at(), null));
                }
            }
        }
    }

    @Override
    public List<OutboxDelivery> claim(Collection<String> destinations, Instant now, Duration lease, int limit) {
        synchronized (store) {
            store.checkOpen();
            List<OutboxDelivery> taken = new ArrayList<>();
            for (Map.Entry<List<String>, OutboxDelivery> e : deliveries.entrySet()) {
                if (taken.size() >= limit) break;
                OutboxDelivery d = e.getValue();
                Instant leased = leases.get(e.getKey());
                if (d.deliveredAt() != null || d.nextAttempt().isAfter(now) || !destinations.contains(d.destination())
                        || leased != null && leased.isAfter(now)) continue;
                OutboxDelivery claimed = new OutboxDelivery(d.eventId(), d.destination(), d.type(), d.json(), d.at(),
                        d.attempts() + 1, d.lastError(), d.nextAttempt(), null);
                e.setValue(claimed);
                leases.put(e.getKey(), now.plus(lease));
                taken.add(claimed);
            }
            return taken;
        }
    }

    @Override
    public void retryNow(Collection<String> destinations, Instant now) {
        synchronized (store) {
            for (OutboxDelivery d : waiting()) {
                if (destinations.contains(d.destination())) failed(d.eventId(), d.destination(), d.lastError(), now);
            }
        }
    }

    @Override
    public void delivered(String eventId, String destination, Instant at) {
        update(eventId, destination, d -> new OutboxDelivery(d.eventId(), d.destination(), d.type(), d.json(), d.at(),
                d.attempts(), d.lastError(), d.nextAttempt(), at));
    }

    @Override
    public void failed(String eventId, String destination, String error, Instant retryAt) {
        update(eventId, destination, d -> new OutboxDelivery(d.eventId(), d.destination(), d.type(), d.json(), d.at(),
                d.attempts(), error, retryAt, null));
    }

    private void update(String eventId, String destination, java.util.function.UnaryOperator<OutboxDelivery> change) {
        synchronized (store) {
            store.checkOpen();
            List<String> key = List.of(eventId, destination);
            OutboxDelivery d = deliveries.get(key);
            if (d == null || d.deliveredAt() != null) return;
            deliveries.put(key, change.apply(d));
            leases.remove(key);
        }
    }

    @Override
    public List<OutboxDelivery> waiting() {
        synchronized (store) {
            store.checkOpen();
            return deliveries.values().stream().filter(d -> d.deliveredAt() == null).toList();
        }
    }

    @Override
    public Optional<OutboxDelivery> delivery(String eventId, String destination) {
        synchronized (store) {
            store.checkOpen();
            return Optional.ofNullable(deliveries.get(List.of(eventId, destination)));
        }
    }
}
