package io.gryt.core.internal.yaml;

import io.gryt.api.release.Generation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generation files: the release contracts in {@code .gryt/generations/vX.Y.Z.yaml}.
 *
 * <pre>{@code
 * version: v2.2.0                          # the file's name
 * description: "Payment gateway overhaul"  # optional
 * changes:                                 # [] while none are declared yet
 *   - type: fix                            # fix, refine, add or remove
 *     id: PAY-001                          # unique here: letters, digits, '-', '.', '_'
 *     title: "Race condition in refund webhook"
 *     description: "optional longer text"
 * pipeline_template: release-pipeline     # optional: .gryt/pipelines/release-pipeline.yaml; without it,
 *                                          # the project setting pipeline_template (ci unless set)
 * hotfix_of: v2.1.0                        # only in a hot-fix: the promoted generation it patches
 * }</pre>
 *
 * A file is checked against the JSON schema {@code generation.schema.json} (next to this class), then against
 * the rules a schema cannot express: the version is SemVer and names the file, change ids are unique,
 * {@code hotfix_of} is an earlier version. Every mistake in the file is reported, one line each naming the file,
 * line, column and field, in one {@link YamlException}. Reading a contract never looks at the pipelines: whether
 * the pipeline exists matters when an evolution runs it, not when the contract (or its history) is read. Stable.
 */
public final class GenerationFiles {
    private GenerationFiles() {
    }

    /**
     * Reads and validates a generation file. The result is a {@link io.gryt.api.release.GenerationStatus#DRAFT
     * draft} with its {@link #contractHash} and no promotion time. A generation with no changes is valid: it
     * can be created and filled in, and promotion refuses it. Its pipeline template is {@code null} when the file
     * names none (the project's default pipeline proves it).
     *
     * @param file {@code .gryt/generations/<version>.yaml}
     * @throws YamlException when the file cannot be read or is wrong: every problem in it, one line each
     */
    public static Generation parse(Path file) {
        return parse(file, read(file));
    }

    /** The text of generation file {@code file} (UTF-8, without a byte order mark), which {@link #parse(Path, String)} reads. */
    public static String read(Path file) {
        return PipelineFiles.read(file);
    }

    /** {@link #parse(Path)} of {@code text}, read from {@code file} (which the problems name). */
    public static Generation parse(Path file, String text) {
        YamlNode root = YamlTree.read(file.toString(), text);
        if (root == null) {
            throw new YamlException(file.toString(), 1, 1, "the file is empty; a generation needs version and changes");
        }
        List<Problem> problems = new ArrayList<>(GenerationSchema.problems(root));
        Set<String> reported = new HashSet<>();
        problems.forEach(p -> reported.add(p.path()));
        for (Problem p : GenerationReader.problems(file, root)) {
            if (reported.add(p.path())) problems.add(p); // one problem per field: the schema's says it already
        }
        if (!problems.isEmpty()) throw Problem.report(file.toString(), problems);
        return GenerationReader.generation(file, root);
    }

    /**
     * The text of a new generation file, which {@link #parse} reads back to the same contract. It starts with a
     * comment explaining the format; with no changes, {@code changes: []} is followed by commented examples to
     * fill in. Without a pipeline template the key is left out (the project's default pipeline proves it).
     */
    public static String render(Generation generation) {
        return GenerationWriter.toYaml(generation);
    }

    /**
     * The lower-case hex SHA-256 of the generation's contract: its version, description, {@code hotfix_of},
     * pipeline template and changes (type, id, title, description) in file order. Layout, quoting, key order and
     * comments in the file do not change it; any change of content does. Status, promotion time and a stored
     * hash are not part of the contract.
     *
     * <p>The hash is taken over the UTF-8 bytes of this canonical form: the line
     * {@code gryt-generation-contract 1}, then one line per field, {@code <name> <length>:<value>}, where the
     * length is the value's size in UTF-8 bytes (so a value may hold anything, line breaks included), and an
     * absent optional value is the empty text; changes follow their count, each as its four fields:
     *
     * <pre>
     * gryt-generation-contract 1
     * version 6:v2.2.0
     * description 24:Payment gateway overhaul
     * hotfix_of 0:
     * pipeline_template 16:release-pipeline
     * changes 1
     * type 3:fix
     * id 7:PAY-001
     * title 32:Race condition in refund webhook
     * description 0:
     * </pre>
     */
    public static String contractHash(Generation generation) {
        return ContractHash.of(generation);
    }
}
