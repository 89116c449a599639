package io.gryt.core.internal.yaml;

import io.gryt.api.BadInputException;
import io.gryt.api.release.ChangeType;
import io.gryt.core.internal.hook.HookSettings;
import io.gryt.core.internal.policy.PolicyHooks;
import io.gryt.core.policy.PolicyRule.CustomHook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's hook file, {@code .gryt/hooks.yaml}:
 *
 * <pre>{@code
 * timeout: 30s                     # for every hook that sets none (30s by default)
 * hooks:
 *   - name: approval
 *     on: promotion.starting       # one event type or a list; every event when absent
 *     run: ["./ci/approve.sh"]     # a list is an argument vector, a text runs with sh -c
 *     timeout: 10s
 * on_change_type:                  # steps added to evolutions proving changes of a type
 *   fix: [security-scan]
 *   add: [e2e]
 * }</pre>
 */
public final class HookFiles {
    private HookFiles() {
    }

    /**
     * The settings in {@code file}; {@link HookSettings#NONE} when there is no such file or it is empty. Command hooks
     * run in {@code projectDir}.
     *
     * @throws YamlException naming every mistake of the file
     */
    public static HookSettings load(Path file, Path projectDir) {
        return load(file, file.toString(), projectDir);
    }

    /** As {@link #load(Path, Path)}, naming the file {@code display} in messages. */
    public static HookSettings load(Path file, String display, Path projectDir) {
        if (!Files.exists(file)) return HookSettings.NONE;
        YamlNode root = YamlTree.read(display, PipelineFiles.read(file));
        if (root == null) return HookSettings.NONE;
        return HookReader.settings(new Value(display, root, ""), projectDir);
    }

    /**
     * The text of hook file {@code file} with the hooks equivalent to the original tool's {@code custom} policies
     * {@code rules} added (what {@code gryt policy convert} writes): the file as it is, then a {@code hooks:} list;
     * a new file when there is none. A disabled policy is only named in a comment.
     *
     * @throws BadInputException when the file has its own {@code hooks:} list (it is not rewritten: the message gives
     *                           the lines to add) or a hook of the same name, or cannot be read
     */
    public static String withPolicyHooks(Path file, String display, List<CustomHook> rules, Path projectDir) {
        String text = Files.exists(file) ? PipelineFiles.read(file) : "";
        YamlNode root = text.isBlank() ? null : YamlTree.read(display, text);
        List<String> items = new ArrayList<>();
        for (CustomHook rule : rules) items.add(entry(rule, projectDir));
        boolean adding = rules.stream().anyMatch(CustomHook::enabled);
        if (root != null) {
            HookSettings existing = load(file, display, projectDir); // refuses a broken file before anything is added to it
            for (CustomHook rule : rules.stream().filter(CustomHook::enabled).toList()) {
                if (existing.hooks().stream().anyMatch(h -> h.name().equals(rule.name()))) {
                    throw new BadInputException(display + " already has a hook named '" + rule.name()
                            + "': rename one of them, then convert again");
                }
            }
            if (adding && root instanceof YamlNode.Mapping map && map.entries().containsKey("hooks")) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) if (rules.get(i).enabled()) lines.add("'- " + items.get(i) + "'");
                throw new BadInputException(display + " has its own hooks: list, which gryt does not rewrite; add "
                        + String.join(" and ", lines) + " to it, then convert again");
            }
        }
        StringBuilder b = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) b.append('\n');
        b.append("# The custom policies of .gryt/policies.yaml, converted by gryt policy convert (docs/hooks.md)\n");
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.get(i).enabled()) b.append("# disabled in policies.yaml, not converted: ").append(items.get(i)).append('\n');
        }
        if (adding) b.append("hooks:\n");
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).enabled()) b.append("  - ").append(items.get(i)).append('\n');
        }
        return b.toString();
    }

    /** One hook as a flow mapping: {@code {name: x, on: [...], run: "...", change_types: [...]}}. */
    private static String entry(CustomHook rule, Path projectDir) {
        StringBuilder b = new StringBuilder("{name: ").append(YamlScalars.quoted(rule.name()))
                .append(", on: [").append(String.join(", ", PolicyHooks.EVENTS.stream().sorted().toList())).append(']')
                .append(", run: ").append(YamlScalars.quoted(PolicyHooks.commandLine(rule.command(), projectDir)));
        if (!rule.changeTypes().isEmpty()) {
            List<String> types = new ArrayList<>();
            for (ChangeType t : ChangeType.values()) if (rule.changeTypes().contains(t)) types.add(t.label());
            b.append(", change_types: [").append(String.join(", ", types)).append(']');
        }
        return b.append('}').toString();
    }
}
