package io.gryt.core.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.Schema;
import com.networknt.schema.Error;
import io.gryt.core.internal.yaml.YamlNode.Mapping;
import io.gryt.core.internal.yaml.YamlNode.Scalar;
import io.gryt.core.internal.yaml.YamlNode.Sequence;
import io.gryt.core.text.Suggestions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a policy file against its JSON schema ({@code policy.schema.json}, or {@code policies.schema.json} for the
 * original tool's format), with the same reporting as generation files ({@link GenerationSchema}): each schema error
 * is a {@link Problem} at the offending node, one per field, in plain words. Unlike a generation, a policy has
 * numbers and booleans: scalars are handed to the validator with their YAML type.
 */
final class PolicySchema {
    /** {@code .gryt/policy.yaml}. */
    static final PolicySchema POLICY = new PolicySchema("policy.schema.json");
    /** The original tool's {@code .gryt/policies.yaml}. */
    static final PolicySchema LEGACY = new PolicySchema("policies.schema.json");

    private final JsonNode schemaJson;
    private final Schema schema;

    private PolicySchema(String resource) {
        this.schemaJson = load(resource);
        this.schema = GenerationSchema.compile(schemaJson);
    }

    /** What is wrong with the shape of {@code root}, one problem per field; empty when nothing is. */
    List<Problem> problems(YamlNode root) {
        List<Error> messages = schema.validate(toJson(root));
        // a missing key with a misspelt one in its place ("stesp") is one problem: the misspelling
        Set<String> misspelt = new java.util.HashSet<>();
        for (Error m : messages) {
            String closest = m.getKeyword().equals("additionalProperties")
                    ? Suggestions.closest(m.getProperty(), allowedKeys(m)) : null;
            if (closest != null) misspelt.add(m.getInstanceLocation() + "#" + closest);
        }
        Map<String, Error> byField = new LinkedHashMap<>();
        for (Error m : messages) {
            if (m.getKeyword().equals("required") && misspelt.contains(m.getInstanceLocation() + "#" + m.getProperty())) continue;
            if (m.getKeyword().equals("if") || m.getKeyword().equals("const") || m.getKeyword().equals("allOf")) continue;
            String place = m.getKeyword().equals("required") || m.getKeyword().equals("additionalProperties")
                    ? m.getInstanceLocation() + "#" + m.getProperty() : m.getInstanceLocation().toString();
            byField.merge(place, m, (a, b) -> rank(a.getKeyword()) <= rank(b.getKeyword()) ? a : b);
        }
        return byField.values().stream().map(m -> problem(root, m)).toList();
    }

    private Problem problem(YamlNode root, Error m) {
        List<Object> path = GenerationSchema.elements(m.getInstanceLocation());
        YamlNode node = GenerationSchema.locate(root, path);
        String field = GenerationSchema.fieldPath(path);
        return switch (m.getKeyword()) {
            case "required" -> new Problem(node.mark(), field, "missing '" + m.getProperty() + "'"
                    + (path.isEmpty() ? "" : ruleType(node).map(t -> " (a " + t + " rule needs it)").orElse("")));
            case "additionalProperties" -> new Problem(GenerationSchema.keyMark(node, m.getProperty()), field,
                    unknownKey(m));
            case "type" -> new Problem(node.mark(), field, "expected " + expected(m) + ", got " + describe(node));
            case "enum" -> new Problem(node.mark(), field, (node instanceof Scalar s && s.value() != null
                    ? GenerationSchema.quote(s.text()) : describe(node)) + " is not one of " + enumValues(m));
            case "minimum", "maximum" -> new Problem(node.mark(), field, (node instanceof Scalar s ? s.text() : describe(node))
                    + " is out of range (" + withoutLocation(m) + ")");
            case "pattern" -> new Problem(node.mark(), field, GenerationSchema.quote(((Scalar) node).text())
                    + " is not a valid name (letters, digits, '-', '.', '_', starting with a letter or digit)");
            case "minLength" -> new Problem(node.mark(), field, "must not be empty");
            case "minItems" -> new Problem(node.mark(), field, "list at least one");
            default -> new Problem(node.mark(), field, withoutLocation(m));
        };
    }

    private static java.util.Optional<String> ruleType(YamlNode node) {
        if (node instanceof Mapping map && map.entries().get("type") != null
                && map.entries().get("type").value() instanceof Scalar s && s.value() instanceof String t) {
            return java.util.Optional.of(t);
        }
        return java.util.Optional.empty();
    }

    private String unknownKey(Error m) {
        List<String> allowed = allowedKeys(m);
        String closest = Suggestions.closest(m.getProperty(), allowed);
        return "unknown key '" + m.getProperty() + "' " + (closest != null ? "(did you mean '" + closest + "'?)"
                : "(expected one of " + String.join(", ", allowed) + ")");
    }

    private List<String> allowedKeys(Error m) {
        JsonNode node = schemaAt(m.getSchemaLocation().getFragment().getParent());
        List<String> keys = new ArrayList<>();
        node.path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private String enumValues(Error m) {
        JsonNode node = schemaAt(m.getSchemaLocation().getFragment());
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }

    private String expected(Error m) {
        String type = schemaAt(m.getSchemaLocation().getFragment()).asText();
        return switch (type) {
            case "object" -> "a map";
            case "array" -> "a list";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            default -> "text";
        };
    }

    private JsonNode schemaAt(NodePath fragment) {
        JsonNode node = schemaJson;
        for (Object element : GenerationSchema.elements(fragment)) {
            node = element instanceof Integer i ? node.path(i) : node.path((String) element);
        }
        return node;
    }

    private static String describe(YamlNode node) {
        return node instanceof Scalar s && s.value() instanceof String ? "the text " + GenerationSchema.quote(s.text())
                : node.describe();
    }

    private static String withoutLocation(Error m) {
        String message = m.getMessage();
        String prefix = m.getInstanceLocation() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static int rank(String keyword) {
        return switch (keyword) {
            case "type" -> 0;
            case "enum", "required", "additionalProperties" -> 1;
            default -> 2;
        };
    }

    /** The document as JSON, scalars with their YAML type (text, number, boolean, null). */
    static JsonNode toJson(YamlNode node) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (node instanceof Mapping map) {
            ObjectNode object = json.objectNode();
            map.entries().values().forEach(e -> object.set(e.key(), toJson(e.value())));
            return object;
        }
        if (node instanceof Sequence seq) {
            ArrayNode array = json.arrayNode();
            seq.items().forEach(item -> array.add(toJson(item)));
            return array;
        }
        Object value = ((Scalar) node).value();
        if (value == null) return json.nullNode();
        if (value instanceof Boolean b) return json.booleanNode(b);
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return json.numberNode(new BigInteger(value.toString()));
        }
        if (value instanceof Number n) return json.numberNode(new BigDecimal(n.toString()));
        return json.textNode(((Scalar) node).text());
    }

    private static JsonNode load(String resource) {
        try (InputStream in = PolicySchema.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
