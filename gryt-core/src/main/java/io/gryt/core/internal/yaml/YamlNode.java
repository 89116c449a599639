package io.gryt.core.internal.yaml;

import java.util.List;
import java.util.Map;

/** A YAML value as written, with the position of its first character, so that errors can point at it. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** Where the node starts. */
    Mark mark();

    /** What the node is, for messages: "a map", "a list", "the number 5", "null". */
    String describe();

    /** A 1-based position in a file. */
    record Mark(int line, int column) {
    }

    /** A key of a mapping with its position and value. */
    record Entry(String key, Mark mark, YamlNode value) {
    }

    /** A mapping; keys in file order. */
    record Mapping(Mark mark, Map<String, Entry> entries) implements YamlNode {
        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A list. */
    record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param value a {@link String}, {@link Boolean}, {@link Number}, or {@code null} for YAML's null
     * @param text  the scalar as written (without quotes), e.g. {@code yes} for a boolean written that way
     */
    record Scalar(Mark mark, Object value, String text) implements YamlNode {
        @Override
        public String describe() {
            if (value == null) return "null";
            if (value instanceof Boolean) return "the boolean " + text;
            if (value instanceof Number) return "the number " + text;
            return "the text '" + text + "'";
        }
    }
}
