package io.gryt.core.internal.event;

import io.gryt.api.event.EventListener;
import io.gryt.api.event.GrytEvent;
import io.gryt.core.internal.destination.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Delivers lifecycle events to listeners, synchronously and in subscription order, after the state an event
 * describes has been recorded. A listener that throws is logged and skipped: it can neither stop the other
 * listeners nor change what was recorded.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    /** Where events go for destinations; null when there are none. */
    private volatile Outbox outbox;

    /** A bus with these listeners. */
    public EventBus(List<EventListener> initial) {
        listeners.addAll(initial);
    }

    /** Sends every event published from now on to destinations, through {@code outbox}. */
    public void sendTo(Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /**
     * Runs the store write {@code write} with {@code events} written to the destinations' outbox in its transaction,
     * then publishes them to the listeners. Returns what {@code write} returns.
     */
    public <T> T recording(List<GrytEvent> events, Supplier<T> write) {
        T result = outboxed(events, write);
        events.forEach(this::notifyListeners);
        return result;
    }

    /**
     * Runs the store write {@code write} with {@code events} written to the destinations' outbox in its transaction,
     * without telling the listeners yet: the caller does, with {@link #publishRecorded}, once its work is done.
     */
    public <T> T outboxed(List<GrytEvent> events, Supplier<T> write) {
        Outbox o = outbox;
        return o == null ? write.get() : o.recording(events, write);
    }

    /** Adds a listener. */
    public void subscribe(EventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** True when nobody listens (callers may skip building events). */
    public boolean isEmpty() {
        return listeners.isEmpty() && outbox == null;
    }

    /**
     * Publishes {@code event} to every listener, and to destinations in a transaction of its own (events whose state
     * write carries them go through {@link #recording} instead).
     */
    public void publish(GrytEvent event) {
        Objects.requireNonNull(event, "event");
        Outbox o = outbox;
        if (o != null) o.record(event);
        notifyListeners(event);
    }

    /** Publishes {@code event}, which the outbox already holds, to the listeners only. */
    public void publishRecorded(GrytEvent event) {
        notifyListeners(Objects.requireNonNull(event, "event"));
    }

    private void notifyListeners(GrytEvent event) {
        for (EventListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("event listener {} failed on {}: {}", l.getClass().getName(), event.type(), e.toString());
            }
        }
    }
}
