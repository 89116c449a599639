package io.gryt.core.destination;

import io.gryt.api.BadInputException;
import io.gryt.api.event.DestinationTested;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.OutboxStore.OutboxDelivery;
import io.gryt.core.internal.destination.DestinationConfig;
import io.gryt.core.internal.destination.EventJson;
import io.gryt.core.internal.destination.Outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A project's destinations and their outbox ({@link io.gryt.core.Gryt#destinations()}). Every message and error it
 * gives has the destinations' secret values masked. Experimental.
 */
public final class Destinations {
    private final Optional<Outbox> outbox;
    private final String store;

    /** The destinations of {@code outbox} (empty when none is configured), kept in store {@code store}. */
    public Destinations(Optional<Outbox> outbox, String store) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * One configured destination.
     *
     * @param name        its name
     * @param description its type and where it is configured
     * @param events      the event types it receives; empty for every type
     */
    public record Configured(String name, String description, Set<String> events) {
    }

    /**
     * One delivery attempt made by {@link #flush} or {@link #test}.
     *
     * @param eventId     the event's id
     * @param destination the destination
     * @param type        the event's type
     * @param attempt     which attempt it was
     * @param sent        true when the destination acknowledged it
     * @param error       why not (secrets masked); {@code null} when sent
     */
    public record Attempt(String eventId, String destination, String type, int attempt, boolean sent, String error) {
    }

    /** The destinations, in configuration order (those given to the builder last). */
    public List<Configured> list() {
        return outbox.map(o -> o.destinations().values().stream()
                .map(d -> new Configured(d.name(), DestinationConfig.describe(d), d.events())).toList()).orElse(List.of());
    }

    /** Every delivery not acknowledged yet, oldest first, with its last error (secrets masked). */
    public List<OutboxDelivery> waiting() {
        return outbox.map(Outbox::waiting).orElse(List.of());
    }

    /** Tries every waiting delivery now, whatever its backoff; returns each attempt. */
    public List<Attempt> flush() {
        return outbox.map(o -> o.flush().stream().map(x -> new Attempt(x.delivery().eventId(),
                x.delivery().destination(), x.delivery().type(), x.delivery().attempts(), x.sent(), x.error())).toList())
                .orElse(List.of());
    }

    /**
     * Sends a {@link DestinationTested} event to destination {@code name} now, outside the outbox, and says how it
     * went.
     *
     * @throws BadInputException when there is no such destination
     */
    public Attempt test(String name) {
        Outbox o = outbox.orElseThrow(() -> new BadInputException("no destination '" + name
                + "': none is configured (destinations: in .gryt/config.yaml)"));
        Destination d = o.destinations().get(name);
        if (d == null) {
            throw new BadInputException("no destination '" + name + "' (destinations: "
                    + String.join(", ", o.destinations().keySet()) + ")");
        }
        DestinationTested event = new DestinationTested(name, Instant.now());
        String id = UUID.randomUUID().toString();
        try {
            d.deliver(new Delivery(id, name, event, EventJson.toJson(event), 1, event.at()));
            return new Attempt(id, name, event.type(), 1, true, null);
        } catch (Exception | LinkageError e) {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage().replaceAll("\\R", " ");
            return new Attempt(id, name, event.type(), 1, false, o.mask(message));
        }
    }

    /** Where the outbox is kept, for messages. */
    public String store() {
        return store;
    }
}
