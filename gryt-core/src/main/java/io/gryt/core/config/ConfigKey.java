package io.gryt.core.config;

import io.gryt.api.spi.StoreProvider;
import io.gryt.core.text.Suggestions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A setting of {@code .gryt/config.yaml}: its dotted name, what it does, its default, and how its text is read
 * and checked. The keys are the constants of this class; {@link #all()} lists them. Stable.
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {
    /** Maximum of {@link #RUN_RUNNERS}. */
    public static final int MAX_RUNNERS = 256;

    /** Where runs are recorded in {@code local} mode: {@code sqlite:<path>} (relative to the project) or a PostgreSQL URL. */
    public static final ConfigKey<String> STORE_URL = new ConfigKey<>("store.url",
            "Where runs are recorded in local mode: sqlite:<path> (relative to the project) or a PostgreSQL URL",
            StoreProvider.DEFAULT_URL, ConfigKey::storeUrl, Function.identity());

    /** Steps run at once by a pipeline file that does not set {@code runners} (and no {@code --runners}). */
    public static final ConfigKey<Integer> RUN_RUNNERS = new ConfigKey<>("run.runners",
            "Steps run at once when neither --runners nor the pipeline file sets runners (1-" + MAX_RUNNERS + ")",
            1, ConfigKey::runners, String::valueOf);

    /** {@code local} (this machine's {@code store.url}) or {@code shared} (a team's store at {@code execution.shared_url}). */
    public static final ConfigKey<ExecutionMode> EXECUTION_MODE = new ConfigKey<>("execution.mode",
            "local: record runs in store.url; shared: in the team's PostgreSQL store at execution.shared_url",
            ExecutionMode.LOCAL, ConfigKey::mode, ExecutionMode::label);

    /** The PostgreSQL URL of the shared store; required when {@code execution.mode} is {@code shared}. No default. */
    public static final ConfigKey<String> EXECUTION_SHARED_URL = new ConfigKey<>("execution.shared_url",
            "The PostgreSQL URL of the shared store (required when execution.mode is shared)",
            null, ConfigKey::postgresUrl, Function.identity());

    /**
     * The pipeline that proves a generation whose file names no {@code pipeline_template}
     * ({@code .gryt/pipelines/<name>.yaml}); {@code ci} unless set.
     */
    public static final ConfigKey<String> PIPELINE_TEMPLATE = new ConfigKey<>("pipeline_template",
            "The pipeline that proves a generation whose file names no pipeline_template (.gryt/pipelines/<name>.yaml)",
            "ci", ConfigKey::pipelineName, Function.identity());


    /**
     * {@code catalog}: the project's catalog, in which a plain step name ({@code test}) that neither the pipeline nor
     * {@code .gryt/steps.yaml} defines resolves ({@code go}, {@code python}...). No default.
     */
    public static final ConfigKey<String> CATALOG = new ConfigKey<>("catalog",
            "The catalog a plain step name (test) resolves in when the pipeline and .gryt/steps.yaml do not define it (go, python, ...)",
            null, ConfigKey::catalogName, Function.identity());

    /** The git remote that evolutions and promotions push their new tag to (a remote's name or a URL). No default: no push. */
    public static final ConfigKey<String> RELEASE_PUSH = new ConfigKey<>("release.push",
            "The git remote (name or URL) every evolution and promotion pushes its new tag to; unset: tags stay local",
            null, ConfigKey::remote, Function.identity());

    private static final List<ConfigKey<?>> ALL = List.of(STORE_URL, RUN_RUNNERS, EXECUTION_MODE, EXECUTION_SHARED_URL,
            PIPELINE_TEMPLATE, CATALOG, RELEASE_PUSH);

    private final String name;
    private final String description;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private ConfigKey(String name, String description, T defaultValue, Function<String, T> parser,
                      Function<T, String> formatter) {
        this.name = name;
        this.description = description;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** Every key, in the order {@code gryt config list} shows them. */
    public static List<ConfigKey<?>> all() {
        return ALL;
    }

    /** The key called {@code name}, if there is one. */
    public static Optional<ConfigKey<?>> find(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }

    /**
     * The key called {@code name}.
     *
     * @throws InvalidConfigException naming {@code name} and the key probably meant, when there is no such key
     */
    public static ConfigKey<?> named(String name) {
        return find(name).orElseThrow(() -> new InvalidConfigException(name, unknown(name)));
    }

    /** "unknown key (did you mean 'store.url'?)" or the list of keys. */
    static String unknown(String name) {
        List<String> names = ALL.stream().map(ConfigKey::name).toList();
        String closest = Suggestions.closest(name, names);
        if (closest == null) { // "runners" for "run.runners": the last part alone
            String leaf = Suggestions.closest(name.substring(name.lastIndexOf('.') + 1),
                    names.stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).toList());
            closest = leaf == null ? null : names.stream().filter(n -> n.endsWith("." + leaf)).findFirst().orElse(null);
        }
        return "unknown key " + (closest != null ? "(did you mean '" + closest + "'?)"
                : "(known keys: " + String.join(", ", names) + ")");
    }

    /** The dotted name, e.g. {@code store.url}. */
    public String name() {
        return name;
    }

    /** One line saying what the setting does. */
    public String description() {
        return description;
    }

    /** The value when the file does not set it; empty for a key without a default. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * The value written as {@code text}.
     *
     * @throws InvalidConfigException naming this key when {@code text} is not a valid value
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) throw new InvalidConfigException(name, "the value is blank");
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(name, e.getMessage());
        }
    }

    /** {@code value} as it is written in the file (and read back by {@link #parse}). */
    public String format(T value) {
        return formatter.apply(Objects.requireNonNull(value, "value"));
    }

    /** {@code value}, which must be of this key's type, as text. */
    String formatAny(Object value) {
        @SuppressWarnings("unchecked") T typed = (T) value;
        return format(typed);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String storeUrl(String text) {
        if (StoreUrls.isSqlite(text) || StoreUrls.isPostgres(text)) return text;
        throw new IllegalArgumentException("'" + StoreUrls.redact(text)
                + "' is not a store URL (use sqlite:<path> or postgresql://<host>/<database>)");
    }

    private static String postgresUrl(String text) {
        if (StoreUrls.isPostgres(text)) return text;
        throw new IllegalArgumentException("'" + StoreUrls.redact(text)
                + "' is not a PostgreSQL URL (use postgresql://<host>[:<port>]/<database>)");
    }

    private static Integer runners(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number (use 1 to " + MAX_RUNNERS + ")");
        }
        int n = Integer.parseInt(text);
        if (n < 1 || n > MAX_RUNNERS) {
            throw new IllegalArgumentException("must be between 1 and " + MAX_RUNNERS + ", was " + n);
        }
        return n;
    }

    private static String pipelineName(String text) {
        if (text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) return text;
        throw new IllegalArgumentException("'" + text + "' is not a pipeline name (1-100 letters, digits, '.', '_'"
                + " or '-', starting with a letter or digit)");
    }

    private static String catalogName(String text) {
        if (text.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) return text;
        throw new IllegalArgumentException("'" + text + "' is not a catalog name (1-64 letters, digits, '_' or '-',"
                + " starting with a letter or digit; gryt catalog list)");
    }

    private static String remote(String text) {
        if (text.chars().anyMatch(Character::isWhitespace) || text.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is not a git remote (use a remote's name, e.g. origin, or its URL)");
        }
        return text;
    }

    private static ExecutionMode mode(String text) {
        ExecutionMode mode = ExecutionMode.of(text);
        if (mode == null) throw new IllegalArgumentException("'" + text + "' is not an execution mode (use local or shared)");
        return mode;
    }
}
