package io.gryt.core.internal.hook;

import io.gryt.api.release.ChangeType;
import io.gryt.api.spi.Hook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code .gryt/hooks.yaml} says.
 *
 * @param timeout      how long a hook may take unless it says otherwise
 * @param hooks        its command hooks, in file order
 * @param onChangeType per change type, the steps an evolution proving a change of that type adds to its pipeline
 */
public record HookSettings(Duration timeout, List<Hook> hooks, Map<ChangeType, List<String>> onChangeType) {
    /** The default hook timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The settings of a project without {@code hooks.yaml}. */
    public static final HookSettings NONE = new HookSettings(DEFAULT_TIMEOUT, List.of(), Map.of());

    public HookSettings {
        Objects.requireNonNull(timeout, "timeout");
        hooks = List.copyOf(hooks);
        onChangeType = Map.copyOf(onChangeType);
    }

    /** The steps changes of type {@code type} add. */
    public List<String> stepsFor(ChangeType type) {
        return onChangeType.getOrDefault(type, List.of());
    }
}
