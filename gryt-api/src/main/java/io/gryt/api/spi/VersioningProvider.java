package io.gryt.api.spi;

import java.nio.file.Path;
import java.util.Optional;

/** Opens {@link Versioning} for a project; found with {@link java.util.ServiceLoader}. */
public interface VersioningProvider {
    /** The repository containing {@code projectDir}, or empty when there is none. */
    Optional<Versioning> open(Path projectDir);
}
