package io.gryt.core.project;

import io.gryt.api.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a project keeps gryt's files: everything lives under {@code <root>/.gryt/}.
 *
 * @param root the project directory (the one holding {@code .gryt/})
 */
public record ProjectLayout(Path root) {
    /** The name of gryt's directory in a project. */
    public static final String GRYT_DIR = ".gryt";

    public ProjectLayout {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Finds the project containing {@code start}: the nearest directory upwards that has {@code .gryt/}. */
    public static Optional<ProjectLayout> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(GRYT_DIR))) return Optional.of(new ProjectLayout(dir));
        }
        return Optional.empty();
    }

    /** Like {@link #find} but fails with a clear message when there is no project. */
    public static ProjectLayout require(Path start) {
        return find(start).orElseThrow(() -> new BadInputException(
                "no gryt project in " + start.toAbsolutePath().normalize() + " or any parent directory (run 'gryt init')"));
    }

    /** {@code .gryt/}. */
    public Path grytDir() {
        return root.resolve(GRYT_DIR);
    }

    /** {@code .gryt/gryt.db}, the default store. */
    public Path database() {
        return grytDir().resolve("gryt.db");
    }

    /** {@code .gryt/pipelines/}. */
    public Path pipelinesDir() {
        return grytDir().resolve("pipelines");
    }

    /** {@code .gryt/steps.yaml}: reusable step definitions. */
    public Path stepsFile() {
        return grytDir().resolve("steps.yaml");
    }

    /** {@code .gryt/catalogs/}: the project's own catalogs, one {@code <name>.yaml} each. */
    public Path catalogsDir() {
        return grytDir().resolve("catalogs");
    }

    /** {@code .gryt/generations/}: release contracts. */
    public Path generationsDir() {
        return grytDir().resolve("generations");
    }

    /** {@code .gryt/runs/}: one directory of step logs per run. */
    public Path runsDir() {
        return grytDir().resolve("runs");
    }

    /** {@code .gryt/hooks.yaml}: command hooks and change-type hooks. */
    public Path hooksFile() {
        return grytDir().resolve("hooks.yaml");
    }

    /** {@code .gryt/plugins/}: jars the {@code gryt} command puts on its class path. */
    public Path pluginsDir() {
        return grytDir().resolve("plugins");
    }

    /** {@code .gryt/config.yaml}. */
    public Path configFile() {
        return grytDir().resolve("config.yaml");
    }

    /** {@code path} relative to the project root when it is inside it, for messages. */
    public String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
