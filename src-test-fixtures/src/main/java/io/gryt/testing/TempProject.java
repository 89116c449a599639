package io.gryt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project directory with gryt's layout ({@code .gryt/pipelines}, {@code .gryt/runs}), for tests.
 *
 * <pre>{@code
 * TempProject project = TempProject.create(tempDir);
 * project.writePipeline("ci", """
 *     steps:
 *       - name: hello
 *         run: [echo, hello]
 *     """);
 * }</pre>
 *
 * Use {@link TempProjectExtension} to have a fresh one injected into each test.
 */
public final class TempProject {
    private final Path dir;

    private TempProject(Path dir) {
        this.dir = dir;
    }

    /** Creates the layout in {@code dir} (created if needed). */
    public static TempProject create(Path dir) {
        TempProject project = new TempProject(dir);
        try {
            Files.createDirectories(project.pipelinesDir());
            Files.createDirectories(project.runsDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return project;
    }

    /** The project directory. */
    public Path dir() {
        return dir;
    }

    /** {@code .gryt} in the project. */
    public Path grytDir() {
        return dir.resolve(".gryt");
    }

    /** {@code .gryt/pipelines}. */
    public Path pipelinesDir() {
        return grytDir().resolve("pipelines");
    }

    /** {@code .gryt/runs}. */
    public Path runsDir() {
        return grytDir().resolve("runs");
    }

    /** {@code .gryt/steps.yaml} (which may not exist). */
    public Path stepsFile() {
        return grytDir().resolve("steps.yaml");
    }

    /** Writes {@code .gryt/pipelines/<name>.yaml} and returns its path. */
    public Path writePipeline(String name, String yaml) {
        return write(".gryt/pipelines/" + name + ".yaml", yaml);
    }

    /** Writes {@code .gryt/steps.yaml} and returns its path. */
    public Path writeSteps(String yaml) {
        return write(".gryt/steps.yaml", yaml);
    }

    /** Writes {@code content} to {@code relPath} in the project (creating directories). */
    public Path write(String relPath, String content) {
        Path file = dir.resolve(relPath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Makes the project a git repository ({@link TempGitRepo#init}) and returns it. */
    public TempGitRepo initGit() {
        return TempGitRepo.init(dir);
    }
}
