package io.gryt.core.config;

import java.util.regex.Pattern;

/** What gryt knows about store locations: which kind of store a URL names, and how to show it safely. */
public final class StoreUrls {
    private static final Pattern PASSWORD = Pattern.compile("(://[^/:@]*:)[^/@]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");

    private StoreUrls() {
    }

    /** True for {@code sqlite:<path>}. */
    public static boolean isSqlite(String url) {
        return url.startsWith("sqlite:") && !url.substring("sqlite:".length()).isBlank();
    }

    /** True for {@code postgres://...}, {@code postgresql://...} and {@code jdbc:postgresql://...}. */
    public static boolean isPostgres(String url) {
        String rest = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        if (rest.startsWith("postgres://")) return !rest.substring("postgres://".length()).isBlank();
        return rest.startsWith("postgresql:") && !rest.substring("postgresql:".length()).isBlank();
    }

    /** {@code url} with any password replaced by {@code ***}, for messages. */
    public static String redact(String url) {
        String s = PASSWORD.matcher(url).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(s).replaceAll("$1***");
    }
}
