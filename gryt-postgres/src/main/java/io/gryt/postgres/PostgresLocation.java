package io.gryt.postgres;

import io.gryt.api.spi.StoreException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PostgreSQL store location: {@code postgres://user@host:port/database?sslmode=verify-full} (also
 * {@code postgresql://} and {@code jdbc:postgresql://}). The password never travels in it: it comes from
 * {@code PGPASSWORD} or {@code ~/.pgpass}. Query parameters go to the JDBC driver ({@code sslmode},
 * {@code sslrootcert}, {@code currentSchema}...).
 *
 * @param user       the role, or empty for the OS user
 * @param host       the server's host
 * @param port       its port
 * @param database   the database
 * @param parameters driver parameters, by name
 */
record PostgresLocation(String user, String host, int port, String database, Map<String, String> parameters) {
    static final int DEFAULT_PORT = 5432;

    PostgresLocation {
        parameters = Map.copyOf(parameters);
    }

    /** True for the URLs this store handles. */
    static boolean supports(String url) {
        return url != null && (url.startsWith("postgres://") || url.startsWith("postgresql://")
                || url.startsWith("jdbc:postgresql://"));
    }

    /**
     * Parses {@code url}.
     *
     * @throws StoreException naming what is wrong, without the password when the URL holds one
     */
    static PostgresLocation parse(String url) {
        if (!supports(url)) {
            throw new StoreException("not a PostgreSQL store location: " + url
                    + " (expected postgres://<user>@<host>[:<port>]/<database>)");
        }
        String rest = url.substring(url.indexOf("://") + 3);
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new StoreException("the store location " + redact(url) + " is not a valid URL: " + e.getReason(), e);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new StoreException("the store location " + redact(url) + " holds a password: remove it, and give it"
                    + " in PGPASSWORD or ~/.pgpass instead (a URL is kept in .gryt/config.yaml and shown in messages)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new StoreException("the store location " + url + " names no host (expected postgres://<user>@<host>[:<port>]/<database>)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isBlank() || database.contains("/")) {
            throw new StoreException("the store location " + url + " names no database (expected postgres://<user>@<host>[:<port>]/<database>)");
        }
        Map<String, String> parameters = new TreeMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name.toLowerCase(Locale.ROOT).equals("password")) {
                    throw new StoreException("the store location " + redact(url) + " holds a password: remove it, and"
                            + " give it in PGPASSWORD or ~/.pgpass instead");
                }
                if (name.equalsIgnoreCase("user")) {
                    if (userInfo == null) userInfo = value;
                    continue;
                }
                parameters.put(name, value);
            }
        }
        String user = userInfo == null ? "" : decode(userInfo);
        return new PostgresLocation(user, uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                decode(database), parameters);
    }

    /** The JDBC URL, without user or password (they are passed as properties). */
    String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** How messages name the store: {@code postgresql://gryt@db.example:5432/gryt}. */
    String shown() {
        return "postgresql://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    /** The role connected as: the URL's user, else the OS user (as libpq and the driver do). */
    String role() {
        return user.isEmpty() ? System.getProperty("user.name", "") : user;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^/:@]*:)[^/@]*@", "$1***@").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
