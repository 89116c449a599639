package io.gryt.core.yaml;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.core.release.Versions;
import io.gryt.core.yaml.Value.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a generation file that a schema cannot express, checked on a document that has the schema's
 * shape: the version is SemVer and names the file, change ids are unique, the pipeline template exists, a
 * hot-fix patches an earlier version. Then the document as a {@link Generation}.
 */
final class GenerationReader {
    private final Path file;
    private final Path pipelinesDir;
    private final List<Problem> problems = new ArrayList<>();

    private GenerationReader(Path file, Path pipelinesDir) {
        this.file = file;
        this.pipelinesDir = pipelinesDir;
    }

    /** The draft generation in {@code root}, which has the schema's shape. */
    static Generation generation(Path file, YamlNode root, Path pipelinesDir) {
        return new GenerationReader(file, pipelinesDir).read(new Value(file.toString(), root, ""));
    }

    private Generation read(Value root) {
        Map<String, Value> fields = fields(root);
        Value version = fields.get("version");
        Value hotfixOf = fields.get("hotfix_of");
        Value template = fields.get("pipeline_template");
        checkVersion(version);
        if (hotfixOf != null) checkHotfixOf(hotfixOf, version.text());
        List<Change> changes = changes(fields.get("changes"));
        checkPipeline(template);
        if (!problems.isEmpty()) throw Problem.report(file.toString(), problems);

        Value description = fields.get("description");
        Generation parsed = new Generation(version.text(), description == null ? "" : description.text(), changes,
                template.text(), hotfixOf == null ? null : hotfixOf.text(), GenerationStatus.DRAFT, null, null);
        return new Generation(parsed.version(), parsed.description(), parsed.changes(), parsed.pipelineTemplate(),
                parsed.hotfixOf(), GenerationStatus.DRAFT, ContractHash.of(parsed), null);
    }

    private void checkVersion(Value version) {
        String text = version.text();
        if (!Versions.isValid(text)) {
            problem(version, GenerationSchema.quote(text)
                    + " is not a SemVer version (vMAJOR.MINOR.PATCH with no leading zeros, e.g. v2.2.0)");
            return;
        }
        String fileName = file.getFileName().toString();
        if (!fileName.equals(text + ".yaml")) {
            problem(version, "'" + text + "' differs from the file name '" + fileName
                    + "'; a generation is written in <version>.yaml (rename the file or fix the version)");
        }
    }

    private void checkHotfixOf(Value hotfixOf, String version) {
        String base = hotfixOf.text();
        if (!Versions.isValid(base)) {
            problem(hotfixOf, GenerationSchema.quote(base)
                    + " is not a SemVer version (vMAJOR.MINOR.PATCH with no leading zeros, e.g. v2.1.0)");
        } else if (Versions.isValid(version) && Versions.ORDER.compare(base, version) >= 0) {
            problem(hotfixOf, "'" + base + "' is not earlier than this generation's version " + version
                    + "; a hot-fix patches an earlier release");
        }
    }

    private List<Change> changes(Value list) {
        List<Change> changes = new ArrayList<>();
        Map<String, Value> ids = new HashMap<>();
        for (Value item : list.items()) {
            Map<String, Value> f = fields(item);
            Value idValue = f.get("id");
            String id = idValue.text();
            if (!Change.isValidId(id)) { // the schema's pattern, minus what its '$' lets through
                problem(idValue, GenerationSchema.invalidId(id));
                continue;
            }
            Value first = ids.putIfAbsent(id, idValue);
            if (first != null) {
                problem(idValue, "duplicate change id '" + id + "' (first at line " + first.mark().line() + ")");
                continue;
            }
            Value description = f.get("description");
            changes.add(new Change(id, ChangeType.parse(f.get("type").text()).orElseThrow(), f.get("title").text(),
                    description == null ? null : description.text()));
        }
        return changes;
    }

    private void checkPipeline(Value template) {
        String name = template.text();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problem(template, GenerationSchema.quote(name) + " is not a pipeline name");
            return;
        }
        Path yaml = pipelinesDir.resolve(name + ".yaml");
        if (Files.isRegularFile(yaml) || Files.isRegularFile(pipelinesDir.resolve(name + ".yml"))) return;
        List<String> available = PipelineFiles.available(pipelinesDir);
        problem(template, "no pipeline '" + name + "': " + yaml + " does not exist" + (available.isEmpty()
                ? " (there are no pipelines in " + pipelinesDir + " yet)"
                : " (available: " + String.join(", ", available) + ")"));
    }

    private void problem(Value at, String message) {
        problems.add(new Problem(at.mark(), at.path(), message));
    }

    private static Map<String, Value> fields(Value map) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Member m : map.members()) fields.put(m.key(), m.value());
        return fields;
    }
}
