package io.gryt.maven;

import io.gryt.api.Pipeline;
import io.gryt.api.TestCase;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.TestProof;
import io.gryt.core.Gryt;
import io.gryt.core.testreport.JunitXml;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.gryt.api.Step.step;

/**
 * {@code gryt:record-tests}, bound to {@code verify}: the build's own Surefire and Failsafe reports (written during
 * this build) as evidence for the changes it proves, named in the POM ({@code <changes>}) or with
 * {@code -Dgryt.changes=PAY-001}. Each test case becomes a test proof of each change (as {@code @Proves} records
 * them), so a failed or skipped test leaves its changes unproven.
 *
 * <p>Inside a gryt step (an evolution running {@code mvn verify}: {@code GRYT_RUN_ID}, {@code GRYT_STEP} and
 * {@code GRYT_PROJECT_DIR} set) the proofs are added to that step. Otherwise the build itself is the proof: an
 * evolution of {@code gryt.generation} whose one step, {@code maven-tests}, records them and fails when a test
 * failed, tagged {@code vX.Y.Z-rc.N} on the commit built. Without changes named the goal does nothing.
 */
@Mojo(name = "record-tests", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class RecordTestsMojo extends GrytMojo {
    /** Reports older than the build by more than this are a previous build's, not evidence. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    /** The ids of the changes the build's tests prove. */
    @Parameter(property = "gryt.changes")
    List<String> changes;

    /** The generation to evolve when the build does not run inside a gryt step. */
    @Parameter(property = "gryt.generation")
    String generation;

    /** Where the JUnit XML reports are. */
    @Parameter(defaultValue = "${project.build.directory}/surefire-reports,${project.build.directory}/failsafe-reports")
    List<File> reportsDirectories;

    /** When the build started: older reports are ignored. */
    @Parameter(defaultValue = "${session.request.startTime}", readonly = true)
    Date buildStarted;

    /** The environment, read once (tests of the goal run inside gryt steps). */
    private final Map<String, String> env = System.getenv();

    /** Made by Maven. */
    public RecordTestsMojo() {
    }

    @Override
    File project() {
        String dir = env.get("GRYT_PROJECT_DIR");
        return insideGryt() && dir != null && !dir.isBlank() ? new File(dir) : super.project();
    }

    private boolean insideGryt() {
        return present("GRYT_RUN_ID") && present("GRYT_STEP");
    }

    private boolean present(String variable) {
        String v = env.get(variable);
        return v != null && !v.isBlank();
    }

    @Override
    void execute(Gryt gryt) throws MojoFailureException {
        List<String> ids = ids(changes);
        if (ids.isEmpty()) {
            getLog().info("gryt: no changes named (<changes> or -Dgryt.changes): no test evidence recorded");
            return;
        }
        List<TestCase> cases = testCases(gryt.projectDir());
        if (cases.isEmpty()) throw failed("no test report written by this build in " + reportsDirectories);
        List<TestProof> proofs = new ArrayList<>();
        for (String id : ids) {
            for (TestCase c : cases) proofs.add(new TestProof(id, c.fullName(), outcome(c.status()), c.time(), c.message()));
        }
        long failed = cases.stream().filter(c -> outcome(c.status()) == TestProof.Outcome.FAILED).count();
        if (insideGryt()) {
            gryt.recordProofs(env.get("GRYT_RUN_ID"), env.get("GRYT_STEP"), proofs);
            getLog().info("gryt: " + cases.size() + " test(s) recorded as evidence for " + String.join(", ", ids)
                    + " in step " + env.get("GRYT_STEP") + " of run " + env.get("GRYT_RUN_ID"));
            return;
        }
        if (generation == null || generation.isBlank()) {
            throw failed("record-tests outside a gryt step needs the generation the changes belong to"
                    + " (-Dgryt.generation=vX.Y.Z or <generation> in the plugin's configuration)");
        }
        Pipeline build = Pipeline.of(step("maven-tests").action(ctx -> {
            gryt.recordProofs(ctx.runId(), ctx.stepName(), proofs);
            ctx.metric("tests", cases.size());
            ctx.metric("tests_failed", failed);
            if (failed > 0) throw new IllegalStateException(failed + " of " + cases.size() + " tests failed");
        })).withName("maven-verify");
        Evolution e = gryt.evolve(generation).proving(ids).with(build).start();
        getLog().info("gryt: evolution " + e.tag() + " proving " + String.join(", ", ids) + " with " + cases.size()
                + " test(s): " + e.status().label());
        if (e.status() != EvolutionStatus.PASS) throw failed("evolution " + e.tag() + " " + e.status().label());
    }

    private static TestProof.Outcome outcome(TestCase.Status status) {
        return switch (status) {
            case PASSED -> TestProof.Outcome.PASSED;
            case FAILED, ERRORED -> TestProof.Outcome.FAILED;
            case SKIPPED -> TestProof.Outcome.SKIPPED;
        };
    }

    /** The test cases of every {@code TEST-*.xml} report this build wrote, by directory then file name. */
    private List<TestCase> testCases(Path root) {
        Instant since = buildStarted == null ? Instant.EPOCH : buildStarted.toInstant().minus(CLOCK_SLACK);
        List<TestCase> cases = new ArrayList<>();
        for (File dir : reportsDirectories) {
            if (!dir.isDirectory()) continue;
            try (Stream<Path> files = Files.list(dir.toPath())) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(since)) continue;
                    Path absolute = file.toAbsolutePath().normalize();
                    String shown = absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
                    cases.addAll(JunitXml.read(file, shown));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return cases;
    }
}
