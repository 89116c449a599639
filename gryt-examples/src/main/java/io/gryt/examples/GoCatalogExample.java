package io.gryt.examples;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.template.ProjectTemplates;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The product spec's Go CI catalog: the built-in catalog {@code go} (lint, test, build, security steps and a
 * {@code release} pipeline of three runners), used by a new Go project ({@code gryt new go}) whose first release
 * contract {@code v0.1.0} is then proven by an evolution. Where Go is not installed it shows the catalog pipeline and
 * says which tool is missing instead of running it.
 *
 * <pre>
 * mvn -q -B -pl gryt-examples -am package exec:java -DskipTests -Dgryt.docs.skip=true -Dexec.mainClass=io.gryt.examples.GoCatalogExample
 * </pre>
 */
public final class GoCatalogExample {
    private GoCatalogExample() {
    }

    /**
     * Creates the Go project in {@code dir} (a new or empty directory), prints the catalog pipeline and proves
     * {@code v0.1.0} when the tools are on {@code path}.
     *
     * @return 0 when the evolution passed or could not run for a missing tool (said on {@code out}), 1 when it failed
     */
    public static int run(Path dir, String path, PrintStream out) {
        ProjectTemplates.Created project = ProjectTemplates.create("go", dir, path);
        out.println("created a Go project in " + project.dir() + " (" + project.files().size() + " files)");
        try (Gryt gryt = Gryt.open(project.dir())) {
            Pipeline release = gryt.catalogs().pipeline("go.release");
            out.println("catalog pipeline go.release (" + release.runners() + " runners):");
            for (Step step : gryt.resolve(release)) out.println("  " + describe(step));
            if (!project.missingTools().isEmpty()) {
                out.println("v0.1.0 not proven: " + String.join(", ", project.missingTools())
                        + " not found on the PATH (install Go, https://go.dev/dl/, and run this again)");
                return 0;
            }
            Evolution evolution = gryt.evolve(ProjectTemplates.FIRST_VERSION)
                    .proving(ProjectTemplates.FIRST_CHANGE).start();
            out.println("evolution " + evolution.tag() + " proving " + evolution.changes() + ": "
                    + evolution.status().label());
            return evolution.status() == EvolutionStatus.PASS ? 0 : 1;
        }
    }

    /** {@code build (after lint, test): go build -o bin/ ./...}. */
    static String describe(Step step) {
        String command = step.script().orElseGet(() -> String.join(" ", step.command()));
        List<String> after = step.dependsOn();
        return step.name() + (after.isEmpty() ? "" : " (after " + String.join(", ", after) + ")") + ": " + command;
    }

    /** Runs the example in the directory given, or in a new temporary one. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gryt-go-example");
        System.exit(run(dir, System.getenv().getOrDefault("PATH", ""), System.out));
    }
}
