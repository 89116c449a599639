package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.spi.Catalog;
import io.gryt.api.spi.Hook;
import io.gryt.api.spi.PromotionGate;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code gryt plugins [--json]}: the plugin jars found ({@code .gryt/plugins/}, {@code GRYT_PLUGINS}), whether each
 * loaded, and the gates, hooks and catalogs each one provides. Works outside a project (then only
 * {@code GRYT_PLUGINS}).
 */
@Command(name = "plugins", description = "List the plugin jars (.gryt/plugins/, GRYT_PLUGINS) and the gates, hooks and"
        + " catalogs they provide.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Plugins plugins = gryt.plugins();
        Path base = ProjectLayout.find(gryt.workingDir()).map(ProjectLayout::root).orElse(gryt.workingDir());
        List<Provided> provided = new ArrayList<>();
        for (Class<?> service : Plugins.SERVICES) {
            for (Object p : ServiceLoader.load(service, plugins.loader())) {
                plugins.jarOf(p.getClass()).ifPresent(jar -> provided.add(new Provided(kind(p), name(p), p.getClass().getName(),
                        display(base, jar.path()))));
            }
        }
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode jars = root.putArray("jars");
            for (Plugins.Jar jar : plugins.jars()) {
                ObjectNode n = jars.addObject().put("path", display(base, jar.path())).put("from", jar.origin())
                        .put("loaded", jar.problem().isEmpty());
                jar.problem().ifPresent(problem -> n.put("problem", problem));
            }
            ArrayNode services = root.putArray("provides");
            for (Provided p : provided) {
                services.addObject().put("kind", p.kind()).put("name", p.name()).put("class", p.type()).put("jar", p.jar());
            }
            Json.print(gryt.out, root);
            return ExitCodes.OK;
        }
        if (plugins.jars().isEmpty()) {
            gryt.out.println("no plugins: put jars in .gryt/plugins/ or name them in " + Plugins.VARIABLE);
            return ExitCodes.OK;
        }
        Table jars = new Table("JAR", "FROM", "STATUS");
        for (Plugins.Jar jar : plugins.jars()) {
            jars.row(display(base, jar.path()), jar.origin(), jar.problem().map(p -> "broken: " + p).orElse("loaded"));
        }
        jars.print(gryt.out);
        if (!provided.isEmpty()) {
            gryt.out.println();
            Table t = new Table("KIND", "NAME", "CLASS", "JAR");
            for (Provided p : provided) t.row(p.kind(), p.name(), p.type(), p.jar());
            t.print(gryt.out);
        }
        return ExitCodes.OK;
    }

    private static String kind(Object service) {
        if (service instanceof PromotionGate) return "gate";
        if (service instanceof Hook) return "hook";
        return "catalog";
    }

    private static String name(Object service) {
        try {
            if (service instanceof PromotionGate g) return g.name();
            if (service instanceof Hook h) {
                return h.name() + (h.events().isEmpty() ? "" : " (on " + String.join(", ", h.events().stream().sorted().toList()) + ")");
            }
            return ((Catalog) service).name();
        } catch (RuntimeException e) {
            return service.getClass().getSimpleName();
        }
    }

    private static String display(Path base, Path jar) {
        return jar.startsWith(base) ? base.relativize(jar).toString() : jar.toString();
    }

    private record Provided(String kind, String name, String type, String jar) {
    }
}
