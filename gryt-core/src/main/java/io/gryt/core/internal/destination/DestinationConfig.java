package io.gryt.core.internal.destination;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;
import io.gryt.api.spi.Store;
import io.gryt.core.internal.yaml.DestinationsSection;
import io.gryt.core.project.FileErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The destinations of a project: those in {@code .gryt/config.yaml} ({@code destinations:}), each created by the
 * {@link DestinationProvider} of its type (found with {@link ServiceLoader}) when it first delivers, and those an
 * embedder passes. Also the secret values their settings name, for masking.
 *
 * @param destinations every destination, by name
 * @param secretValues the secret values of the configured ones
 */
public record DestinationConfig(List<Destination> destinations, List<String> secretValues) {
    public DestinationConfig {
        destinations = List.copyOf(destinations);
        secretValues = List.copyOf(secretValues);
    }

    /**
     * The destinations configured in {@code configFile} ({@code shownAs} in messages; none when it is null)
     * followed by {@code given}.
     *
     * @throws BadInputException naming file and line for a malformed entry, an unknown type or a name used twice
     */
    public static DestinationConfig load(Path configFile, String shownAs, List<Destination> given,
                                         Map<String, String> environment, Path projectDir, Store store) {
        List<Destination> all = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        String text = configFile == null ? null : read(configFile, shownAs);
        if (text != null) {
            Map<String, DestinationProvider> providers = providers();
            for (DestinationsSection.Destination d : DestinationsSection.read(shownAs, text)) {
                DestinationProvider provider = providers.get(d.type());
                if (provider == null) {
                    throw new BadInputException(d.where() + ": destination '" + d.name() + "': unknown type '" + d.type()
                            + "' (types: " + String.join(", ", new TreeMap<>(providers).keySet()) + ")");
                }
                DestinationSettings settings = new DestinationSettings(d.name(), d.type(), d.events(), d.settings(),
                        environment, projectDir, store, d.where());
                secrets.addAll(settings.secretValues());
                all.add(new ConfiguredDestination(settings, provider));
            }
        }
        for (Destination d : given) {
            if (all.stream().anyMatch(o -> o.name().equals(d.name()))) {
                throw new BadInputException("destination '" + d.name() + "' is given twice (in " + shownAs
                        + " and to the builder, or to the builder twice)");
            }
            all.add(d);
        }
        return new DestinationConfig(all, secrets);
    }

    /** The providers on the class path, by type. */
    public static Map<String, DestinationProvider> providers() {
        Map<String, DestinationProvider> byType = new LinkedHashMap<>();
        for (DestinationProvider p : ServiceLoader.load(DestinationProvider.class, DestinationConfig.class.getClassLoader())) {
            byType.putIfAbsent(p.type(), p);
        }
        return byType;
    }

    /** A one-line description of destination {@code d}: its type and where it is configured, or its class. */
    public static String describe(Destination d) {
        return d instanceof ConfiguredDestination c ? c.describe() : d.getClass().getName() + " (given to the builder)";
    }

    private static String read(Path file, String shownAs) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BadInputException("cannot read " + shownAs + ": " + FileErrors.describe(e));
        }
    }
}
