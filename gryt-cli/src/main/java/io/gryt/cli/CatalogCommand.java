package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.catalog.Catalogs;
import io.gryt.core.catalog.FoundCatalog;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gryt catalog list|show}: the catalogs a project sees (its own, registered, built-in). Works outside a project. */
@Command(name = "catalog", description = "Reusable steps and pipelines by ecosystem: list, show.",
        subcommands = {CatalogCommand.ListCatalogs.class, CatalogCommand.Show.class})
final class CatalogCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("catalog");
    }

    /** The catalogs of the project around the working directory, or only the registered and built-in ones outside one. */
    Catalogs catalogs() {
        return catalogsOf(gryt);
    }

    static Catalogs catalogsOf(GrytCommand gryt) {
        return new Catalogs(ProjectLayout.find(gryt.workingDir()).map(ProjectLayout::catalogsDir).orElse(null),
                Catalogs.serviceLoaded(gryt.plugins().loader()));
    }

    static String origin(FoundCatalog f) {
        return f.origin().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code gryt catalog list [--json]}. */
    @Command(name = "list", description = "List the catalogs: name, origin, pipelines, description.")
    static final class ListCatalogs implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<FoundCatalog> all = parent.catalogs().all();
            if (json) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (FoundCatalog f : all) arr.add(json(f));
                Json.print(parent.gryt.out, arr);
                return ExitCodes.OK;
            }
            Table t = new Table("CATALOG", "ORIGIN", "PIPELINES", "STEPS", "DESCRIPTION");
            for (FoundCatalog f : all) {
                t.row(f.name(), origin(f), String.join(", ", f.catalog().pipelines().keySet()),
                        String.join(", ", f.catalog().steps().keySet()), f.catalog().description());
            }
            t.print(parent.gryt.out);
            parent.gryt.out.println("use one: pipeline_template: go.release in a generation, or gryt pipeline new NAME --from catalog:go.release");
            return ExitCodes.OK;
        }
    }

    /** {@code gryt catalog show <name> [--json]}. */
    @Command(name = "show", description = "Show a catalog's steps (what each runs) and pipelines.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Parameters(paramLabel = "<catalog>", description = "The catalog's name (go, python, ...).")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            FoundCatalog f = parent.catalogs().require(name);
            if (json) {
                Json.print(parent.gryt.out, json(f));
                return ExitCodes.OK;
            }
            var out = parent.gryt.out;
            out.println("catalog " + f.name() + " (" + origin(f) + f.file().map(p -> ", " + p).orElse("") + ")");
            if (!f.catalog().description().isBlank()) out.println(f.catalog().description());
            out.println();
            out.println("steps:");
            Table steps = new Table("  STEP", "RUNS", "TIMEOUT");
            f.catalog().steps().forEach((n, s) -> steps.row("  " + f.name() + "." + n, runs(s),
                    s.timeout().map(DurationText::of).orElse("")));
            steps.print(out);
            out.println();
            out.println("pipelines:");
            for (Map.Entry<String, Pipeline> p : f.catalog().pipelines().entrySet()) {
                out.println("  " + f.name() + "." + p.getKey() + " (runners " + p.getValue().runners() + "): "
                        + String.join(", ", Catalogs.dependencies(p.getValue()).entrySet().stream()
                        .map(CatalogCommand::describe).toList()));
            }
            return ExitCodes.OK;
        }
    }

    private static String describe(Map.Entry<String, List<String>> s) {
        return s.getValue().isEmpty() ? s.getKey() : s.getKey() + " (after " + String.join(", ", s.getValue()) + ")";
    }

    static String runs(Step s) {
        return switch (s.kind()) {
            case COMMAND -> String.join(" ", s.command());
            case SHELL -> s.script().orElse("");
            case ACTION -> "(Java action)";
            case REFERENCE -> "(reference)";
        };
    }

    private static ObjectNode json(FoundCatalog f) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", f.name()).put("origin", origin(f)).put("description", f.catalog().description());
        f.file().ifPresent(p -> o.put("file", p.toString()));
        ObjectNode steps = o.putObject("steps");
        f.catalog().steps().forEach((n, s) -> steps.put(n, runs(s)));
        ObjectNode pipelines = o.putObject("pipelines");
        f.catalog().pipelines().forEach((n, p) -> {
            ArrayNode names = pipelines.putObject(n).put("runners", p.runners()).putArray("steps");
            p.steps().forEach(s -> names.add(s.name()));
        });
        return o;
    }
}
