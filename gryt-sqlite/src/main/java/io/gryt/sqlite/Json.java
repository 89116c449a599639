package io.gryt.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.Map;

/**
 * The JSON gryt's SQLite store writes: canonical JSON for audit payloads and snapshot records (object keys sorted,
 * no insignificant white space, UTF-8 when encoded; see {@code docs/audit.md}), and string arrays that pass many
 * values as one parameter to {@code json_each}.
 */
final class Json {
    /** Jackson, set up on first use: {@link #array} needs none of it. */
    private static final class Mapper {
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
                        if (c < 0x20) b.append(String.format("\\u%04X", (int) c));
                        else b.append(c);
                    }
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }

    /** {@code value} (maps, lists, strings, numbers, booleans, null) as canonical JSON. */
    static String canonical(Object value) {
        return Mapper.canonical(value);
    }

    /**
     * A JSON object as nested maps and lists (numbers as {@code Integer}, {@code Long} or {@code Double}).
     *
     * @throws IllegalArgumentException when {@code json} is not one JSON object
     */
    static Map<String, Object> object(String json) {
        return Mapper.object(json);
    }
}
