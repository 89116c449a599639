package io.gryt.git;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;
import java.io.File;
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
            throw cannotOpen(builder, e);
        } catch (IllegalArgumentException e) {
            // JGit's answer to a repository configuration file it cannot parse, without saying where: say it as a run does
            GitIdentity.requireValid(new File(commonDir(builder), "config"));
            throw new BadInputException(cannotOpen(builder, e).getMessage(), e);
        }
        if (repository.isBare()) {
            repository.close();
            return Optional.empty();
        }
        return Optional.of(new JGitVersioning(repository, environment));
    }

    /**
     * Who acts in the repository containing {@code projectDir}, read as {@link #open(Path, Map)}'s
     * {@link Versioning#user()} reads it, but without opening the repository: a run records who acts and nothing
     * else of git, and opening it (JGit's configuration classes, references, object database) costs tens of
     * milliseconds before the run's first step. Empty, like {@code open}, when there is no repository or it is bare.
     */
    @Override
    public Optional<String> user(Path projectDir, Map<String, String> environment) {
        Optional<File> commonDir;
        Locator locator = new Locator();
        try {
            commonDir = locator.commonDirOfWorkTree(projectDir);
        } catch (IOException e) {
            throw cannotOpen(locator, e);
        }
        return commonDir.flatMap(dir -> GitIdentity.resolve(dir, environment).display());
    }

    /** Where the found repository's shared files ({@code config}, objects, tags) are: its common directory. */
    private static File commonDir(FileRepositoryBuilder builder) {
        return builder.getGitCommonDir() != null ? builder.getGitCommonDir() : builder.getGitDir();
    }

    private static GrytException cannotOpen(FileRepositoryBuilder builder, Exception e) {
        return new GrytException("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
    }

    /**
     * Finds a repository's directories as {@link FileRepositoryBuilder#setup()} does, without reading its
     * configuration through JGit: the first {@code FileBasedConfig} of a process loads JGit's whole message bundle
     * by reflection (~50 ms).
     */
    private static final class Locator extends FileRepositoryBuilder {
        /**
         * The common directory (where {@code config} is) of the repository whose work tree contains
         * {@code projectDir}; empty when there is none, or when what contains it is a repository directory itself (a
         * bare repository: neither named {@code .git} nor a linked work tree's, which has a {@code gitdir} file).
         */
        Optional<File> commonDirOfWorkTree(Path projectDir) throws IOException {
            findGitDir(projectDir.toAbsolutePath().normalize().toFile());
            if (getGitDir() == null) return Optional.empty();
            setupGitDir();
            setupCommonDir();
            boolean workTree = getGitDir().getName().equals(".git") || new File(getGitDir(), "gitdir").isFile();
            if (!workTree) return Optional.empty();
            return Optional.of(commonDir(this));
        }
    }
}
