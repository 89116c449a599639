package io.gryt.core.template;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.core.Gryt;
import io.gryt.core.catalog.Catalogs;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.config.ConfigFile;
import io.gryt.core.project.FileErrors;
import io.gryt.core.project.ProjectInit;
import io.gryt.core.internal.yaml.PipelineFiles;
import io.gryt.core.text.Suggestions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The templates of {@code gryt new}: go, python, node, java (Maven) and minimal. {@link #create} makes a ready
 * project: the template's sources (they build and test), {@code .gryt/} with {@code pipelines/release.yaml} written
 * from the template's catalog pipeline, a first generation {@code v0.1.0} proven by it (change {@code APP-1}), the
 * {@code .gitignore}s that keep {@code .gryt/} tracked but its database and runs out, and, when the directory is not
 * inside a git repository, a new repository with a first commit.
 */
public final class ProjectTemplates {
    /** The first generation of a new project. */
    public static final String FIRST_VERSION = "v0.1.0";
    /** The change the first generation promises. */
    public static final String FIRST_CHANGE = "APP-1";
    /** The pipeline a new project's generations name. */
    public static final String PIPELINE = "release";

    private static final List<ProjectTemplate> ALL = List.of(
            new ProjectTemplate("go", "a Go module (catalog pipeline go.release)", Optional.of("go.release"),
                    List.of("go", "gofmt"), "install Go: https://go.dev/dl/"),
            new ProjectTemplate("python", "a Python package (catalog pipeline python.release)", Optional.of("python.release"),
                    List.of("python3"), "install Python 3 with pip and setuptools: https://www.python.org/downloads/"),
            new ProjectTemplate("node", "a Node.js package (catalog pipeline node.release)", Optional.of("node.release"),
                    List.of("node", "npm"), "install Node.js 18 or later: https://nodejs.org/"),
            new ProjectTemplate("java", "a Java application built with Maven (catalog pipeline maven.release)",
                    Optional.of("maven.release"), List.of("java", "mvn"), "install a JDK 17+ and Maven: https://maven.apache.org/"),
            new ProjectTemplate("minimal", "any project: a pipeline with one step to replace", Optional.empty(),
                    List.of("sh"), "a POSIX shell"));

    private ProjectTemplates() {
    }

    /** Every template, in the order {@code gryt new list} shows them. */
    public static List<ProjectTemplate> all() {
        return ALL;
    }

    /**
     * Template {@code name}.
     *
     * @throws BadInputException when there is none (the message lists those there are)
     */
    public static ProjectTemplate require(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> {
            List<String> names = ALL.stream().map(ProjectTemplate::name).toList();
            String closest = Suggestions.closest(name, names);
            return new BadInputException("no template '" + name + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?")
                    + " (templates: " + String.join(", ", names) + ")");
        });
    }

    /**
     * What {@link #create} did.
     *
     * @param dir          the new project
     * @param files        the files written, relative to {@code dir}, sorted
     * @param gitInit      true when a git repository was created with a first commit
     * @param missingTools the template's tools not found on the PATH (its pipeline cannot pass until they are)
     */
    public record Created(Path dir, List<String> files, boolean gitInit, List<String> missingTools) {
    }

    /**
     * Creates a project from template {@code name} in {@code dir}, which must not exist or be empty. Nothing is created
     * when the template is unknown or the directory not empty.
     *
     * @param path the PATH to look the template's tools up on
     * @throws BadInputException when the template is unknown or {@code dir} is a file or a non-empty directory
     */
    public static Created create(String name, Path dir, String path) {
        ProjectTemplate template = require(name);
        Path root = dir.toAbsolutePath().normalize();
        requireEmpty(root);
        Map<String, String> files = files(template);
        Catalogs catalogs = new Catalogs(null, Catalogs.serviceLoaded()); // a new project has no catalogs of its own
        template.pipeline().ifPresent(ref -> files.put(".gryt/pipelines/" + PIPELINE + ".yaml",
                "# from catalog pipeline " + ref + " (gryt new " + name + "): edit freely\n"
                        + PipelineFiles.toYaml(catalogs.pipeline(ref).withName(PIPELINE))));
        try {
            Files.createDirectories(root);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = root.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        } catch (IOException e) {
            throw new GrytException("cannot create the project in " + root + ": " + FileErrors.describe(e), e);
        }
        ProjectInit.init(root, false);
        // the template's catalog is the project's: plain step names (test) resolve in it
        template.pipeline().ifPresent(ref -> ConfigFile.set(new ProjectLayout(root).configFile(), ConfigKey.CATALOG.name(),
                ref.substring(0, ref.indexOf('.'))));
        try (Gryt gryt = Gryt.open(root)) {
            gryt.generations().create(FIRST_VERSION, "First release",
                    List.of(new Change(FIRST_CHANGE, ChangeType.ADD, "First release of the project", null)), PIPELINE);
        }
        boolean gitInit = Git.initWithFirstCommit(root, "gryt new " + name);
        return new Created(root, listFiles(root), gitInit, missing(template.tools(), path));
    }

    private static void requireEmpty(Path root) {
        if (!Files.exists(root)) return;
        if (!Files.isDirectory(root)) throw new BadInputException("cannot create a project in " + root + ": it is a file");
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new BadInputException("cannot create a project in " + root + ": the directory is not empty"
                        + " (give a new or empty directory: gryt new <template> <dir>)");
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + root + ": " + FileErrors.describe(e));
        }
    }

    /** The template's files by path, from its resource: {@code === <path>} lines, each followed by the file's text. */
    static Map<String, String> files(ProjectTemplate template) {
        String text;
        try (InputStream in = ProjectTemplates.class.getResourceAsStream(template.name() + ".txt")) {
            if (in == null) throw new IllegalStateException("template " + template.name() + " is missing from gryt");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (current != null) files.put(current, body.toString());
                current = line.substring(4).strip();
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) files.put(current, body.toString().replaceFirst("\n$", ""));
        return files;
    }

    private static List<String> listFiles(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(root::relativize).map(p -> p.toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/") && !p.startsWith(".gryt/gryt.db"))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The programs of {@code tools} that are not on {@code path}. */
    public static List<String> missing(List<String> tools, String path) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) if (!onPath(tool, path)) missing.add(tool);
        return missing;
    }

    /** True when an executable file {@code program} is in a directory of {@code path}. */
    public static boolean onPath(String program, String path) {
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return true;
        }
        return false;
    }
}
