package io.gryt.core.internal.event;

import io.gryt.api.event.EventListener;
import io.gryt.api.event.GrytEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Delivers lifecycle events to listeners, synchronously and in subscription order, after the state an event
 * describes has been recorded. A listener that throws is logged and skipped: it can neither stop the other
 * listeners nor change what was recorded.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    /** A bus with these listeners. */
    public EventBus(List<EventListener> initial) {
        listeners.addAll(initial);
    }

    /** Adds a listener. */
    public void subscribe(EventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** True when nobody listens (callers may skip building events). */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Publishes {@code event} to every listener. */
    public void publish(GrytEvent event) {
        Objects.requireNonNull(event, "event");
        for (EventListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("event listener {} failed on {}: {}", l.getClass().getName(), event.type(), e.toString());
            }
        }
    }
}
