package io.gryt.maven;

import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.release.EvolutionRequest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * {@code mvn gryt:evolve -Dgryt.generation=v1.0.0 -Dgryt.changes=PAY-001}: runs an evolution of the generation proving
 * the changes (its pipeline unless {@code gryt.pipeline} names another) and tags it {@code vX.Y.Z-rc.N}; fails the
 * build when it fails.
 */
@Mojo(name = "evolve", threadSafe = true, requiresProject = false)
public final class EvolveMojo extends GrytMojo {
    /** The generation to evolve. */
    @Parameter(property = "gryt.generation", required = true)
    String generation;

    /** The ids of the changes it proves (comma-separated on the command line). */
    @Parameter(property = "gryt.changes", required = true)
    List<String> changes;

    /** The pipeline to run instead of the generation's {@code pipeline_template}. */
    @Parameter(property = "gryt.pipeline")
    String pipeline;

    /** Made by Maven. */
    public EvolveMojo() {
    }

    @Override
    void execute(Gryt gryt) throws MojoFailureException {
        EvolutionRequest request = gryt.evolve(generation).proving(ids(changes));
        if (pipeline != null && !pipeline.isBlank()) request.pipeline(pipeline);
        Evolution e = request.start();
        getLog().info("gryt: evolution " + e.tag() + " proving " + String.join(", ", e.changes()) + ": " + e.status().label());
        if (e.status() != EvolutionStatus.PASS) throw failed("evolution " + e.tag() + " " + e.status().label());
    }
}
