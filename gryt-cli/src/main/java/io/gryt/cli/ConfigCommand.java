package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.core.config.ConfigFile;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.config.ProjectConfig;
import io.gryt.core.config.StoreUrls;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code gryt config list|get|set}: the project's settings in {@code .gryt/config.yaml}. */
@Command(name = "config", description = "Project settings in .gryt/config.yaml: list, get, set.",
        subcommands = {ConfigCommand.ListSettings.class, ConfigCommand.Get.class, ConfigCommand.Set.class})
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("config");
    }

    /** The names of the keys, for help and shell completion. */
    static final class Keys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ConfigKey.all().stream().map(ConfigKey::name).iterator();
        }
    }

    /** {@code gryt config list [--json]}. */
    @Command(name = "list", description = "Show every setting, its value and whether it is the default.")
    static final class ListSettings implements Callable<Integer> {
        @ParentCommand
        ConfigCommand parent;

        @Option(names = "--json", description = "Print the settings as JSON.")
        boolean json;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            ProjectLayout layout = gryt.project();
            ProjectConfig config = ConfigFile.load(layout.configFile());
            if (json) {
                ArrayNode settings = Json.MAPPER.createArrayNode();
                for (ConfigKey<?> key : ConfigKey.all()) {
                    ObjectNode n = settings.addObject();
                    n.put("key", key.name());
                    n.put("value", config.text(key).map(StoreUrls::redact).orElse(null));
                    n.put("default", !config.isSet(key));
                    n.put("description", key.description());
                }
                Json.print(gryt.out, settings);
                return ExitCodes.OK;
            }
            Table table = new Table("KEY", "VALUE", "SOURCE");
            String file = layout.display(layout.configFile());
            for (ConfigKey<?> key : ConfigKey.all()) {
                Optional<String> value = config.text(key);
                table.row(key.name(), value.map(StoreUrls::redact).orElse(null), config.isSet(key) ? file : value.isPresent() ? "default" : "not set");
            }
            table.print(gryt.out);
            return ExitCodes.OK;
        }
    }

    /** {@code gryt config get <key>}. */
    @Command(name = "get", description = "Print the value of a setting (its default when the file does not set it).")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ConfigCommand parent;

        @Parameters(paramLabel = "<key>", completionCandidates = Keys.class, description = "One of: ${COMPLETION-CANDIDATES}.")
        String key;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            ConfigKey<?> k = ConfigKey.named(key);
            Optional<String> value = ConfigFile.load(gryt.project().configFile()).text(k);
            if (value.isEmpty()) {
                gryt.err.println(UsageErrors.PREFIX + key + " is not set (and has no default)");
                return ExitCodes.FAILED;
            }
            gryt.out.println(value.get());
            return ExitCodes.OK;
        }
    }

    /** {@code gryt config set <key> <value>}. */
    @Command(name = "set", description = "Check a value and write it to .gryt/config.yaml (comments and other keys are kept).")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        ConfigCommand parent;

        @Parameters(index = "0", paramLabel = "<key>", completionCandidates = Keys.class, description = "One of: ${COMPLETION-CANDIDATES}.")
        String key;

        @Parameters(index = "1", paramLabel = "<value>", description = "The new value.")
        String value;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            ProjectLayout layout = gryt.project();
            ProjectConfig config = ConfigFile.set(layout.configFile(), key, value);
            gryt.out.println(key + " = " + StoreUrls.redact(config.text(ConfigKey.named(key)).orElseThrow())
                    + " (" + layout.display(layout.configFile()) + ")");
            return ExitCodes.OK;
        }
    }
}
