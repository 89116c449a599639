package io.gryt.core.internal.yaml;

import io.gryt.core.text.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.path.PathType;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.Error;
import io.gryt.api.release.ChangeType;
import io.gryt.core.internal.yaml.YamlNode.Entry;
import io.gryt.core.internal.yaml.YamlNode.Mapping;
import io.gryt.core.internal.yaml.YamlNode.Mark;
import io.gryt.core.internal.yaml.YamlNode.Scalar;
import io.gryt.core.internal.yaml.YamlNode.Sequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the shape of a generation file against {@code generation.schema.json} (JSON Schema 2020-12) and turns
 * each schema error into a {@link Problem} at the line and column of the offending node, in plain words.
 *
 * <p>The YAML tree is handed to the validator as JSON in which every non-null scalar is the text it was
 * written as ({@code id: 123} is the id {@code "123"}), since every field of a generation is text.
 */
final class GenerationSchema {
    /** Where the schema lives on the class path, next to this class. */
    static final String RESOURCE = "generation.schema.json";

    private static final JsonNode SCHEMA_JSON = loadSchema();
    private static final Schema SCHEMA = compile(SCHEMA_JSON);
    private static final String CHANGE_TYPES = changeTypes();
    private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]");
    /** Control characters a title may not hold (the schema's {@code title}: they could drive a terminal). */
    private static final Pattern CONTROL = Pattern.compile("[\\u0000-\\u001f\\u007f-\\u009f]");
    /** The longest title the schema allows. */
    private static final int MAX_TITLE = 1000;

    private GenerationSchema() {
    }

    /** What is wrong with the shape of the document {@code root}, one problem per field; empty when nothing is. */
    static List<Problem> problems(YamlNode root) {
        List<Error> messages = SCHEMA.validate(toJson(root));
        // A missing key with a misspelt one in its place ("titel") is one problem: the misspelling.
        Set<String> misspelt = new HashSet<>();
        for (Error m : messages) {
            String closest = m.getKeyword().equals("additionalProperties")
                    ? Suggestions.closest(m.getProperty(), allowedKeys(m)) : null;
            if (closest != null) misspelt.add(m.getInstanceLocation() + "#" + closest);
        }
        Map<String, Ranked> byField = new LinkedHashMap<>();
        for (Error m : messages) {
            String key = m.getInstanceLocation() + "#" + m.getProperty();
            if (m.getKeyword().equals("required") && misspelt.contains(key)) continue;
            String place = isAboutAKey(m) ? key + "#" + m.getKeyword() : m.getInstanceLocation().toString();
            Ranked problem = new Ranked(rank(m.getKeyword()), problem(root, elements(m.getInstanceLocation()), m));
            byField.merge(place, problem, (a, b) -> a.rank() <= b.rank() ? a : b);
        }
        return byField.values().stream().map(Ranked::problem).toList();
    }

    /** The message for an id that is not a valid change id (the rule of {@link io.gryt.api.release.Change#ID}). */
    static String invalidId(String id) {
        String why;
        if (id.isEmpty()) {
            return "the id is empty (use letters, digits, '-', '.', '_', e.g. PAY-001)";
        } else if (!id.matches("[A-Za-z0-9._-]*")) {
            why = "letters, digits, '-', '.', '_'";
        } else if (!Character.isLetterOrDigit(id.charAt(0))) {
            why = "it must start with a letter or digit";
        } else {
            why = "at most 64 characters";
        }
        return quote(id) + " is not a valid change id (" + why + ")";
    }

    /** {@code text} in single quotes, on one line (line breaks and control characters escaped), shortened if long. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < text.length(); i++) {
            if (shown++ == 60) {
                b.append("...");
                break;
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    /** The document as JSON for the validator: mappings in key order, scalars as their text, null as null. */
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
        Scalar scalar = (Scalar) node;
        return scalar.value() == null ? json.nullNode() : json.textNode(scalar.text());
    }

    private static Problem problem(YamlNode root, List<Object> path, Error m) {
        YamlNode node = locate(root, path);
        String field = path.isEmpty() ? "" : fieldPath(path);
        String name = lastName(path);
        boolean inChange = path.size() >= 2 && "changes".equals(path.get(0)) && path.get(1) instanceof Integer;
        String property = m.getProperty();
        return switch (m.getKeyword()) {
            case "required" -> new Problem(node.mark(), field, missing(property, path.isEmpty()));
            case "additionalProperties" -> new Problem(keyMark(node, property), field, unknownKey(property, m));
            case "type", "enum" -> new Problem(node.mark(), field, wrongValue(node, path, name, inChange));
            case "pattern", "minLength", "not" -> new Problem(node.mark(), field, node instanceof Scalar s
                    && s.value() != null ? badText(s.text(), name) : wrongValue(node, path, name, inChange));
            default -> new Problem(node.mark(), field, withoutLocation(m));
        };
    }

    private static String missing(String key, boolean topLevel) {
        String hint = switch (key) {
            case "version" -> " (the version this generation releases, e.g. version: v2.2.0)";
            case "changes" -> " (the list of changes this release promises, or [] for none yet)";
            case "pipeline_template" -> " (the pipeline in .gryt/pipelines/ that proves the changes)";
            case "type" -> " (" + CHANGE_TYPES + ")";
            case "id" -> " (e.g. PAY-001)";
            case "title" -> " (a one-line title)";
            default -> "";
        };
        return "missing '" + key + "'" + hint + (topLevel ? "" : " in this change");
    }

    private static String unknownKey(String key, Error m) {
        List<String> allowed = allowedKeys(m);
        String closest = Suggestions.closest(key, allowed);
        return "unknown key '" + key + "' " + (closest != null
                ? "(did you mean '" + closest + "'?)"
                : "(expected one of " + String.join(", ", allowed) + ")");
    }

    private static String wrongValue(YamlNode node, List<Object> path, String name, boolean inChange) {
        if (node instanceof Scalar s && s.value() == null) {
            return switch (name) {
                case "changes" -> "no value; list the changes, or write [] for none yet";
                case "description", "hotfix_of" -> "no value; give one or remove the key";
                default -> "no value; give one";
            };
        }
        if (path.isEmpty()) {
            return "expected a map of generation fields (version, changes, pipeline_template, ...) at the top level, got "
                    + describe(node);
        }
        if (inChange && path.size() == 2) {
            return "expected a change (a map with type, id and title), got " + describe(node);
        }
        if (name.equals("changes")) return "expected a list of changes, got " + describe(node);
        if (inChange && name.equals("type")) {
            return node instanceof Scalar s
                    ? quote(s.text()) + " is not a change type (use " + CHANGE_TYPES + ")"
                    : "expected a change type (" + CHANGE_TYPES + "), got " + describe(node);
        }
        return "expected text, got " + describe(node);
    }

    private static int indexOfControl(String text) {
        Matcher m = CONTROL.matcher(text);
        return m.find() ? m.start() : 0;
    }

    private static String badText(String text, String name) {
        return switch (name) {
            // JSON Schema 2.x patterns are ECMAScript ones: '$' no longer matches before a trailing line break, so
            // the schema refuses "v2.2.0\n" itself; say it as the reader's SemVer check always did.
            case "version", "hotfix_of" -> LINE_BREAK.matcher(text).find()
                    ? quote(text) + " is not a SemVer version (vMAJOR.MINOR.PATCH with no leading zeros, e.g. "
                            + (name.equals("version") ? "v2.2.0" : "v2.1.0") + ")"
                    : quote(text) + " is not a version (use vMAJOR.MINOR.PATCH, e.g. v2.2.0)";
            case "pipeline_template" -> quote(text)
                    + " is not a pipeline name (letters, digits, '.', '_', '-', starting with a letter or digit)";
            case "id" -> invalidId(text);
            case "title" -> text.isEmpty() ? "the title is empty"
                    : text.isBlank() ? "the title is blank"
                    : LINE_BREAK.matcher(text).find()
                    ? "the title must be one line (put more in the change's description)"
                    : text.length() > MAX_TITLE
                    ? "the title is " + text.length() + " characters long; at most " + MAX_TITLE
                            + " (put more in the change's description)"
                    : CONTROL.matcher(text).find()
                    ? quote(text) + " holds a control character (U+" + String.format("%04X", (int) text.charAt(
                            indexOfControl(text))) + "); a title is plain text"
                    : quote(text) + " is not a valid title";
            default -> quote(text) + " is not valid";
        };
    }

    /** The keys the schema object holding the failed {@code additionalProperties} allows, in schema order. */
    private static List<String> allowedKeys(Error m) {
        NodePath keyword = m.getSchemaLocation().getFragment();
        List<Object> objectSchema = elements(keyword.getParent());
        JsonNode schema = SCHEMA_JSON;
        for (Object element : objectSchema) {
            schema = element instanceof Integer i ? schema.path(i) : schema.path((String) element);
        }
        List<String> keys = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String describe(YamlNode node) {
        return node instanceof Scalar s && s.value() instanceof String ? "the text " + quote(s.text()) : node.describe();
    }

    /** The node at {@code path} (names and indexes), as far as the document goes. */
    static YamlNode locate(YamlNode root, List<Object> path) {
        YamlNode node = root;
        for (Object element : path) {
            if (node instanceof Mapping map && element instanceof String key && map.entries().containsKey(key)) {
                node = map.entries().get(key).value();
            } else if (node instanceof Sequence seq && element instanceof Integer i && i < seq.items().size()) {
                node = seq.items().get(i);
            } else {
                break;
            }
        }
        return node;
    }

    static Mark keyMark(YamlNode map, String key) {
        Entry entry = map instanceof Mapping m ? m.entries().get(key) : null;
        return entry != null ? entry.mark() : map.mark();
    }

    private static boolean isAboutAKey(Error m) {
        return m.getKeyword().equals("required") || m.getKeyword().equals("additionalProperties");
    }

    /** Several schema errors about one field are one problem: say the most basic one. */
    private static int rank(String keyword) {
        return switch (keyword) {
            case "type" -> 0;
            case "enum", "required", "additionalProperties" -> 1;
            case "minLength" -> 2;
            default -> 3;
        };
    }

    static List<Object> elements(NodePath path) {
        List<Object> elements = new ArrayList<>();
        if (path == null) return elements;
        for (int i = 0; i < path.getNameCount(); i++) elements.add(path.getElement(i));
        return elements;
    }

    /** {@code changes[1].id}. */
    static String fieldPath(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object element : path) {
            if (element instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) b.append('.');
                b.append(element);
            }
        }
        return b.toString();
    }

    private static String lastName(List<Object> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i) instanceof String name) return name;
        }
        return "";
    }

    /** The validator's own message without its leading instance location. */
    private static String withoutLocation(Error m) {
        String message = m.getMessage();
        String prefix = m.getInstanceLocation() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String changeTypes() {
        List<String> labels = Arrays.stream(ChangeType.values()).map(ChangeType::label).toList();
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }

    /** {@code json} as a JSON Schema 2020-12 whose errors name locations as JSON pointers, in English. */
    static Schema compile(JsonNode json) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                registry -> registry.schemaRegistryConfig(config)).getSchema(json);
    }

    private static JsonNode loadSchema() {
        try (InputStream in = GenerationSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private record Ranked(int rank, Problem problem) {
    }
}
