package io.gryt.api.spi;

import io.gryt.api.BadInputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A destination's entry in {@code .gryt/config.yaml}, with what a destination may need to do its work:
 *
 * <pre>{@code
 * destinations:
 *   - name: team
 *     type: slack
 *     events: [evolution.finished, promotion.completed, promotion.blocked]
 *     settings:
 *       webhook_url_env: SLACK_WEBHOOK_URL     # the NAME of an environment variable, never the secret itself
 * }</pre>
 *
 * A setting whose key ends with {@value #SECRET_SUFFIX} names an environment variable holding a secret;
 * {@link #secret(String)} reads it, and gryt masks its value in everything it records and prints.
 *
 * @param name        the destination's name
 * @param type        its type (which {@link DestinationProvider} creates it)
 * @param events      the event types it receives; empty for every type
 * @param settings    its other settings, as written (scalars as text)
 * @param environment the environment secrets are read from
 * @param projectDir  the project directory
 * @param store       the project's store, for destinations that read records (artifacts, evidence)
 * @param source      where it is configured, for messages ({@code .gryt/config.yaml:12}), or a description
 */
public record DestinationSettings(String name, String type, Set<String> events, Map<String, String> settings,
                                  Map<String, String> environment, Path projectDir, Store store, String source) {
    /** The suffix of a setting that names an environment variable holding a secret. */
    public static final String SECRET_SUFFIX = "_env";

    public DestinationSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        events = Set.copyOf(events);
        settings = Map.copyOf(settings);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(source, "source");
    }

    /** Setting {@code key}, when given. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** Setting {@code key}, or a {@link BadInputException} naming the destination and the missing setting. */
    public String required(String key) {
        return setting(key).orElseThrow(() -> problem("setting '" + key + "' is required"));
    }

    /**
     * The secret in the environment variable that setting {@code key + "_env"} names (e.g. {@code secret("token")}
     * reads {@code token_env: MY_TOKEN} then {@code $MY_TOKEN}). Empty when the setting is absent; a
     * {@link BadInputException} naming the variable (never a value) when it names one that is not set.
     */
    public Optional<String> secret(String key) {
        String variableKey = key.endsWith(SECRET_SUFFIX) ? key : key + SECRET_SUFFIX;
        Optional<String> variable = setting(variableKey);
        if (variable.isEmpty()) return Optional.empty();
        String value = environment.get(variable.get());
        if (value == null || value.isEmpty()) {
            throw problem("setting '" + variableKey + "' names environment variable " + variable.get()
                    + ", which is not set");
        }
        return Optional.of(value);
    }

    /** The values of every secret these settings name and the environment holds, for masking. */
    public List<String> secretValues() {
        return settings.entrySet().stream()
                .filter(e -> e.getKey().endsWith(SECRET_SUFFIX))
                .map(e -> environment.get(e.getValue()))
                .filter(v -> v != null && !v.isEmpty())
                .toList();
    }

    /** A {@link BadInputException} about this destination: {@code source: destination 'name': what}. */
    public BadInputException problem(String what) {
        return new BadInputException(source + ": destination '" + name + "' (" + type + "): " + what);
    }
}
