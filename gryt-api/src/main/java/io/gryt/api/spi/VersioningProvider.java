package io.gryt.api.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Opens {@link Versioning} for a project; found with {@link java.util.ServiceLoader}. */
public interface VersioningProvider {
    /** The repository containing {@code projectDir}, or empty when there is none. */
    Optional<Versioning> open(Path projectDir);

    /**
     * The repository containing {@code projectDir}, reading the identity of who acts ({@link Versioning#user()})
     * from {@code environment} ({@code GIT_COMMITTER_NAME}, {@code HOME}...) instead of the process's own.
     */
    default Optional<Versioning> open(Path projectDir, Map<String, String> environment) {
        return open(projectDir);
    }
}
