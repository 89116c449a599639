package io.gryt.api.event;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives lifecycle events. Called synchronously after the state the event describes is recorded; an
 * exception is logged and ignored, so a failing listener never changes or corrupts the release state.
 */
@FunctionalInterface
public interface EventListener {
    /** Handles one event. */
    void on(GrytEvent event);

    /**
     * A listener for one kind of event only: {@code EventListener.of(EvolutionFinished.class, e -> ...)}.
     */
    static <E extends GrytEvent> EventListener of(Class<E> type, Consumer<? super E> action) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        return event -> {
            if (type.isInstance(event)) action.accept(type.cast(event));
        };
    }
}
