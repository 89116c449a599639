package io.gryt.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's settings: the values set in {@code .gryt/config.yaml}, and the defaults of the {@link ConfigKey}s
 * it does not set. Immutable; {@link #with} returns a checked copy.
 *
 * <pre>{@code
 * ProjectConfig config = ConfigFile.load(layout.configFile());
 * String url = config.storeUrl();                 // the store gryt opens, whatever the mode
 * ProjectConfig four = config.with(ConfigKey.RUN_RUNNERS, 4);
 * }</pre>
 *
 * Stable.
 */
public final class ProjectConfig {
    private static final ProjectConfig DEFAULTS = new ProjectConfig(Map.of());

    private final Map<ConfigKey<?>, Object> values;

    private ProjectConfig(Map<ConfigKey<?>, Object> values) {
        Map<ConfigKey<?>, Object> ordered = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKey.all()) {
            if (values.containsKey(key)) ordered.put(key, values.get(key));
        }
        this.values = ordered;
    }

    /** Every key at its default. */
    public static ProjectConfig defaults() {
        return DEFAULTS;
    }

    /** Settings without checking that they go together; {@link #check} does that. */
    static ProjectConfig unchecked(Map<ConfigKey<?>, Object> values) {
        return new ProjectConfig(values);
    }

    /** The value of {@code key}: as set, else its default; empty when it is neither set nor has a default. */
    public <T> Optional<T> get(ConfigKey<T> key) {
        @SuppressWarnings("unchecked") T value = (T) values.get(key);
        return value != null ? Optional.of(value) : key.defaultValue();
    }

    /** The value of {@code key} as it is written in the file, or empty (see {@link #get}). */
    public Optional<String> text(ConfigKey<?> key) {
        return get(key).map(key::formatAny);
    }

    /** True when the file sets {@code key} (even to its default value). */
    public boolean isSet(ConfigKey<?> key) {
        return values.containsKey(key);
    }

    /**
     * These settings with {@code key} set to {@code value}.
     *
     * @throws InvalidConfigException naming the key when the value is not valid, or naming both keys when the
     *                                result does not hold together ({@code shared} mode without a URL)
     */
    public <T> ProjectConfig with(ConfigKey<T> key, T value) {
        return with(key.name(), key.format(value));
    }

    /**
     * These settings with the key called {@code key} set to the value written as {@code text}.
     *
     * @throws InvalidConfigException naming the key when it is unknown or the value is not valid, or naming both
     *                                keys when the result does not hold together
     */
    public ProjectConfig with(String key, String text) {
        ConfigKey<?> k = ConfigKey.named(key);
        Map<ConfigKey<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(k, k.parse(text));
        ProjectConfig result = new ProjectConfig(copy);
        result.check();
        return result;
    }

    /**
     * Fails when the settings do not go together.
     *
     * @throws InvalidConfigException for the key in the way
     */
    void check() {
        if (executionMode() == ExecutionMode.SHARED && sharedUrl().isEmpty()) {
            throw new InvalidConfigException(ConfigKey.EXECUTION_MODE.name(), "shared needs "
                    + ConfigKey.EXECUTION_SHARED_URL.name() + " (set it to the PostgreSQL URL of the shared store first)");
        }
    }

    /**
     * The store gryt opens: {@code execution.shared_url} in {@code shared} mode, else {@code store.url}.
     */
    public String storeUrl() {
        return executionMode() == ExecutionMode.SHARED
                ? sharedUrl().orElseThrow()
                : get(ConfigKey.STORE_URL).orElseThrow();
    }

    /** The key {@link #storeUrl()} comes from. */
    public ConfigKey<String> storeUrlKey() {
        return executionMode() == ExecutionMode.SHARED ? ConfigKey.EXECUTION_SHARED_URL : ConfigKey.STORE_URL;
    }

    /** {@code run.runners}. */
    public int runners() {
        return get(ConfigKey.RUN_RUNNERS).orElseThrow();
    }

    /** {@code execution.mode}. */
    public ExecutionMode executionMode() {
        return get(ConfigKey.EXECUTION_MODE).orElseThrow();
    }

    /** {@code pipeline_template}: the pipeline of a generation whose file names none. */
    public String pipelineTemplate() {
        return get(ConfigKey.PIPELINE_TEMPLATE).orElseThrow();
    }

    /** {@code catalog}: the project's catalog, in which plain step names resolve, when set. */
    public Optional<String> catalog() {
        return get(ConfigKey.CATALOG);
    }

    /** {@code execution.shared_url}, when set. */
    public Optional<String> sharedUrl() {
        return get(ConfigKey.EXECUTION_SHARED_URL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ProjectConfig{");
        values.forEach((k, v) -> b.append(b.length() > 14 ? ", " : "").append(k.name()).append('=')
                .append(k == ConfigKey.STORE_URL || k == ConfigKey.EXECUTION_SHARED_URL
                        ? StoreUrls.redact(k.formatAny(v)) : k.formatAny(v)));
        return b.append('}').toString();
    }
}
