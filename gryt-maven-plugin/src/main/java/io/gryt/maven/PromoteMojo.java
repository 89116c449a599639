package io.gryt.maven;

import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.release.PromotionRequest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn gryt:promote -Dgryt.generation=v1.0.0}: runs every promotion gate and, when all pass, tags the release;
 * logs the gate report and fails the build when a gate blocks. {@code -Dgryt.dryRun} only reports.
 */
@Mojo(name = "promote", threadSafe = true, requiresProject = false)
public final class PromoteMojo extends GrytMojo {
    /** The generation to promote. */
    @Parameter(property = "gryt.generation", required = true)
    String generation;

    /** Report the gates without promoting. */
    @Parameter(property = "gryt.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Passing evolutions required (1 unless set). */
    @Parameter(property = "gryt.minEvolutions")
    Integer minEvolutions;

    /** Made by Maven. */
    public PromoteMojo() {
    }

    @Override
    void execute(Gryt gryt) throws MojoFailureException {
        PromotionRequest request = gryt.promotion(generation).dryRun(dryRun);
        if (minEvolutions != null) request.minimumEvolutions(minEvolutions);
        Promotion p = request.promote();
        for (GateResult g : p.gates()) {
            String line = "gryt: " + (g.passed() ? "pass" : "FAIL") + "  " + g.gate() + ": " + g.summary();
            if (g.passed()) getLog().info(line); else getLog().error(line);
            g.problems().forEach(problem -> getLog().error("gryt:         - " + problem));
        }
        if (p.status() == PromotionStatus.COMPLETED) {
            getLog().info("gryt: promoted: tagged " + p.tag() + " on " + p.commit());
        } else if (p.status() == PromotionStatus.DRY_RUN && p.gatesPassed()) {
            getLog().info("gryt: every gate passes: promotion would succeed");
        } else {
            throw failed("promotion of " + generation + (dryRun ? " would be" : " is") + " blocked: "
                    + p.failedGates().size() + " gate(s) failed");
        }
    }
}
