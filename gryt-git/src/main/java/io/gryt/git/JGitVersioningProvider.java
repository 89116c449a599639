package io.gryt.git;

import io.gryt.api.GrytException;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@link Versioning} on JGit for the git repository that contains the project directory, found as git finds it:
 * by walking up from the directory to the first {@code .git}. Registered for {@link java.util.ServiceLoader}.
 * Stable.
 */
public final class JGitVersioningProvider implements VersioningProvider {

    /** For {@link java.util.ServiceLoader}. */
    public JGitVersioningProvider() {
    }

    /** The repository containing {@code projectDir}; empty when there is none or it is bare (no work tree). */
    @Override
    public Optional<Versioning> open(Path projectDir) {
        return open(projectDir, System.getenv());
    }

    /** The repository containing {@code projectDir}, reading who acts from {@code environment}. */
    @Override
    public Optional<Versioning> open(Path projectDir, Map<String, String> environment) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .findGitDir(projectDir.toAbsolutePath().normalize().toFile())
                .setMustExist(true);
        if (builder.getGitDir() == null) return Optional.empty();
        Repository repository;
        Optional<String> unknownSystemConfig = GitSystemConfig.beforeOpen();
        try {
            repository = builder.build();
            unknownSystemConfig.ifPresent(GitSystemConfig::remember);
        } catch (IOException e) {
            throw new GrytException("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
        if (repository.isBare()) {
            repository.close();
            return Optional.empty();
        }
        return Optional.of(new JGitVersioning(repository, environment));
    }
}
