package io.gryt.core.internal.yaml;

import io.gryt.core.text.Suggestions;
import io.gryt.api.InvalidPipelineException;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.internal.yaml.Value.Fields;
import io.gryt.core.internal.yaml.Value.Member;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Catalog files: a catalog's step definitions and pipelines in YAML, read with the pipeline files' reader, so a
 * catalog's step is written like a step of {@code .gryt/steps.yaml} and its pipeline like a pipeline file.
 *
 * <pre>{@code
 * name: go                         # optional; must equal the file name
 * description: Go modules
 * steps:
 *   lint:  {run: ["go", "vet", "./..."]}
 *   test:  {run: ["go", "test", "./..."], timeout: 10m}
 *   build: {run: ["go", "build", "./..."]}
 * pipelines:
 *   release:
 *     runners: 3
 *     steps:
 *       - name: lint                # no run: one of the catalog's steps
 *       - name: test
 *       - name: build
 *         depends_on: [lint, test]
 * }</pre>
 *
 * Every mistake is reported, one line each naming the file, line, column and field, in one {@link YamlException}.
 * Stable.
 */
public final class CatalogFiles {
    /** What a catalog name may be: it prefixes references ({@code go.release}), so it holds no '.'. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    static final List<String> CATALOG_KEYS = List.of("name", "description", "steps", "pipelines");

    private CatalogFiles() {
    }

    /**
     * Reads catalog file {@code file}, named after the file (without {@code .yaml} or {@code .yml}).
     *
     * @throws YamlException when the file cannot be read or is wrong
     */
    public static YamlCatalog parse(Path file) {
        return parse(file, file.toString());
    }

    /** As {@link #parse(Path)}, naming the file {@code display} in messages. */
    public static YamlCatalog parse(Path file, String display) {
        String name = file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
        return parse(display, name, PipelineFiles.read(file));
    }

    /**
     * Reads catalog {@code name} from {@code text}; {@code source} names it in messages (a file, a resource).
     *
     * @throws YamlException when the text is wrong
     */
    public static YamlCatalog parse(String source, String name, String text) {
        if (!NAME.matcher(name).matches()) {
            throw new YamlException(source, "'" + name + "' is not a catalog name: use 1-64 letters, digits, '_' or"
                    + " '-', starting with a letter or digit (no '.': it separates a catalog from its pipeline)");
        }
        YamlNode node = YamlTree.read(source, text);
        if (node == null) throw new YamlException(source, 1, 1, "the file is empty; a catalog needs 'steps' or 'pipelines'");
        Value root = new Value(source, node, "");
        if (!root.isMapping()) {
            throw root.error("expected a map of catalog settings (steps, pipelines, ...) at the top level, got "
                    + root.describe());
        }
        Problems problems = new Problems();
        Fields fields = root.fields(CATALOG_KEYS, problems);
        problems.attempt(() -> fields.get("name").ifPresent(v -> {
            if (!v.text().equals(name)) {
                throw v.error("'" + v.text() + "' differs from the file name '" + name + "'; rename the file or remove the key");
            }
        }));
        String description = problems.attempt(() -> fields.get("description").map(Value::text).orElse(""));
        Map<String, Step> steps = fields.get("steps").map(v -> PipelineReader.definitions(v, problems)).orElse(Map.of());
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        problems.attempt(() -> fields.get("pipelines").ifPresent(v -> {
            for (Member m : v.members()) pipelines(name, m, steps, problems).forEach(pipelines::put);
        }));
        if (steps.isEmpty() && pipelines.isEmpty() && !fields.missingBesideUnknownKeys("steps")) {
            problems.add(root.error("a catalog needs 'steps' or 'pipelines'"));
        }
        problems.throwIfAny();
        return new YamlCatalog(name, description, steps, pipelines);
    }

    /** Pipeline {@code m} of catalog {@code catalog}, named {@code <catalog>.<key>}, its references checked. */
    private static Map<String, Pipeline> pipelines(String catalog, Member m, Map<String, Step> steps, Problems problems) {
        Pipeline read = problems.attempt(() -> PipelineReader.pipeline(m.value(), m.key(), 1));
        problems.attempt(() -> checkReferences(m.value(), steps));
        if (read == null) return Map.of();
        try {
            Pipeline named = read.withName(catalog + "." + m.key());
            Step[] definitions = steps.values().stream().filter(s -> s.kind() != Step.Kind.REFERENCE).toArray(Step[]::new);
            return Map.of(m.key(), definitions.length == 0 ? named : named.define(definitions)); // one without run is reported
        } catch (InvalidPipelineException e) {
            problems.add(m.value().errorAt(m.mark(), e.getMessage()));
            return Map.of();
        }
    }

    /** Every step of {@code pipeline} without {@code run} must name one of the catalog's {@code steps}. */
    private static void checkReferences(Value pipeline, Map<String, Step> steps) {
        if (!pipeline.isMapping()) return; // the pipeline reader reports it
        Problems problems = new Problems();
        for (Member field : pipeline.members()) {
            if (!field.key().equals("steps") || !field.value().isSequence()) continue;
            for (Value item : field.value().items()) {
                if (!item.isMapping()) continue;
                Map<String, Value> keys = new LinkedHashMap<>();
                item.members().forEach(k -> keys.put(k.key(), k.value()));
                Value name = keys.get("name");
                if (keys.containsKey("run") || name == null || name.scalar() == null) continue;
                if (!steps.containsKey(name.text())) {
                    String closest = Suggestions.closest(name.text(), steps.keySet());
                    problems.add(name.error("step '" + name.text() + "' has no 'run' and is not a step of this catalog "
                            + (closest != null ? "(did you mean '" + closest + "'?)"
                            : steps.isEmpty() ? "(it defines none)" : "(steps: " + String.join(", ", steps.keySet()) + ")")));
                }
            }
        }
        problems.throwIfAny();
    }
}
