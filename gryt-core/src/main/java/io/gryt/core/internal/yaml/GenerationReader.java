package io.gryt.core.internal.yaml;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.core.format.Versions;
import io.gryt.core.internal.yaml.Value.Member;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a generation file that a schema cannot express: the version is SemVer and names the file,
 * change ids are unique, the pipeline template is a name, a hot-fix patches an earlier version. They are
 * checked on whatever fields have a usable value, so that a file's schema problems and these are reported
 * together. Whether the pipeline exists is not checked: that matters when an evolution runs it, not when the
 * contract is read. Then the document as a {@link Generation}.
 */
final class GenerationReader {
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();

    private GenerationReader(Path file) {
        this.file = file;
    }

    /** What is wrong with {@code root} beyond its shape; empty when nothing is. */
    static List<Problem> problems(Path file, YamlNode root) {
        GenerationReader reader = new GenerationReader(file);
        reader.check(new Value(file.toString(), root, ""));
        return reader.problems;
    }

    /** The draft generation in {@code root}, which has the schema's shape and no {@link #problems}. */
    static Generation generation(Path file, YamlNode root) {
        Map<String, Value> fields = fields(new Value(file.toString(), root, ""));
        Value description = fields.get("description");
        Value template = fields.get("pipeline_template");
        Value hotfixOf = fields.get("hotfix_of");
        List<Change> changes = new ArrayList<>();
        for (Value item : fields.get("changes").items()) {
            Map<String, Value> f = fields(item);
            Value changeDescription = f.get("description");
            Value changePipeline = f.get("pipeline");
            changes.add(new Change(f.get("id").text(), ChangeType.parse(f.get("type").text()).orElseThrow(),
                    f.get("title").text(), changeDescription == null ? null : changeDescription.text(),
                    changePipeline == null ? null : changePipeline.text()));
        }
        Generation parsed = new Generation(fields.get("version").text(), description == null ? "" : description.text(),
                changes, template == null ? null : template.text(), hotfixOf == null ? null : hotfixOf.text(),
                GenerationStatus.DRAFT, null, null);
        return new Generation(parsed.version(), parsed.description(), parsed.changes(), parsed.pipelineTemplate(),
                parsed.hotfixOf(), GenerationStatus.DRAFT, ContractHash.of(parsed), null);
    }

    private void check(Value root) {
        if (!root.isMapping()) return; // the schema says what the top level should be
        Map<String, Value> fields = fields(root);
        String version = text(fields.get("version"));
        if (version != null) checkVersion(fields.get("version"), version);
        String base = text(fields.get("hotfix_of"));
        if (base != null) checkHotfixOf(fields.get("hotfix_of"), base, version);
        Value changes = fields.get("changes");
        if (changes != null && changes.isSequence()) checkIds(changes);
        String template = text(fields.get("pipeline_template"));
        if (template != null && !PIPELINE_NAME.matcher(template).matches()) {
            problem(fields.get("pipeline_template"), GenerationSchema.quote(template) + " is not a pipeline name");
        }
    }

    private void checkVersion(Value at, String text) {
        if (!Versions.isValid(text)) {
            problem(at, GenerationSchema.quote(text)
                    + " is not a SemVer version (vMAJOR.MINOR.PATCH with no leading zeros, e.g. v2.2.0)");
            return;
        }
        String fileName = file.getFileName().toString();
        if (!fileName.equals(text + ".yaml")) {
            problem(at, "'" + text + "' differs from the file name '" + fileName
                    + "'; a generation is written in <version>.yaml (rename the file or fix the version)");
        }
    }

    private void checkHotfixOf(Value at, String base, String version) {
        if (!Versions.isValid(base)) {
            problem(at, GenerationSchema.quote(base)
                    + " is not a SemVer version (vMAJOR.MINOR.PATCH with no leading zeros, e.g. v2.1.0)");
        } else if (version != null && Versions.isValid(version) && Versions.ORDER.compare(base, version) >= 0) {
            problem(at, "'" + base + "' is not earlier than this generation's version " + version
                    + "; a hot-fix patches an earlier release");
        }
    }

    private void checkIds(Value list) {
        Map<String, Value> ids = new HashMap<>();
        for (Value item : list.items()) {
            if (!item.isMapping()) continue;
            Value idValue = fields(item).get("id");
            String id = text(idValue);
            if (id == null) continue;
            if (!Change.isValidId(id)) { // the schema's pattern, minus what its '$' lets through
                problem(idValue, GenerationSchema.invalidId(id));
                continue;
            }
            Value first = ids.putIfAbsent(id, idValue);
            if (first != null) {
                problem(idValue, "duplicate change id '" + id + "' (first at line " + first.mark().line() + ")");
            }
        }
    }

    private void problem(Value at, String message) {
        problems.add(new Problem(at.mark(), at.path(), message));
    }

    /** The text of a value written as a scalar, or null (absent, null, a list or a map: the schema says so). */
    private static String text(Value v) {
        return v == null || v.scalar() == null ? null : v.text();
    }

    private static Map<String, Value> fields(Value map) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Member m : map.members()) fields.put(m.key(), m.value());
        return fields;
    }
}
