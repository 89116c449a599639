package io.gryt.core.internal.yaml;

import io.gryt.api.event.GrytEvent;
import io.gryt.api.release.ChangeType;
import io.gryt.api.spi.Hook;
import io.gryt.core.internal.hook.CommandHook;
import io.gryt.core.internal.hook.HookSettings;
import io.gryt.core.internal.yaml.Value.Fields;
import io.gryt.core.internal.yaml.Value.Member;
import io.gryt.core.text.Durations;
import io.gryt.core.text.Suggestions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads command hooks ({@code hooks:} of {@code .gryt/hooks.yaml} and of pipeline files) and the rest of
 * {@code hooks.yaml}. Every mistake is collected with its file, line and field.
 */
final class HookReader {
    static final List<String> FILE_KEYS = List.of("timeout", "hooks", "on_change_type");
    static final List<String> HOOK_KEYS = List.of("name", "on", "run", "timeout", "change_types");
    /** The events a hook limited to change types ({@code change_types:}) may take: those that know the changes' types. */
    static final List<String> CHANGE_TYPE_EVENTS = List.of("evolution.starting", "promotion.starting");
    /** The event types hooks may name, from the sealed event hierarchy. */
    static final List<String> EVENT_TYPES = Arrays.stream(GrytEvent.class.getPermittedSubclasses()).map(c -> {
        try {
            return (String) c.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c + " has no TYPE", e);
        }
    }).sorted().toList();

    private HookReader() {
    }

    /** The settings in {@code root}, the top of {@code hooks.yaml}; command hooks run in {@code dir}. */
    static HookSettings settings(Value root, Path dir) {
        if (!root.isMapping()) {
            throw root.error("expected a map (timeout, hooks, on_change_type) at the top level, got " + root.describe());
        }
        Problems problems = new Problems();
        Fields f = root.fields(FILE_KEYS, problems);
        Duration timeout = Optional.ofNullable(problems.attempt(() -> f.get("timeout").map(HookReader::duration)))
                .flatMap(o -> o).orElse(HookSettings.DEFAULT_TIMEOUT);
        List<Hook> hooks = Optional.ofNullable(problems.attempt(() -> f.get("hooks").map(v -> hooks(v, dir, problems))))
                .flatMap(o -> o).orElse(List.of());
        Map<ChangeType, List<String>> byType = new LinkedHashMap<>();
        problems.attempt(() -> f.get("on_change_type").ifPresent(v -> {
            for (Member m : v.members()) {
                problems.attempt(() -> {
                    ChangeType type = ChangeType.parse(m.key()).orElseThrow(() -> v.errorAt(m.mark(), "'" + m.key()
                            + "' is not a change type (fix, refine, add, remove)"));
                    List<String> steps = m.value().texts();
                    for (String s : steps) if (s.isBlank()) throw m.value().error("a step name is blank");
                    byType.put(type, steps);
                });
            }
        }));
        problems.throwIfAny();
        return new HookSettings(timeout, hooks, byType);
    }

    /** The command hooks of list {@code list}; mistakes go to {@code problems}. */
    static List<Hook> hooks(Value list, Path dir, Problems problems) {
        List<Hook> hooks = new ArrayList<>();
        Map<String, Value> names = new LinkedHashMap<>();
        for (Value item : list.items()) {
            problems.attempt(() -> {
                if (!item.isMapping()) throw item.error("expected a hook (a map with name, on, run), got " + item.describe());
                Fields f = item.fields(HOOK_KEYS, problems);
                if (f.missingBesideUnknownKeys("name") || f.missingBesideUnknownKeys("run")) return;
                Value nameValue = f.require("name", "every hook needs a name");
                String name = nameValue.text();
                Value earlier = names.putIfAbsent(name, nameValue);
                if (earlier != null) {
                    throw nameValue.error("duplicate hook name '" + name + "' (first at line " + earlier.mark().line() + ")");
                }
                Set<String> events = new LinkedHashSet<>();
                f.get("on").ifPresent(on -> {
                    for (String type : on.texts()) {
                        if (!EVENT_TYPES.contains(type)) {
                            String closest = Suggestions.closest(type, EVENT_TYPES);
                            throw on.error("'" + type + "' is not an event type " + (closest != null
                                    ? "(did you mean '" + closest + "'?)" : "(one of " + String.join(", ", EVENT_TYPES) + ")"));
                        }
                        events.add(type);
                    }
                });
                Set<ChangeType> changeTypes = f.get("change_types").map(v -> changeTypes(v, f, events)).orElse(Set.of());
                List<String> command = command(f.require("run", "a hook needs a command to run"));
                Optional<Duration> timeout = f.get("timeout").map(HookReader::duration);
                hooks.add(new CommandHook(name, events, command, timeout, dir, changeTypes));
            });
        }
        return hooks;
    }

    /** A hook's {@code change_types}: only on the events that know the types of the changes. */
    private static Set<ChangeType> changeTypes(Value v, Fields f, Set<String> events) {
        Set<ChangeType> types = java.util.EnumSet.noneOf(ChangeType.class);
        for (String t : v.texts()) {
            types.add(ChangeType.parse(t).orElseThrow(() -> v.error("'" + t
                    + "' is not a change type (fix, refine, add, remove)")));
        }
        if (types.isEmpty()) throw v.error("list at least one change type, or remove the key");
        if (events.isEmpty() || !CHANGE_TYPE_EVENTS.containsAll(events)) {
            throw v.error("change_types applies to hooks on " + String.join(" and ", CHANGE_TYPE_EVENTS)
                    + " only (set on: to them)");
        }
        return types;
    }

    private static List<String> command(Value v) {
        if (v.isSequence()) {
            List<String> argv = v.texts();
            if (argv.isEmpty() || argv.get(0).isBlank()) throw v.error("the argument list needs a program to run");
            return argv;
        }
        if (v.scalar() == null) throw v.error("expected a command line (text) or a list of arguments, got " + v.describe());
        String script = v.text();
        if (script.isBlank()) throw v.error("the command is blank");
        return List.of("sh", "-c", script);
    }

    private static Duration duration(Value v) {
        Object raw = v.scalar();
        Duration d;
        if (raw instanceof Number) {
            d = Duration.ofSeconds(v.integer(1));
        } else if (raw instanceof String text) {
            d = Durations.parse(text);
            if (d == null) throw v.error("'" + text + "' is not a duration (use 30s, 10m, 500ms...)");
        } else {
            throw v.error("expected a duration (30s, 10m) or a number of seconds, got " + v.describe());
        }
        if (d.isZero() || d.isNegative()) throw v.error("must be longer than zero");
        return d;
    }
}
