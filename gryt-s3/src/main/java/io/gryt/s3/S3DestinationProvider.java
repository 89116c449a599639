package io.gryt.s3;

import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates {@code type: s3} destinations (found with {@link java.util.ServiceLoader}):
 *
 * <pre>{@code
 * destinations:
 *   - name: archive
 *     type: s3
 *     events: [run.finished, promotion.completed]
 *     settings:
 *       bucket: release-evidence
 *       endpoint: https://minio.example.com:9000   # omit for AWS S3
 *       region: us-east-1                          # the default
 *       path_style: true                           # the default with an endpoint, false without
 *       prefix: gryt                               # the default; "" for none
 *       project: payments                          # the default: the project directory's name
 *       access_key_id_env: S3_ACCESS_KEY_ID        # NAMES of environment variables, never the keys
 *       secret_access_key_env: S3_SECRET_ACCESS_KEY
 *       session_token_env: S3_SESSION_TOKEN        # optional, for temporary credentials
 * }</pre>
 *
 * Where each object goes: {@link ObjectKeys}. Experimental.
 */
public final class S3DestinationProvider implements DestinationProvider {
    /** The {@code type:} this provider handles. */
    public static final String TYPE = "s3";
    static final String ACCESS_KEY = "access_key_id";
    static final String SECRET_KEY = "secret_access_key";
    static final String SESSION_TOKEN = "session_token";
    private static final Set<String> KNOWN = Set.of("bucket", "endpoint", "region", "path_style", "prefix", "project",
            ACCESS_KEY + DestinationSettings.SECRET_SUFFIX, SECRET_KEY + DestinationSettings.SECRET_SUFFIX,
            SESSION_TOKEN + DestinationSettings.SECRET_SUFFIX);

    /** For {@link java.util.ServiceLoader}. */
    public S3DestinationProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Destination create(DestinationSettings settings) {
        for (String key : settings.settings().keySet()) {
            if (!KNOWN.contains(key)) {
                throw settings.problem("unknown setting '" + key + "' (known: " + String.join(", ", new TreeSet<>(KNOWN)) + ")");
            }
        }
        String bucket = settings.required("bucket").trim();
        if (bucket.isEmpty()) throw settings.problem("setting 'bucket' is empty");
        settings.required(ACCESS_KEY + DestinationSettings.SECRET_SUFFIX);
        settings.required(SECRET_KEY + DestinationSettings.SECRET_SUFFIX);
        URI endpoint = settings.setting("endpoint").map(e -> endpoint(settings, e)).orElse(null);
        boolean pathStyle = settings.setting("path_style").map(v -> bool(settings, "path_style", v))
                .orElse(endpoint != null);
        String region = settings.setting("region").orElse("us-east-1").trim();
        if (region.isEmpty()) throw settings.problem("setting 'region' is empty");
        String prefix = settings.setting("prefix").orElse("gryt");
        S3Settings s3 = new S3Settings(bucket, region, endpoint, pathStyle, prefix);
        String project = settings.setting("project").orElseGet(() -> directoryName(settings.projectDir())).trim();
        if (project.isEmpty() || project.contains("/")) {
            throw settings.problem("setting 'project' must be a name without '/', was '" + project + "'");
        }
        return new S3Destination(settings, s3, new ObjectKeys(s3.prefix(), project));
    }

    private static URI endpoint(DestinationSettings settings, String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw settings.problem("setting 'endpoint' must be an http:// or https:// URL, was '" + value + "'");
    }

    private static boolean bool(DestinationSettings settings, String key, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw settings.problem("setting '" + key + "' must be true or false, was '" + value + "'");
        };
    }

    private static String directoryName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "project" : name.toString();
    }
}
