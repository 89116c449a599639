package io.gryt.postgres;

import io.gryt.api.spi.StoreException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL store location: {@code postgres://user@host:port/database?sslmode=verify-full} (also
 * {@code postgresql://} and {@code jdbc:postgresql://}). The password never travels in it: it comes from
 * {@code PGPASSWORD} or {@code ~/.pgpass}. Query parameters go to the JDBC driver ({@code sslmode},
 * {@code sslrootcert}, {@code currentSchema}...), but for gryt's own {@code patience} ({@code ?patience=10s}: how
 * long gryt waits for an unreachable server, {@link PostgresOptions#patience()}).
 *
 * @param user       the role, or empty for the OS user
 * @param host       the server's host
 * @param port       its port
 * @param database   the database
 * @param parameters driver parameters, by name
 * @param patience   the URL's {@code patience}, when it gives one
 */
record PostgresLocation(String user, String host, int port, String database, Map<String, String> parameters,
                        Optional<Duration> patience) {
    static final int DEFAULT_PORT = 5432;
    /** The query parameter that sets {@link PostgresOptions#patience()}: {@code 500ms}, {@code 30s}, {@code 2m}, bare seconds. */
    static final String PATIENCE = "patience";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    PostgresLocation {
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(patience, "patience");
    }

    /** {@code options} with this location's {@code patience} when the URL gives one. */
    PostgresOptions applyTo(PostgresOptions options) {
        return patience.map(options::withPatience).orElse(options);
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
        Optional<Duration> patience = Optional.empty();
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
                if (name.equals(PATIENCE)) {
                    patience = Optional.of(duration(url, value));
                    continue;
                }
                parameters.put(name, value);
            }
        }
        String user = userInfo == null ? "" : decode(userInfo);
        return new PostgresLocation(user, uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                decode(database), parameters, patience);
    }

    private static Duration duration(String url, String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw new StoreException("the store location " + redact(url) + " has patience=" + value
                    + ", not a duration (e.g. patience=30s, 500ms, 2m)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
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
