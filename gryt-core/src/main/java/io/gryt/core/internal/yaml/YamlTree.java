package io.gryt.core.internal.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.gryt.core.internal.yaml.YamlNode.Entry;
import io.gryt.core.internal.yaml.YamlNode.Mapping;
import io.gryt.core.internal.yaml.YamlNode.Scalar;
import io.gryt.core.internal.yaml.YamlNode.Sequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link YamlNode}s with Jackson's streaming parser, keeping the position of every node.
 * Rejects what gryt's files never need and would only hide mistakes: duplicate keys, aliases, several
 * documents in one file.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // `timeout:` with nothing after it is null, not ""
            .build();

    private final String file;
    private final YAMLParser parser;

    private YamlTree(String file, YAMLParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** The document in {@code text}, or {@code null} when it holds nothing but blanks and comments. */
    static YamlNode read(String file, String text) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(file, parser);
            JsonToken first = parser.nextToken();
            if (first == null) return null;
            YamlNode root = tree.node(first);
            if (parser.nextToken() != null) {
                throw tree.error(tree.mark(), "only one YAML document is allowed in a file; remove the second '---'");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a String does no I/O
        }
    }

    private YamlNode node(JsonToken token) throws IOException {
        YamlNode.Mark mark = mark();
        switch (token) {
            case START_OBJECT:
                return mapping(mark);
            case START_ARRAY:
                return sequence(mark);
            case VALUE_STRING:
                if (parser.isCurrentAlias()) {
                    throw error(mark, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
                }
                return new Scalar(mark, parser.getText(), parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Scalar(mark, parser.getNumberValue(), parser.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Scalar(mark, token == JsonToken.VALUE_TRUE, parser.getText());
            case VALUE_NULL:
                return new Scalar(mark, null, parser.getText());
            default:
                throw error(mark, "unsupported YAML value (" + token + ")");
        }
    }

    private Mapping mapping(YamlNode.Mark mark) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlNode.Mark keyMark = mark();
            Entry earlier = entries.get(key);
            if (earlier != null) {
                throw error(keyMark, "duplicate key '" + key + "' (first at line " + earlier.mark().line() + ")");
            }
            entries.put(key, new Entry(key, keyMark, node(parser.nextToken())));
        }
        if (token != JsonToken.END_OBJECT) throw error(mark(), "unexpected " + token + " in a map");
        return new Mapping(mark, Collections.unmodifiableMap(entries));
    }

    private Sequence sequence(YamlNode.Mark mark) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) throw error(mark, "unterminated list");
            items.add(node(token));
        }
        return new Sequence(mark, List.copyOf(items));
    }

    private YamlNode.Mark mark() {
        JsonLocation location = parser.currentTokenLocation();
        return new YamlNode.Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private YamlException error(YamlNode.Mark mark, String problem) {
        return new YamlException(file, mark.line(), mark.column(), problem);
    }

    /** One line, without the source excerpt and caret SnakeYAML puts in its messages. */
    private static YamlException syntaxError(String file, JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            org.yaml.snakeyaml.error.Mark at = m.getProblemMark();
            String problem = oneLine(m.getProblem());
            if (m.getContext() != null && m.getContextMark() != null) {
                org.yaml.snakeyaml.error.Mark context = m.getContextMark();
                problem += " (" + oneLine(m.getContext()) + " at line " + (context.getLine() + 1) + ", column "
                        + (context.getColumn() + 1) + ")";
            }
            return new YamlException(file, at.getLine() + 1, at.getColumn() + 1, "invalid YAML: " + problem);
        }
        JsonLocation at = e.getLocation();
        String problem = "invalid YAML: " + oneLine(firstLine(e.getOriginalMessage()));
        if (at == null || at.getLineNr() < 1) return new YamlException(file, problem);
        return new YamlException(file, at.getLineNr(), Math.max(1, at.getColumnNr()), problem);
    }

    private static String firstLine(String message) {
        if (message == null) return "syntax error";
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
