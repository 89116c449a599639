package io.gryt.core.internal.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.event.GrytEvent;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An event as a command hook sees it: a JSON object on stdin ({@code {"type": "evolution.finished", "generation":
 * "v2.2.0", ...}}, one member per record component, names in snake case) and {@code GRYT_EVENT_*} variables
 * ({@code GRYT_EVENT_TYPE}, {@code GRYT_EVENT_GENERATION}, {@code GRYT_EVENT_CHANGES=PAY-001,PAY-003}...).
 */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /** The event as an ordered map: {@code type} first, then its fields by snake-case name. */
    public static Map<String, Object> map(GrytEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", event.type());
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            map.put(snake(c.getName()), value(component(event, c)));
        }
        return map;
    }

    /** The event as one line of JSON. */
    public static String json(GrytEvent event) {
        try {
            return JSON.writeValueAsString(map(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.type() + " as JSON", e);
        }
    }

    /**
     * The event as {@code GRYT_EVENT_<FIELD>} variables: texts as they are, lists of texts joined by commas,
     * anything else (gate results) as JSON; an absent field is left out.
     */
    public static Map<String, String> variables(GrytEvent event) {
        Map<String, String> vars = new LinkedHashMap<>();
        map(event).forEach((name, value) -> {
            if (value == null) return;
            vars.put("GRYT_EVENT_" + name.toUpperCase(Locale.ROOT), text(value));
        });
        return vars;
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list && list.stream().noneMatch(v -> v instanceof Map || v instanceof Collection)) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Map || value instanceof Collection) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    private static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Instant || v instanceof Duration) return v.toString();
        if (v instanceof Enum<?> e) return label(e);
        if (v instanceof Record r) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) map.put(snake(c.getName()), value(component(r, c)));
            return map;
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(item -> list.add(value(item)));
            return list;
        }
        return v.toString();
    }

    private static String label(Enum<?> e) {
        try {
            Method label = e.getClass().getMethod("label");
            return String.valueOf(label.invoke(e));
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return e.name().toLowerCase(Locale.ROOT);
        }
    }

    private static Object component(Object r, RecordComponent c) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** {@code allowDirty} as {@code allow_dirty}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
