package io.gryt.maven;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.core.Gryt;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * What every gryt goal shares: the project directory, {@code gryt.skip}, and how gryt's errors become Maven's (bad
 * input and failed work fail the build with gryt's one-line message; anything else is an execution error).
 */
abstract class GrytMojo extends AbstractMojo {
    /** The gryt project: the directory holding {@code .gryt/}. */
    @Parameter(property = "gryt.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    /** Skips the goal. */
    @Parameter(property = "gryt.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gryt: skipped");
            return;
        }
        try (Gryt gryt = Gryt.open(project().toPath().toAbsolutePath().normalize())) {
            execute(gryt);
        } catch (BadInputException e) {
            throw new MojoFailureException("gryt: " + String.join("\n", e.problems()), e);
        } catch (GrytException e) {
            throw new MojoExecutionException("gryt: " + e.getMessage(), e);
        }
    }

    /** The directory of the project to open: {@link #projectDir} unless the goal knows better. */
    File project() {
        return projectDir;
    }

    /** Does the goal's work on the opened project. */
    abstract void execute(Gryt gryt) throws MojoExecutionException, MojoFailureException;

    /** {@code ids} with each element split at commas, blanks dropped: {@code -Dgryt.changes=A,B} and POM lists alike. */
    static List<String> ids(List<String> ids) {
        List<String> all = new ArrayList<>();
        if (ids == null) return all;
        for (String id : ids) {
            for (String part : id.split(",")) {
                if (!part.isBlank() && !all.contains(part.strip())) all.add(part.strip());
            }
        }
        return all;
    }

    /** Fails the build with {@code message} (gryt's exit code 1: the work ran and failed). */
    static MojoFailureException failed(String message) {
        return new MojoFailureException("gryt: " + message);
    }
}
