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

    /**
     * Who acts in the repository containing {@code projectDir} ({@link Versioning#user()} of
     * {@link #open(Path, Map)}), read from {@code environment}; empty when there is no repository or it names
     * nobody. gryt asks this, not {@code open}, when it needs only the name for an audit entry (a run), so an
     * adapter may answer without opening the whole repository.
     */
    default Optional<String> user(Path projectDir, Map<String, String> environment) {
        return open(projectDir, environment).flatMap(Versioning::user);
    }
}
