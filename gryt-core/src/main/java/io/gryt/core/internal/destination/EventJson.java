package io.gryt.core.internal.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.event.GrytEvent;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events as JSON objects and back: each record component by name; instants and durations in ISO-8601
 * ({@code 2026-01-01T10:00:00Z}, {@code PT1.5S}), enums as their lower-case labels, nested records (gate results)
 * as objects. What the outbox stores and the webhook sends as CloudEvents {@code data}.
 */
public final class EventJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Class<? extends GrytEvent>> TYPES = types();

    private EventJson() {
    }

    /** {@code event} as a compact JSON object. */
    public static String toJson(GrytEvent event) {
        return tree((Record) event).toString();
    }

    /** {@code event} as a JSON tree. */
    public static ObjectNode tree(Record event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            node.set(c.getName(), value(read(c, event)));
        }
        return node;
    }

    /** The event of type {@code type} that {@code json} describes. */
    public static GrytEvent fromJson(String type, String json) {
        Class<? extends GrytEvent> kind = TYPES.get(type);
        if (kind == null) throw new IllegalArgumentException("unknown event type " + type);
        try {
            return (GrytEvent) record(kind, MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) return f.nullNode();
        if (v instanceof String s) return f.textNode(s);
        if (v instanceof Integer i) return f.numberNode(i);
        if (v instanceof Long l) return f.numberNode(l);
        if (v instanceof Double d) return f.numberNode(d);
        if (v instanceof Boolean b) return f.booleanNode(b);
        if (v instanceof Instant || v instanceof Duration) return f.textNode(v.toString());
        if (v instanceof Enum<?> e) return f.textNode(e.name().toLowerCase(Locale.ROOT));
        if (v instanceof Record r) return tree(r);
        if (v instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
        }
    }

    private static Object record(Class<?> kind, JsonNode node) {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = parse(components[i].getGenericType(), node.get(components[i].getName()));
        }
        try {
            Constructor<?> constructor = kind.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot read " + kind.getSimpleName() + " from " + node, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Type type, JsonNode node) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (node == null || node.isNull()) {
            if (raw == int.class) return 0;
            if (raw == long.class) return 0L;
            if (raw == boolean.class) return false;
            if (raw == double.class) return 0.0;
            return raw == List.class ? List.of() : null;
        }
        if (raw == String.class) return node.asText();
        if (raw == int.class || raw == Integer.class) return node.asInt();
        if (raw == long.class || raw == Long.class) return node.asLong();
        if (raw == double.class || raw == Double.class) return node.asDouble();
        if (raw == boolean.class || raw == Boolean.class) return node.asBoolean();
        if (raw == Instant.class) return Instant.parse(node.asText());
        if (raw == Duration.class) return Duration.parse(node.asText());
        if (raw.isEnum()) return Enum.valueOf((Class<Enum>) raw, node.asText().toUpperCase(Locale.ROOT));
        if (raw.isRecord()) return record(raw, node);
        if (raw == List.class && type instanceof ParameterizedType p) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(parse(p.getActualTypeArguments()[0], item)));
            return items;
        }
        throw new IllegalArgumentException("cannot read " + type + " from JSON");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends GrytEvent>> types() {
        Map<String, Class<? extends GrytEvent>> types = new HashMap<>();
        for (Class<?> kind : GrytEvent.class.getPermittedSubclasses()) {
            try {
                types.put((String) kind.getField("TYPE").get(null), (Class<? extends GrytEvent>) kind);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(kind.getName() + " has no TYPE constant", e);
            }
        }
        return Map.copyOf(types);
    }
}
