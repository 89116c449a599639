package io.gryt.maven;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.core.Gryt;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn gryt:run -Dgryt.pipeline=ci}: runs a pipeline of the project and fails the build when it fails. */
@Mojo(name = "run", threadSafe = true, requiresProject = false)
public final class RunMojo extends GrytMojo {
    /** The pipeline: {@code .gryt/pipelines/<name>.yaml}, or a catalog's ({@code maven.release}). */
    @Parameter(property = "gryt.pipeline", defaultValue = "ci")
    String pipeline;

    /** Made by Maven. */
    public RunMojo() {
    }

    @Override
    void execute(Gryt gryt) throws MojoFailureException {
        RunResult result = gryt.run(gryt.pipeline(pipeline));
        for (StepResult s : result.steps()) {
            getLog().info("gryt: " + s.status().label() + "  " + s.name()
                    + (s.error() == null ? "" : "  (" + s.error() + ")"));
        }
        getLog().info("gryt: run " + result.runId() + " of " + pipeline + ": " + result.status().label());
        if (!result.passed()) throw failed("pipeline " + pipeline + " " + result.status().label() + " (run " + result.runId() + ")");
    }
}
