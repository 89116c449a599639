package io.gryt.core.internal.yaml;

import io.gryt.core.text.Suggestions;
import io.gryt.core.internal.yaml.YamlNode.Mapping;
import io.gryt.core.internal.yaml.YamlNode.Mark;
import io.gryt.core.internal.yaml.YamlNode.Scalar;
import io.gryt.core.internal.yaml.YamlNode.Sequence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a file at a field path ({@code steps[1].timeout}), with typed reads that fail with a
 * {@link YamlException} naming the file, the position and the path.
 */
final class Value {
    private final String file;
    private final YamlNode node;
    private final String path;

    Value(String file, YamlNode node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    Mark mark() {
        return node.mark();
    }

    /** An error at this node: {@code <file>:<line>:<col>: <path>: <problem>}. */
    YamlException error(String problem) {
        return errorAt(node.mark(), problem);
    }

    /** An error about this node, reported at {@code mark} (e.g. one of its keys). */
    YamlException errorAt(Mark mark, String problem) {
        return new YamlException(file, mark.line(), mark.column(), (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** Any scalar but null, as written: numbers and booleans give their text. */
    String text() {
        if (node instanceof Scalar s && s.value() != null) return s.text();
        throw error("expected text, got " + node.describe());
    }

    /** An integer of at least {@code min}. */
    int integer(int min) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof Long || s.value() instanceof Integer
                || s.value() instanceof BigInteger)) {
            throw error("expected a whole number, got " + node.describe());
        }
        BigInteger value = new BigInteger(s.value().toString());
        if (value.compareTo(BigInteger.valueOf(min)) < 0) throw error("must be at least " + min + ", was " + s.text());
        if (value.bitLength() >= Integer.SIZE) throw error(s.text() + " is too large");
        return value.intValue();
    }

    /** An integer from {@code min} to {@code max}. */
    int integer(int min, int max) {
        int value = integer(min);
        if (value > max) throw error("must be between " + min + " and " + max + ", was " + value);
        return value;
    }

    /** {@code true} or {@code false}. */
    boolean bool() {
        if (node instanceof Scalar s && s.value() instanceof Boolean b) return b;
        throw error("expected true or false, got " + node.describe());
    }

    /** The node as a raw scalar value (String, Number, Boolean), or {@code null} when it is not a scalar. */
    Object scalar() {
        return node instanceof Scalar s ? s.value() : null;
    }

    boolean isSequence() {
        return node instanceof Sequence;
    }

    boolean isMapping() {
        return node instanceof Mapping;
    }

    /** What the node is, for messages. */
    String describe() {
        return node.describe();
    }

    /** The items of a list. */
    List<Value> items() {
        if (!(node instanceof Sequence seq)) throw error("expected a list, got " + node.describe());
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            items.add(new Value(file, seq.items().get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** A list of texts, or a single text standing for a list of one. */
    List<String> texts() {
        if (node instanceof Scalar) return List.of(text());
        if (!(node instanceof Sequence)) throw error("expected a list of texts, got " + node.describe());
        List<String> texts = new ArrayList<>();
        for (Value item : items()) texts.add(item.text());
        return texts;
    }

    /** A map of texts to texts, in file order. */
    Map<String, String> textMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Member m : members()) {
            map.put(m.key(), m.value().text());
        }
        return map;
    }

    /** The entries of a map, in file order. */
    List<Member> members() {
        if (!(node instanceof Mapping map)) throw error("expected a map, got " + node.describe());
        List<Member> members = new ArrayList<>();
        map.entries().values().forEach(e -> members.add(new Member(e.key(), e.mark(),
                new Value(file, e.value(), (path.isEmpty() ? "" : path + ".") + e.key()))));
        return members;
    }

    /** This map's fields, after checking that every key is one of {@code allowed}. */
    Fields fields(Collection<String> allowed) {
        List<Member> members = members();
        for (Member m : members) {
            if (!allowed.contains(m.key())) throw errorAt(m.mark(), unknownKey(m.key(), allowed));
        }
        return new Fields(this, members, false);
    }

    /** This map's fields with a key among {@code allowed}; each other key is added to {@code problems}. */
    Fields fields(Collection<String> allowed, Problems problems) {
        List<Member> known = new ArrayList<>();
        boolean unknown = false;
        for (Member m : members()) {
            if (allowed.contains(m.key())) {
                known.add(m);
            } else {
                problems.add(errorAt(m.mark(), unknownKey(m.key(), allowed)));
                unknown = true;
            }
        }
        return new Fields(this, known, unknown);
    }

    private static String unknownKey(String key, Collection<String> allowed) {
        String closest = Suggestions.closest(key, allowed);
        return "unknown key '" + key + "' "
                + (closest != null ? "(did you mean '" + closest + "'?)" : "(expected one of " + String.join(", ", allowed) + ")");
    }

    /** A key of a map, where it was written, and its value. */
    record Member(String key, Mark mark, Value value) {
    }

    /** The fields of a map whose keys have been checked. */
    static final class Fields {
        private final Value map;
        private final Map<String, Member> members = new LinkedHashMap<>();
        private final boolean unknownKeys;

        private Fields(Value map, List<Member> members, boolean unknownKeys) {
            this.map = map;
            members.forEach(m -> this.members.put(m.key(), m));
            this.unknownKeys = unknownKeys;
        }

        /**
         * True when {@code key} is missing but the map has unknown keys, one of which is probably it misspelt:
         * the unknown key is the problem to report, not also the missing one.
         */
        boolean missingBesideUnknownKeys(String key) {
            return unknownKeys && !members.containsKey(key);
        }

        /** The map itself. */
        Value map() {
            return map;
        }

        /** The value of {@code key}; an explicit null is an error, as it is almost always a mistake. */
        Optional<Value> get(String key) {
            Member m = members.get(key);
            if (m == null) return Optional.empty();
            if (m.value().node instanceof Scalar s && s.value() == null) {
                throw m.value().error("no value; give one or remove the key");
            }
            return Optional.of(m.value());
        }

        /** The value of {@code key}, which must be present. */
        Value require(String key, String why) {
            return get(key).orElseThrow(() -> map.error("missing '" + key + "'" + (why.isEmpty() ? "" : ": " + why)));
        }
    }
}
