package io.gryt.core.internal.yaml;

/** Writes YAML scalars that read back as exactly the text given; shared by the files gryt writes. */
final class YamlScalars {
    private YamlScalars() {
    }

    /**
     * A YAML double-quoted scalar holding exactly {@code value}: quotes, backslashes, control characters, line
     * breaks (YAML would fold them) and the characters YAML does not allow in a file are escaped.
     */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (printable(value, i)) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Whether the char at {@code i} may stand as itself in a double-quoted scalar: YAML's printable characters,
     * minus the line breaks NEL, LS and PS; a surrogate only as half of a pair.
     */
    private static boolean printable(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }
}
