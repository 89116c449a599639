package io.gryt.core.internal.exec;

import io.gryt.api.Secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces secret values with {@value Secret#MASK}. Every character that belongs to an occurrence of any value
 * is hidden, and a run of such characters becomes one mask, so that overlapping values (one a substring of
 * another, or two that share characters) leak no part of either. Output reaches the mask line by line, so each
 * line of a multi-line value is a value too.
 *
 * <p>A value of at least {@value #MIN_ENCODED} characters is also hidden in the encodings a step is likely to
 * print it in: URL encoding, hex (lower or upper case), and base64 (standard or URL-safe, with or without
 * padding), also inside a longer base64 text such as a {@code Basic} authorization header (the characters that
 * depend on the value alone). Other transformations (a value reversed, split over two lines, encrypted, base64
 * of a text wrapped over several lines) are not recognised.
 */
public final class SecretMask {
    static final SecretMask NONE = new SecretMask(List.of());
    /** Shorter values are not looked for encoded: their encodings would hide ordinary text. */
    static final int MIN_ENCODED = 8;

    private final List<String> values;
    private final int longest;
    /** The values as UTF-8, to look for them in output not decoded yet. */
    private final byte[][] encoded;
    /** True when some value cannot be found in raw bytes (it holds U+FFFD or a lone surrogate). */
    private final boolean onlyDecoded;

    private SecretMask(List<String> values) {
        this.values = values;
        this.longest = values.isEmpty() ? 0 : values.get(0).length();
        this.encoded = new byte[values.size()][];
        boolean decoded = false;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            encoded[i] = value.getBytes(StandardCharsets.UTF_8);
            decoded |= value.indexOf('\uFFFD') >= 0 || !new String(encoded[i], StandardCharsets.UTF_8).equals(value);
        }
        this.onlyDecoded = decoded;
    }

    /**
     * A mask for {@code values}. A value is also masked without its surrounding whitespace (a token read from a
     * file keeps its final newline). Null and blank values, and blank lines of multi-line values, are ignored:
     * masking every space would wreck the logs and hide nothing secret.
     */
    public static SecretMask of(Collection<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) continue;
            distinct.add(v);
            distinct.add(v.strip());
            if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) continue;
            for (String line : v.split("\r\n|\r|\n")) {
                if (!line.isBlank()) distinct.add(line.strip());
            }
        }
        for (String v : List.copyOf(distinct)) {
            if (v.length() >= MIN_ENCODED) distinct.addAll(encodings(v));
        }
        return new SecretMask(distinct.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** The forms of {@code value} a step is likely to print it in besides the value itself. */
    private static Set<String> encodings(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(HexFormat.of().formatHex(bytes));
        forms.add(HexFormat.of().withUpperCase().formatHex(bytes));
        // base64 of a text that holds the value at byte offset 0, 1 or 2 (mod 3): the characters computed from the
        // value's bytes alone (a group of four characters shared with the text around it varies with that text)
        for (int offset = 0; offset < 3; offset++) {
            byte[] placed = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, placed, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(placed);
            if (offset == 0) forms.addAll(base64Alphabets(encoded));
            int from = offset == 0 ? 0 : 4;
            int to = placed.length % 3 == 0 ? encoded.length() : encoded.length() / 4 * 4;
            if (to - from >= MIN_ENCODED) forms.addAll(base64Alphabets(encoded.substring(from, to)));
        }
        forms.remove(value);
        return forms;
    }

    private static List<String> base64Alphabets(String standard) {
        return List.of(standard, standard.replace('+', '-').replace('/', '_'));
    }

    /** True when there is nothing to mask. */
    boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * False when the UTF-8 bytes from {@code from} to {@code end} surely hold no secret value, so that they can be
     * written as they are; true when they must be decoded and {@linkplain #apply masked}.
     */
    boolean mayOccurIn(byte[] bytes, int from, int end) {
        if (encoded.length == 0) return false;
        if (onlyDecoded) return true;
        for (byte[] value : encoded) {
            int last = end - value.length;
            byte first = value[0];
            for (int i = from; i <= last; i++) {
                if (bytes[i] != first) continue;
                int k = 1;
                while (k < value.length && bytes[i + k] == value[k]) k++;
                if (k == value.length) return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret value replaced; {@code null} stays {@code null}. */
    public String apply(String text) {
        if (text == null || values.stream().noneMatch(text::contains)) return text;
        boolean[] hidden = hidden(text);
        return masked(text, hidden, text.length());
    }

    /**
     * Splits {@code text}, which the next piece of output continues, into a masked part that no later output
     * can change and a raw rest to be put in front of the next piece: the rest holds any occurrence that the
     * next piece might complete.
     */
    Cut cut(String text) {
        if (values.isEmpty()) return new Cut(text, "");
        boolean[] hidden = hidden(text);
        int limit = Math.max(0, text.length() - (longest - 1));
        int cut = limit;
        while (cut > 0 && cut < text.length() && hidden[cut - 1] && hidden[cut]) cut--;
        if (cut == 0 && limit > 0) {
            // one masked run reaches back to the start: cut after it, or the rest would grow without bound
            cut = limit;
            while (cut < text.length() && hidden[cut]) cut++;
        }
        return new Cut(masked(text, hidden, cut), text.substring(cut));
    }

    /** A masked part of some output and the raw rest that the next piece continues. */
    record Cut(String masked, String rest) {
    }

    private boolean[] hidden(String text) {
        boolean[] hidden = new boolean[text.length()];
        for (String value : values) {
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                for (int i = at; i < at + value.length(); i++) hidden[i] = true;
            }
        }
        return hidden;
    }

    private static String masked(String text, boolean[] hidden, int end) {
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append(Secret.MASK);
            }
        }
        return out.toString();
    }
}
