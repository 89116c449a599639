package io.gryt.core.internal.secret;

import io.gryt.api.Secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * depend on the value alone).
 *
 * <p>Lines masked together ({@link #applyLines}, or streamed through {@link HeldLines}) are also searched as one text
 * joined without their line breaks, for values (and encodings) of at least {@value #MIN_ENCODED} characters: a value
 * printed split over several lines, or its base64 wrapped over several lines ({@code base64 -w 20}), is masked
 * in every line that holds a part of it. Other transformations (a value reversed, encrypted, split with other text
 * between its parts) are not recognised.
 *
 * <p>The one masker of gryt: step output, results, hooks' reasons and destinations' messages all go through it.
 */
public final class SecretMask {
    /** The mask of no value. */
    public static final SecretMask NONE = new SecretMask(List.of());
    /** Shorter values are not looked for encoded, nor split over lines: that would hide ordinary text. */
    public static final int MIN_ENCODED = 8;

    private final List<String> values;
    private final int longest;
    /** The values as UTF-8, to look for them in output not decoded yet. */
    private final byte[][] encoded;
    /** The values of at least {@link #MIN_ENCODED} characters, looked for across line breaks, longest first. */
    private final List<String> splittable;
    /** {@link #splittable} as UTF-8. */
    private final byte[][] splittableEncoded;
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
        this.splittable = values.stream().filter(v -> v.length() >= MIN_ENCODED).toList();
        this.splittableEncoded = splittable.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
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
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * False when the UTF-8 bytes from {@code from} to {@code end} surely hold no secret value, so that they can be
     * written as they are; true when they must be decoded and {@linkplain #apply masked}.
     */
    public boolean mayOccurIn(byte[] bytes, int from, int end) {
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
    public Cut cut(String text) {
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
    public record Cut(String masked, String rest) {
    }

    /**
     * False when no end of the UTF-8 bytes from {@code from} to {@code end} can be the first part of a value that
     * the next line completes, so that the line need not be held back; true when it may be.
     */
    public boolean mayContinue(byte[] bytes, int from, int end) {
        if (splittableEncoded.length == 0) return false;
        if (onlyDecoded) return true;
        for (byte[] value : splittableEncoded) {
            for (int k = Math.min(value.length - 1, end - from); k > 0; k--) {
                if (bytes[end - k] == value[0] && Arrays.equals(bytes, end - k, end, value, 0, k)) return true;
            }
        }
        return false;
    }

    /**
     * How many characters at the end of {@code text} are the first part of a value (of at least
     * {@value #MIN_ENCODED} characters) that more text could complete: 0 when none.
     */
    int pending(String text) {
        int pending = 0;
        for (String value : splittable) {
            for (int k = Math.min(value.length() - 1, text.length()); k > pending; k--) {
                if (text.regionMatches(text.length() - k, value, 0, k)) {
                    pending = k;
                    break;
                }
            }
        }
        return pending;
    }

    /** The longest value's length, in characters. */
    int longest() {
        return longest;
    }

    /**
     * {@code lines}, consecutive lines of one output, each masked; a value of at least {@value #MIN_ENCODED}
     * characters split over several of them (with no empty line between its parts) is masked in each.
     */
    public List<String> applyLines(List<String> lines) {
        return applyLines("", lines);
    }

    /**
     * {@code lines} masked as the lines that follow {@code before} (the end of earlier lines, joined, not shown
     * again): a value split between {@code before} and the first lines is masked in them too.
     */
    List<String> applyLines(String before, List<String> lines) {
        if (values.isEmpty()) return List.copyOf(lines);
        int empty = lines.indexOf("");
        if (empty >= 0) {
            // an empty line ends a value split over lines
            List<String> masked = new ArrayList<>(applyJoined(before, lines.subList(0, empty)));
            masked.add("");
            masked.addAll(applyLines("", lines.subList(empty + 1, lines.size())));
            return masked;
        }
        return applyJoined(before, lines);
    }

    private List<String> applyJoined(String before, List<String> lines) {
        int[] starts = new int[lines.size() + 1];
        StringBuilder joined = new StringBuilder(before);
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = joined.length();
            joined.append(lines.get(i));
        }
        starts[lines.size()] = joined.length();
        String text = joined.toString();
        boolean[] hidden = new boolean[text.length()];
        boolean any = false;
        for (String value : values) {
            boolean acrossLines = value.length() >= MIN_ENCODED;
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                int end = at + value.length();
                if (!acrossLines && crossesLine(starts, before.length(), at, end)) continue;
                for (int i = at; i < end; i++) hidden[i] = true;
                any = true;
            }
        }
        if (!any) return List.copyOf(lines);
        List<String> masked = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) masked.add(masked(text, hidden, starts[i], starts[i + 1]));
        return masked;
    }

    /** True when characters {@code at} to {@code end} of the joined text are not all in one line (or in before). */
    private static boolean crossesLine(int[] starts, int beforeEnd, int at, int end) {
        if (at < beforeEnd) return end > beforeEnd;
        int line = 0;
        while (line + 2 < starts.length && starts[line + 1] <= at) line++;
        return end > starts[line + 1];
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
        return masked(text, hidden, 0, end);
    }

    /** Characters {@code from} to {@code end} of {@code text}, each run of hidden ones as one mask. */
    private static String masked(String text, boolean[] hidden, int from, int end) {
        StringBuilder out = new StringBuilder(end - from);
        for (int i = from; i < end; i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == from || !hidden[i - 1]) {
                out.append(Secret.MASK);
            }
        }
        return out.toString();
    }
}
