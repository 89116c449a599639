package io.gryt.api.spi;

import io.gryt.api.event.GrytEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one destination.
 *
 * @param id          the event's stable id (a UUID): the same on every attempt and for every destination, so a
 *                    receiver can use it as an idempotency key (CloudEvents {@code id})
 * @param destination the destination's name
 * @param event       the event
 * @param json        the event as a JSON object (its record components, durations in ISO-8601, instants in UTC)
 * @param attempt     which attempt this is, counting from 1
 * @param recordedAt  when the event was written to the outbox
 */
public record Delivery(String id, String destination, GrytEvent event, String json, int attempt, Instant recordedAt) {
    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (attempt < 1) throw new IllegalArgumentException("attempt counts from 1: " + attempt);
    }
}
