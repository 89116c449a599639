package io.gryt.core.internal.destination;

import io.gryt.api.spi.DestinationSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP calls of gryt's destinations, on the JDK's client with short timeouts, so that a destination that does
 * not answer costs seconds, never a run. A non-2xx answer is an {@link IOException} naming the status and the
 * start of the body.
 */
final class Http {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Sends {@code body} with {@code method} to {@code uri}; returns the answer's body. */
    String send(String method, URI uri, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .header("User-Agent", "gryt")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(method + " " + uri + ": " + why.replaceAll("\\R", " "), e);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            if (answer.length() > 200) answer = answer.substring(0, 200) + "...";
            throw new IOException(method + " " + uri + " answered HTTP " + response.statusCode()
                    + (answer.isEmpty() ? "" : ": " + answer));
        }
        return response.body();
    }

    /** The URI in setting {@code key} (or in the secret it names, {@code key_env}), checked to be http(s). */
    static URI uri(DestinationSettings settings, String key) {
        String text = settings.secret(key).or(() -> settings.setting(key))
                .orElseThrow(() -> settings.problem("setting '" + key + "' or '" + key + DestinationSettings.SECRET_SUFFIX
                        + "' (the name of an environment variable holding it) is required"));
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw settings.problem("setting '" + key + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw settings.problem("setting '" + key + "' is not an http(s) URL");
        }
        return uri;
    }
}
