package io.gryt.core.internal.yaml;

import io.gryt.api.release.Change;
import io.gryt.api.release.Generation;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Generation} in the format {@link GenerationFiles#parse} reads, with a header comment that
 * explains the format. Identifiers (version, ids, pipeline name) are written plain when YAML reads them back as
 * the same text, else double-quoted; titles and descriptions are always double-quoted, with escapes for
 * whatever YAML would not keep as written.
 */
final class GenerationWriter {
    private static final String HEADER = """
            # A gryt generation: the release contract of one version. Evolutions prove its changes with the
            # pipeline; `gryt generation promote` releases it once every change is proven. Once promoted,
            # the contract is frozen: start a new generation for new changes.
            #
            #   version            vMAJOR.MINOR.PATCH, the same as this file's name
            #   description        what the release is about (optional)
            #   changes            what it promises, in order; each change has
            #                        type         fix, refine, add or remove
            #                        id           unique here: letters, digits, '-', '.', '_' (e.g. PAY-001)
            #                        title        one line
            #                        description  optional longer text
            #   pipeline_template  the pipeline in .gryt/pipelines/ that proves the changes (optional: without it,
            #                      the project setting pipeline_template, ci unless set)
            #   hotfix_of          for a hot-fix only: the promoted generation it patches
            """;
    private static final String NO_CHANGES_YET = """
            changes: []   # none yet: replace [] with the changes this release promises, like these:
            #  - type: fix
            #    id: PAY-001
            #    title: "Race condition in refund webhook"
            #    description: "Optional longer text"
            #  - type: add
            #    id: PAY-002
            #    title: "Support Apple Pay"
            """;
    /** Plain text YAML reads back as the same text: not a number, boolean, null or anything but a word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final Set<String> RESERVED = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    private GenerationWriter() {
    }

    static String toYaml(Generation g) {
        StringBuilder b = new StringBuilder(HEADER);
        b.append("version: ").append(identifier(g.version())).append('\n');
        b.append("description: ").append(YamlScalars.quoted(g.description())).append('\n');
        if (g.changes().isEmpty()) {
            b.append(NO_CHANGES_YET);
        } else {
            b.append("changes:\n");
            for (Change c : g.changes()) {
                b.append("  - type: ").append(c.type().label()).append('\n');
                b.append("    id: ").append(identifier(c.id())).append('\n');
                b.append("    title: ").append(YamlScalars.quoted(c.title())).append('\n');
                if (c.description() != null) b.append("    description: ").append(YamlScalars.quoted(c.description())).append('\n');
                if (c.pipeline() != null) b.append("    pipeline: ").append(identifier(c.pipeline())).append('\n');
            }
        }
        if (g.pipelineTemplate() != null) {
            b.append("pipeline_template: ").append(identifier(g.pipelineTemplate())).append('\n');
        }
        if (g.hotfixOf() != null) b.append("hotfix_of: ").append(identifier(g.hotfixOf())).append('\n');
        return b.toString();
    }

    private static String identifier(String value) {
        boolean plain = PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : YamlScalars.quoted(value);
    }
}
