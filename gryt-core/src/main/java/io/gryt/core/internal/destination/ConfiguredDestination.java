package io.gryt.core.internal.destination;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;

import java.util.List;
import java.util.Set;

/**
 * A destination from {@code .gryt/config.yaml}: its name and events are known when the project opens, the
 * destination itself is created on its first delivery, so that a secret missing from the environment fails that
 * delivery (which then waits in the outbox), never the command.
 */
final class ConfiguredDestination implements Destination {
    private final DestinationSettings settings;
    private final DestinationProvider provider;
    private Destination created; // guarded by this

    ConfiguredDestination(DestinationSettings settings, DestinationProvider provider) {
        this.settings = settings;
        this.provider = provider;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Set<String> events() {
        return settings.events();
    }

    /** The secret values its settings name, for masking. */
    List<String> secretValues() {
        return settings.secretValues();
    }

    /** The settings' type and where it is configured. */
    String describe() {
        return settings.type() + " (" + settings.source() + ")";
    }

    @Override
    public void deliver(Delivery delivery) throws Exception {
        destination().deliver(delivery);
    }

    private synchronized Destination destination() {
        if (created == null) {
            Destination d = provider.create(settings);
            if (d == null) throw new BadInputException(settings.source() + ": destination '" + name() + "' was not created");
            created = d;
        }
        return created;
    }

    @Override
    public synchronized void close() {
        if (created != null) created.close();
    }
}
