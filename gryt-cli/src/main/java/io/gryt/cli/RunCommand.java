package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code gryt run <pipeline>}: runs {@code .gryt/pipelines/<pipeline>.yaml} and records the run. */
@Command(name = "run", description = "Run a pipeline from .gryt/pipelines/<pipeline>.yaml and record it.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Parameters(paramLabel = "<pipeline>", description = "The pipeline's name (its file name without .yaml).")
    String name;

    @Option(names = "--runners", paramLabel = "N", description = "Run up to N steps at once (overrides the file).")
    Integer runners;

    @Override
    public Integer call() {
        ProjectLayout layout = gryt.project();
        try (Gryt g = Gryt.open(layout.root())) {
            Recovered.report(g, gryt.err);
            Pipeline pipeline = g.pipeline(name);
            if (runners != null) pipeline = pipeline.runners(runners);
            return Runs.runToConsole(g, pipeline, gryt);
        }
    }
}
