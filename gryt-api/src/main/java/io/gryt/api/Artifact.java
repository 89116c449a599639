package io.gryt.api;

import java.util.Objects;

/**
 * A file a passing step produced, recorded with its digest so that released bytes can be checked against
 * tested bytes.
 *
 * @param path   the path relative to the step's working directory, with {@code /} separators
 * @param size   the size in bytes
 * @param sha256 the lower-case hex SHA-256 of the content
 */
public record Artifact(String path, long size, String sha256) {
    public Artifact {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
