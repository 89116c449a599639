package io.gryt.core.internal.yaml;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.project.FileErrors;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pipelines written in YAML: {@code .gryt/pipelines/<name>.yaml} files and the reusable step definitions of
 * {@code .gryt/steps.yaml}.
 *
 * <pre>{@code
 * name: ci                       # optional; must equal the file name
 * runners: 2
 * env: {CI: "true"}
 * steps:
 *   - name: lint
 *     run: ["mvn", "-q", "spotless:check"]   # a list is an argument vector
 *   - name: test
 *     run: "mvn -q test && echo done"         # a string runs with sh -c
 *     timeout: 10m
 *     depends_on: [lint]
 *   - name: package                           # no run: a reference to a definition in steps.yaml
 * }</pre>
 *
 * Every mistake in a file is reported, one line each naming the file, line, column and field, in one
 * {@link YamlException}. Unknown keys are mistakes too. Stable.
 */
public final class PipelineFiles {
    /** What a pipeline name (its file name without extension) may be. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private PipelineFiles() {
    }

    /**
     * Loads {@code <pipelinesDir>/<name>.yaml} (or {@code .yml}).
     *
     * @throws BadInputException when there is no such pipeline (the message lists those there are)
     * @throws YamlException     when the file is wrong
     */
    public static Pipeline load(Path pipelinesDir, String name) {
        return load(pipelinesDir, name, 1);
    }

    /**
     * Like {@link #load(Path, String)}, for a pipeline that runs {@code defaultRunners} steps at once unless its
     * file sets {@code runners} (the project setting {@code run.runners}).
     */
    public static Pipeline load(Path pipelinesDir, String name, int defaultRunners) {
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException("invalid pipeline name '" + name
                    + "': use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Path yaml = pipelinesDir.resolve(name + ".yaml");
        Path yml = pipelinesDir.resolve(name + ".yml");
        boolean hasYaml = Files.isRegularFile(yaml);
        boolean hasYml = Files.isRegularFile(yml);
        if (hasYaml && hasYml) {
            throw new BadInputException("pipeline '" + name + "' is defined twice, in " + yaml + " and " + yml
                    + "; keep one");
        }
        if (hasYaml || hasYml) return parse(hasYaml ? yaml : yml, defaultRunners);
        List<String> available = available(pipelinesDir);
        throw new BadInputException("no pipeline '" + name + "' in " + pipelinesDir + (available.isEmpty()
                ? " (there are none yet: write " + yaml + ")"
                : " (available: " + String.join(", ", available) + ")"));
    }

    /** True when {@code <pipelinesDir>/<name>.yaml} (or {@code .yml}) is a file: a pipeline of that name exists. */
    public static boolean exists(Path pipelinesDir, String name) {
        return NAME.matcher(name).matches() && (Files.isRegularFile(pipelinesDir.resolve(name + ".yaml"))
                || Files.isRegularFile(pipelinesDir.resolve(name + ".yml")));
    }

    /**
     * Reads one pipeline file. The pipeline's name is the file's name without {@code .yaml} or {@code .yml}.
     *
     * @throws YamlException when the file cannot be read or is wrong
     */
    public static Pipeline parse(Path file) {
        return parse(file, 1);
    }

    /** Like {@link #parse(Path)}, with {@code defaultRunners} when the file does not set {@code runners}. */
    public static Pipeline parse(Path file, int defaultRunners) {
        String fileName = file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
        YamlNode root = YamlTree.read(file.toString(), read(file));
        if (root == null) {
            throw new YamlException(file.toString(), 1, 1, "the file is empty; a pipeline needs at least 'steps'");
        }
        return PipelineReader.pipeline(new Value(file.toString(), root, ""), fileName, defaultRunners);
    }

    /**
     * Loads reusable step definitions by name, in file order: {@code steps: {package: {run: ...}, ...}}. Step
     * references ({@code - name: package} with no {@code run}) resolve to them. Empty when the file does not
     * exist or holds nothing.
     *
     * @throws YamlException when the file is wrong
     */
    public static Map<String, Step> loadSteps(Path stepsFile) {
        if (!Files.exists(stepsFile)) return Map.of();
        YamlNode root = YamlTree.read(stepsFile.toString(), read(stepsFile));
        if (root == null) return Map.of();
        return PipelineReader.definitions(new Value(stepsFile.toString(), root, ""));
    }

    /**
     * The pipeline as YAML text that {@link #parse} reads back to the same pipeline. References that the
     * pipeline's own catalog ({@link Pipeline#define}) resolves are written resolved; a sequence with parallel
     * groups is written as the equivalent graph of {@code depends_on}.
     *
     * @throws BadInputException when a step is a Java lambda, which has no YAML form
     */
    public static String toYaml(Pipeline pipeline) {
        return PipelineWriter.toYaml(pipeline);
    }

    /** The UTF-8 text of {@code file}, without a byte-order mark. */
    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new YamlException(file.toString(), "no such file");
        } catch (CharacterCodingException e) {
            throw new YamlException(file.toString(), "not UTF-8 text");
        } catch (IOException e) {
            throw new YamlException(file.toString(), "cannot read: " + FileErrors.describe(e));
        }
    }

    /** The names of the pipelines in {@code pipelinesDir}, sorted; empty when there is no such directory. */
    public static List<String> available(Path pipelinesDir) {
        if (!Files.isDirectory(pipelinesDir)) return List.of();
        try (Stream<Path> files = Files.list(pipelinesDir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .map(n -> n.replaceFirst("\\.(yaml|yml)$", ""))
                    .filter(n -> NAME.matcher(n).matches())
                    .distinct()
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
