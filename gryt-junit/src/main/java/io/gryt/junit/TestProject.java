package io.gryt.junit;

import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.core.project.ProjectLayout;
import io.gryt.testing.TempGitRepo;
import io.gryt.testing.TempProject;

import java.nio.file.Path;

/**
 * A gryt project in a temporary git repository, which {@link GrytProject @GrytProject} injects into a test. Files are
 * written with {@link #write} (and its shortcuts) and committed with {@link #commit}; {@link #gryt()} opens the
 * project with the adapters on the class path (SQLite, JGit) on first use and is closed when the test ends. Git
 * commands run isolated from the machine's git configuration, as user {@value TempGitRepo#USER_NAME}.
 */
public final class TestProject implements AutoCloseable {
    private final TempProject project;
    private final TempGitRepo git;
    private Gryt gryt; // guarded by this

    private TestProject(TempProject project, TempGitRepo git) {
        this.project = project;
        this.git = git;
    }

    /** Makes a project in {@code project}'s directory: a git repository with gryt's layout, committed. */
    static TestProject create(TempProject project) {
        TempGitRepo git = TempGitRepo.empty(project.dir());
        ProjectInit.init(project.dir(), false);
        git.commit("gryt project");
        return new TestProject(project, git);
    }

    /** The project directory (the repository's work tree). */
    public Path dir() {
        return project.dir();
    }

    /** The project's layout: {@code .gryt/pipelines}, {@code .gryt/generations}, the store... */
    public ProjectLayout layout() {
        return new ProjectLayout(dir());
    }

    /** The project, opened on first use; the extension closes it when the test ends. */
    public synchronized Gryt gryt() {
        if (gryt == null) gryt = Gryt.open(dir());
        return gryt;
    }

    /** Writes {@code content} to {@code relPath} in the project (creating directories), not committed. */
    public Path write(String relPath, String content) {
        return project.write(relPath, content);
    }

    /** Writes {@code .gryt/pipelines/<name>.yaml}. */
    public Path writePipeline(String name, String yaml) {
        return project.writePipeline(name, yaml);
    }

    /** Writes {@code .gryt/generations/<version>.yaml}, a release contract. */
    public Path writeGeneration(String version, String yaml) {
        return write(".gryt/generations/" + version + ".yaml", yaml);
    }

    /** Writes {@code .gryt/steps.yaml}, the project's shared step definitions. */
    public Path writeSteps(String yaml) {
        return project.writeSteps(yaml);
    }

    /** Stages everything and commits it (even when nothing changed); returns the commit id. */
    public String commit(String message) {
        return git.commit(message);
    }

    /** The full id of HEAD's commit. */
    public String head() {
        return git.head();
    }

    /** Runs {@code git <args>} in the project and returns its output; fails with git's error when git does. */
    public String git(String... args) {
        return git.git(args);
    }

    /** Closes the project's {@link Gryt}, if it was opened. */
    @Override
    public synchronized void close() {
        if (gryt != null) gryt.close();
        gryt = null;
    }
}
