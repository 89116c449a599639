package io.gryt.core.internal.yaml;

import io.gryt.core.internal.yaml.YamlNode.Entry;
import io.gryt.core.internal.yaml.YamlNode.Mapping;
import io.gryt.core.internal.yaml.YamlNode.Scalar;
import io.gryt.core.internal.yaml.YamlNode.Sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code destinations:} list of {@code .gryt/config.yaml}: name, type, events and settings of each destination.
 * Mistakes are refused with a {@link YamlException} naming file, line, column and the entry's field.
 */
public final class DestinationsSection {
    /** The top-level key of the section (the settings reader leaves it alone). */
    public static final String KEY = "destinations";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Set<String> FIELDS = Set.of("name", "type", "events", "settings");

    private DestinationsSection() {
    }

    /**
     * One destination as configured.
     *
     * @param name     its name
     * @param type     its type
     * @param events   the event types it receives; empty for every type
     * @param settings its settings, scalars as written
     * @param where    {@code file:line} of the entry
     */
    public record Destination(String name, String type, Set<String> events, Map<String, String> settings, String where) {
    }

    /** The destinations configured in {@code text} (a file called {@code file}); none without the section. */
    public static List<Destination> read(String file, String text) {
        String source = text.startsWith("\uFEFF") ? text.substring(1) : text;
        YamlNode root = YamlTree.read(file, source);
        if (!(root instanceof Mapping map) || !map.entries().containsKey(KEY)) return List.of();
        Entry section = map.entries().get(KEY);
        if (section.value() instanceof Scalar s && s.value() == null) return List.of();
        if (!(section.value() instanceof Sequence list)) {
            throw error(file, section.value(), KEY + ": expected a list of destinations, got " + section.value().describe());
        }
        List<Destination> all = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String at = KEY + "[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof Mapping m)) throw error(file, item, at + ": expected a map, got " + item.describe());
            for (Entry e : m.entries().values()) {
                if (!FIELDS.contains(e.key())) {
                    throw new YamlException(file, e.mark().line(), e.mark().column(), at + "." + e.key()
                            + ": unknown field (fields: name, type, events, settings)");
                }
            }
            String name = text(file, m, item, at, "name");
            if (!NAME.matcher(name).matches()) {
                throw error(file, m.entries().get("name").value(), at + ".name: '" + name
                        + "' is not a name (letters, digits, '.', '_', '-')");
            }
            Integer earlier = seen.put(name, item.mark().line());
            if (earlier != null) {
                throw error(file, m.entries().get("name").value(), at + ".name: destination '" + name
                        + "' is configured twice (first at line " + earlier + ")");
            }
            String type = text(file, m, item, at, "type");
            all.add(new Destination(name, type, events(file, m, at), settings(file, m, at),
                    file + ":" + item.mark().line()));
        }
        return List.copyOf(all);
    }

    private static String text(String file, Mapping m, YamlNode item, String at, String field) {
        Entry e = m.entries().get(field);
        if (e == null) throw error(file, item, at + "." + field + ": required");
        if (!(e.value() instanceof Scalar s) || s.value() == null || s.text().isBlank()) {
            throw error(file, e.value(), at + "." + field + ": expected a text, got " + e.value().describe());
        }
        return s.text().strip();
    }

    private static Set<String> events(String file, Mapping m, String at) {
        Entry e = m.entries().get("events");
        if (e == null) return Set.of();
        List<YamlNode> items = e.value() instanceof Sequence s ? s.items() : List.of(e.value());
        Set<String> types = new LinkedHashSet<>();
        for (YamlNode n : items) {
            if (!(n instanceof Scalar s) || !(s.value() instanceof String)) {
                throw error(file, n, at + ".events: expected event types such as run.finished, got " + n.describe());
            }
            types.add(s.text().strip());
        }
        return types;
    }

    private static Map<String, String> settings(String file, Mapping m, String at) {
        Entry e = m.entries().get("settings");
        if (e == null) return Map.of();
        if (!(e.value() instanceof Mapping s)) {
            throw error(file, e.value(), at + ".settings: expected a map, got " + e.value().describe());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Entry setting : s.entries().values()) {
            if (!(setting.value() instanceof Scalar v) || v.value() == null) {
                throw error(file, setting.value(), at + ".settings." + setting.key() + ": expected a single value, got "
                        + setting.value().describe());
            }
            settings.put(setting.key(), v.text());
        }
        return settings;
    }

    private static YamlException error(String file, YamlNode node, String problem) {
        return new YamlException(file, node.mark().line(), node.mark().column(), problem);
    }
}
