package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.core.Gryt;
import io.gryt.core.run.StepSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gryt run <pipeline>}: runs {@code .gryt/pipelines/<pipeline>.yaml} (all of it, {@code --only} some
 * steps or {@code --from} a step on) and records the run; shows it live on a terminal, as plain lines
 * elsewhere, or as JSON.
 */
@Command(name = "run", description = "Run a pipeline from .gryt/pipelines/<pipeline>.yaml and record it.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Parameters(paramLabel = "<pipeline>", description = "The pipeline's name (its file name without .yaml).")
    String name;

    @Option(names = "--runners", paramLabel = "N", description = "Run up to N steps at once (overrides the file).")
    Integer runners;

    @Option(names = "--only", paramLabel = "<step>", split = ",",
            description = "Run only this step (repeatable, or comma-separated); its dependencies outside the selection"
                    + " are taken as satisfied and do not run.")
    List<String> only;

    @Option(names = "--from", paramLabel = "<step>",
            description = "Run <step> and every step that depends on it, directly or not; nothing else.")
    String from;

    @Option(names = "--json", description = "Print the run's result as JSON when it ends, and nothing else.")
    boolean json;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Verbosity verbosity = output.verbosity(json);
        StepSelection selection = selection();
        try (Gryt g = gryt.openProject()) {
            Pipeline pipeline = g.pipeline(name);
            if (runners != null) pipeline = pipeline.runners(runners);
            return Runs.run(g, pipeline, gryt, selection, verbosity, json);
        }
    }

    private StepSelection selection() {
        if (only != null && from != null) throw new BadInputException("--only and --from cannot be used together");
        if (only != null) return StepSelection.only(only);
        return from == null ? StepSelection.ALL : StepSelection.from(from);
    }
}
