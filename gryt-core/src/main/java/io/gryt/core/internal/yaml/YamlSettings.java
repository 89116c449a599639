package io.gryt.core.internal.yaml;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.gryt.core.internal.yaml.YamlNode.Entry;
import io.gryt.core.internal.yaml.YamlNode.Mapping;
import io.gryt.core.internal.yaml.YamlNode.Scalar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A YAML file of settings: maps nested to any depth whose leaves are single values, read as dotted keys.
 * {@code store: {url: x}}, its block form and {@code store.url: x} all set {@code store.url}. Each setting keeps
 * where it was written, so that whoever checks its value can report {@code file:line:col: key: problem}.
 *
 * <p>{@link #set} edits the text in place, keeping comments, order and layout. Used by
 * {@link io.gryt.core.config.ConfigFile}; stable for gryt's own files only.
 */
public final class YamlSettings {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** Values written without quotes: nothing YAML would read as anything but this text, in block or flow. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:@%+=&~-]*");
    /** Plain values YAML would read as something else (null, a boolean, a special number) or mis-parse. */
    private static final Pattern NOT_TEXT = Pattern.compile("(?i)~|null|true|false|yes|no|on|off|y|n|[-+.0-9].*|.*:");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,17}");

    private YamlSettings() {
    }

    /**
     * One setting as written.
     *
     * @param file     the file, as given to {@link #read}
     * @param key      the dotted key, e.g. {@code store.url}
     * @param text     the value as written (without quotes): numbers and booleans give their text
     * @param keyMark  where the key is written
     * @param mark     where the value is written
     */
    public record Setting(String file, String key, String text, Mark keyMark, Mark mark) {
        /** An error about the value: {@code <file>:<line>:<col>: <key>: <problem>}. */
        public YamlException error(String problem) {
            return new YamlException(file, mark.line(), mark.column(), key + ": " + problem);
        }

        /** An error about the key itself (unknown, misplaced), reported where the key is written. */
        public YamlException keyError(String problem) {
            return new YamlException(file, keyMark.line(), keyMark.column(), problem);
        }
    }

    /** A 1-based position in a file. */
    public record Mark(int line, int column) {
    }

    /**
     * The settings in {@code text}, in file order; none when it holds only blanks and comments.
     *
     * @throws YamlException when the text is not YAML, the top level is not a map, a value is a list or empty,
     *                       or a key is set twice
     */
    public static List<Setting> read(String file, String text) {
        YamlNode root = YamlTree.read(file, stripBom(text));
        if (root == null) return List.of();
        if (!(root instanceof Mapping map)) {
            throw new YamlException(file, root.mark().line(), root.mark().column(),
                    "expected a map of settings at the top level, got " + root.describe());
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        flatten(file, map, "", settings);
        return List.copyOf(settings.values());
    }

    private static void flatten(String file, Mapping map, String prefix, Map<String, Setting> into) {
        for (Entry e : map.entries().values()) {
            String key = prefix + e.key();
            if (key.equals(DestinationsSection.KEY)) continue; // a list, read by DestinationsSection
            YamlNode value = e.value();
            if (value instanceof Mapping nested) {
                flatten(file, nested, key + ".", into);
            } else if (value instanceof Scalar s && s.value() != null) {
                Setting earlier = into.get(key);
                if (earlier != null) {
                    throw new YamlException(file, e.mark().line(), e.mark().column(),
                            key + ": set twice (first at line " + earlier.keyMark().line() + ")");
                }
                into.put(key, new Setting(file, key, s.text(), mark(e.mark()), mark(value.mark())));
            } else {
                String problem = value instanceof Scalar ? "no value; give one or remove the key"
                        : "expected a single value, got " + value.describe();
                throw new YamlException(file, value.mark().line(), value.mark().column(), key + ": " + problem);
            }
        }
    }

    private static Mark mark(YamlNode.Mark m) {
        return new Mark(m.line(), m.column());
    }

    /**
     * {@code text} with {@code key} set to {@code value}: the value is replaced where it is written, or the key
     * is added to the deepest map already holding part of its path (or at the end). Comments and the layout of
     * everything else are kept. Should the edit not read back as exactly the intended settings (a layout this
     * method does not foresee), the settings are written out afresh instead, so no setting is ever lost.
     *
     * @throws YamlException            when {@code text} itself is not a valid settings file
     * @throws IllegalArgumentException when {@code key} is a map of the file, or inside one of its values
     */
    public static String set(String file, String text, String key, String value) {
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new IllegalArgumentException("not a dotted key: '" + key + "'");
        }
        String source = stripBom(text);
        Map<String, String> expected = texts(read(file, source));
        for (String existing : expected.keySet()) {
            if (key.startsWith(existing + ".") || existing.startsWith(key + ".")) {
                throw new IllegalArgumentException("'" + key + "' cannot be set next to '" + existing + "'");
            }
        }
        expected.put(key, value);
        String edited = edit(source, key, scalar(value));
        try {
            if (texts(read(file, edited)).equals(expected)) return edited;
        } catch (YamlException e) {
            // an unforeseen layout: fall through to writing the settings afresh
        }
        return render(expected);
    }

    private static Map<String, String> texts(List<Setting> settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Setting s : settings) map.put(s.key(), s.text());
        return map;
    }

    /** {@code value} as a YAML scalar that reads back as the same text. */
    static String scalar(String value) {
        if (WHOLE_NUMBER.matcher(value).matches()) return value;
        if (PLAIN.matcher(value).matches() && !NOT_TEXT.matcher(value).matches()) return value;
        return YamlScalars.quoted(value);
    }

    private static String edit(String text, String key, String scalar) {
        Layout layout = Layout.of(text);
        Span leaf = layout.leaves.get(key);
        if (leaf != null) return text.substring(0, leaf.start) + scalar + text.substring(leaf.end);

        String[] path = key.split("\\.");
        int depth = path.length - 1;
        Section section = null;
        while (depth >= 0 && (section = layout.sections.get(String.join(".", Arrays.copyOf(path, depth)))) == null) depth--;
        List<String> rest = Arrays.asList(path).subList(Math.max(depth, 0), path.length);
        if (section == null) { // an empty document: the settings start here
            String prefix = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
            return prefix + block(rest, scalar, 0) + "\n";
        }
        if (section.flow) {
            int at = section.end; // the closing brace
            return text.substring(0, at) + (section.empty ? "" : ", ") + flow(rest, scalar) + text.substring(at);
        }
        int lineEnd = text.indexOf('\n', section.lastValueEnd);
        int at = lineEnd < 0 ? text.length() : lineEnd;
        return text.substring(0, at) + "\n" + block(rest, scalar, section.indent) + text.substring(at);
    }

    private static String block(List<String> path, String scalar, int indent) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) b.append('\n');
            b.append(" ".repeat(indent + 2 * i)).append(path.get(i)).append(':');
        }
        return b.append(' ').append(scalar).toString();
    }

    private static String flow(List<String> path, String scalar) {
        StringBuilder b = new StringBuilder(path.get(0)).append(": ");
        if (path.size() == 1) return b.append(scalar).toString();
        return b.append('{').append(flow(path.subList(1, path.size()), scalar)).append('}').toString();
    }

    /** The settings as fresh nested block YAML. */
    private static String render(Map<String, String> settings) {
        StringBuilder b = new StringBuilder();
        List<String> previous = List.of();
        for (Map.Entry<String, String> e : settings.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            List<String> path = List.of(e.getKey().split("\\."));
            int common = 0;
            while (common < previous.size() - 1 && common < path.size() - 1 && previous.get(common).equals(path.get(common))) common++;
            for (int i = common; i < path.size(); i++) {
                b.append("  ".repeat(i)).append(path.get(i)).append(':');
                b.append(i == path.size() - 1 ? " " + scalar(e.getValue()) : "").append('\n');
            }
            previous = path;
        }
        return b.toString();
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Where a value is written: {@code [start, end)} in the text. */
    private record Span(int start, int end) {
    }

    /** A map of the text: in flow style or block style, where it ends, and how deep its keys are indented. */
    private static final class Section {
        final boolean flow;
        final int indent;
        boolean empty = true;
        int end;
        int lastValueEnd;

        Section(boolean flow, int indent) {
            this.flow = flow;
            this.indent = indent;
        }
    }

    /** The positions of every leaf and every map of a valid settings text, by dotted key. */
    private static final class Layout {
        final Map<String, Span> leaves = new HashMap<>();
        final Map<String, Section> sections = new HashMap<>();

        static Layout of(String text) {
            Layout layout = new Layout();
            try (YAMLParser p = FACTORY.createParser(text)) {
                Deque<String> path = new ArrayDeque<>();
                Deque<Section> open = new ArrayDeque<>();
                String field = null;
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    int end = (int) p.currentLocation().getCharOffset();
                    if (t == JsonToken.FIELD_NAME) {
                        field = p.currentName();
                    } else if (t == JsonToken.START_OBJECT) {
                        if (field != null) path.addLast(field);
                        Section s = new Section(start < text.length() && text.charAt(start) == '{',
                                p.currentTokenLocation().getColumnNr() - 1);
                        layout.sections.put(String.join(".", path), s);
                        open.push(s);
                        field = null;
                    } else if (t == JsonToken.END_OBJECT) {
                        Section s = open.pop();
                        s.end = start;
                        if (!open.isEmpty()) {
                            open.peek().lastValueEnd = Math.max(open.peek().lastValueEnd, s.flow ? end : s.lastValueEnd);
                            open.peek().empty = false;
                        }
                        if (!path.isEmpty() && !open.isEmpty()) path.removeLast();
                    } else if (t.isScalarValue() && field != null) {
                        String key = path.isEmpty() ? field : String.join(".", path) + "." + field;
                        layout.leaves.put(key, new Span(start, end));
                        open.peek().lastValueEnd = end;
                        open.peek().empty = false;
                        field = null;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the text was read successfully just before
            }
            return layout;
        }
    }
}
