package io.gryt.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON gryt's SQLite store writes: canonical JSON for audit payloads and snapshot records (object keys sorted,
 * no insignificant white space, UTF-8 when encoded; see {@code docs/audit.md}), and string arrays that pass many
 * values as one parameter to {@code json_each}.
 */
final class Json {
    /** Jackson, set up on first use: {@link #array} and the usual {@link #canonical} need none of it. */
    static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();

        static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
        };

        static String canonical(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
            }
        }

        static Map<String, Object> object(String json) {
            try {
                Map<String, Object> object = MAPPER.readValue(json, OBJECT);
                if (object == null) {
                    throw new IllegalArgumentException("not a JSON object: null");
                }
                return object;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
            }
        }
    }

    private Json() {
    }

    /**
     * {@code values} as a JSON array of strings, the same text as {@link #canonical} of the list, written here so that
     * a read that passes ids to {@code json_each} does not load Jackson (a tenth of the start of a short command).
     */
    static String array(Collection<String> values) {
        StringBuilder b = new StringBuilder(values.size() * 40 + 2).append('[');
        for (String v : values) {
            if (b.length() > 1) b.append(',');
            if (v == null) {
                b.append("null");
                continue;
            }
            quote(b, v);
        }
        return b.append(']').toString();
    }

    /**
     * {@code value} (maps, lists, strings, numbers, booleans, null) as canonical JSON. Row images and audit payloads
     * (maps with text keys, lists, text, whole numbers, finite doubles, booleans, null) are written here, a few
     * times faster than through Jackson and without loading it, as the same text as Jackson writes them; anything
     * else goes to Jackson.
     */
    static String canonical(Object value) {
        StringBuilder b = new StringBuilder(256);
        return plain(b, value) ? b.toString() : Mapper.canonical(value);
    }

    /** Appends {@code value} as canonical JSON; false (leaving {@code b} half written) for a value Jackson must write. */
    private static boolean plain(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof String s) {
            quote(b, s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            b.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) return false; // Jackson writes NaN and infinities as strings
            b.append(d.doubleValue());
        } else if (value instanceof Boolean flag) {
            b.append(flag.booleanValue());
        } else if (value instanceof Map<?, ?> map) {
            return plainObject(b, map);
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) b.append(',');
                if (!plain(b, list.get(i))) return false;
            }
            b.append(']');
        } else {
            return false;
        }
        return true;
    }

    /** An object with its keys in their natural order, as Jackson's {@code ORDER_MAP_ENTRIES_BY_KEYS} sorts them. */
    private static boolean plainObject(StringBuilder b, Map<?, ?> map) {
        Map<?, ?> sorted = map;
        if (!(map instanceof SortedMap<?, ?> s && s.comparator() == null)) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) return false;
            }
            sorted = new TreeMap<>(map);
        }
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : sorted.entrySet()) {
            if (!(e.getKey() instanceof String key)) return false;
            if (!first) b.append(',');
            first = false;
            quote(b, key);
            b.append(':');
            if (!plain(b, e.getValue())) return false;
        }
        b.append('}');
        return true;
    }

    /** {@code v} as a JSON string, escaped as Jackson escapes: short escapes where JSON has them, else six-character unicode escapes. */
    private static void quote(StringBuilder b, String v) {
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * A JSON object as nested maps and lists (numbers as {@code Integer}, {@code Long} or {@code Double}).
     *
     * @throws IllegalArgumentException when {@code json} is not one JSON object
     */
    static Map<String, Object> object(String json) {
        return Mapper.object(json);
    }
}
