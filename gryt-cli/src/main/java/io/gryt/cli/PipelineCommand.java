package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.core.catalog.Catalogs;
import io.gryt.core.config.ConfigFile;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gryt pipeline new <name> --from catalog:<catalog>.<pipeline>}: a pipeline file from a catalog's pipeline. */
@Command(name = "pipeline", description = "Pipeline files: new (from a catalog).",
        subcommands = {PipelineCommand.New.class})
final class PipelineCommand implements Callable<Integer> {
    static final String CATALOG_PREFIX = "catalog:";

    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("pipeline");
    }

    /** {@code gryt pipeline new <name> --from catalog:go.release}. */
    @Command(name = "new", description = "Write .gryt/pipelines/<name>.yaml from a catalog's pipeline (never overwrites).")
    static final class New implements Callable<Integer> {
        @ParentCommand
        PipelineCommand parent;

        @Parameters(paramLabel = "<name>", description = "The new pipeline's name (its file name).")
        String name;

        @Option(names = "--from", required = true, paramLabel = "catalog:<catalog>.<pipeline>",
                description = "The catalog pipeline to start from, e.g. catalog:go.release (gryt catalog list).")
        String from;

        @Override
        public Integer call() {
            ProjectLayout layout = parent.gryt.project();
            Catalogs catalogs = new Catalogs(layout.catalogsDir(), Catalogs.serviceLoaded(parent.gryt.plugins().loader()));
            if (!from.startsWith(CATALOG_PREFIX)) {
                throw new BadInputException("--from " + from + ": expected catalog:<catalog>.<pipeline>, e.g. catalog:go.release"
                        + " (catalogs: " + String.join(", ", catalogs.names()) + ")");
            }
            String reference = from.substring(CATALOG_PREFIX.length());
            Path file;
            try {
                file = catalogs.writePipeline(layout.pipelinesDir(), checked(name), reference, "from catalog pipeline "
                        + reference + " (gryt pipeline new " + name + " --from " + from + "): edit freely");
            } catch (BadInputException e) {
                throw new BadInputException(e.getMessage().replace(layout.pipelinesDir().toString(),
                        layout.display(layout.pipelinesDir())), e);
            }
            parent.gryt.out.println("created " + layout.display(file) + " from " + reference);
            String catalog = reference.substring(0, reference.indexOf('.'));
            if (!ConfigFile.load(layout.configFile()).isSet(ConfigKey.CATALOG)) {
                ConfigFile.set(layout.configFile(), ConfigKey.CATALOG.name(), catalog);
                parent.gryt.out.println("set catalog: " + catalog + " in " + layout.display(layout.configFile())
                        + " (plain step names such as test resolve in it)");
            }
            parent.gryt.out.println("next: gryt run " + name);
            return ExitCodes.OK;
        }

        private static String checked(String name) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new BadInputException("invalid pipeline name '" + name
                        + "': use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            return name;
        }
    }
}
