package io.gryt.api.event;

/**
 * Receives lifecycle events. Called synchronously after the state the event describes is recorded; an
 * exception is logged and ignored, so a failing listener never changes or corrupts the release state.
 */
@FunctionalInterface
public interface EventListener {
    /** Handles one event. */
    void onEvent(GrytEvent event);
}
