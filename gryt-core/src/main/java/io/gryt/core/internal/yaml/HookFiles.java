package io.gryt.core.internal.yaml;

import io.gryt.core.internal.hook.HookSettings;

import java.nio.file.Files;
import java.nio.file.Path;

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
        if (!Files.exists(file)) return HookSettings.NONE;
        YamlNode root = YamlTree.read(file.toString(), PipelineFiles.read(file));
        if (root == null) return HookSettings.NONE;
        return HookReader.settings(new Value(file.toString(), root, ""), projectDir);
    }
}
