package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/** Plain run output driven by events. */
class ConsoleReporterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Pipeline CI = Pipeline.named("ci").steps(step("build").sh("true"), step("test").sh("true")).build();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private void play(ConsoleReporter reporter) {
        StepResult build = new StepResult("build", StepStatus.PASS, 0, 1, T0, T0.plusMillis(250), dir.resolve("b.log"), null,
                List.of("ok"), List.of(), Map.of());
        StepResult test = new StepResult("test", StepStatus.TIMEOUT, null, 2, T0, T0.plusSeconds(10), dir.resolve("t.log"),
                "timed out after 5s", List.of("waiting for db", "\u001b[31mstill waiting\u001b[0m"), List.of(), Map.of());
        reporter.runStarted("r1", CI);
        reporter.stepStarted("r1", "build", 1);
        reporter.stepOutput("r1", "build", "ok");
        reporter.stepFinished("r1", build);
        reporter.stepStarted("r1", "test", 1);
        reporter.stepRetrying("r1", "test", 1, "timed out after 5s");
        reporter.stepStarted("r1", "test", 2);
        reporter.stepFinished("r1", test);
        reporter.runFinished(new RunResult("r1", "ci", RunStatus.FAIL, T0, T0.plusSeconds(11), List.of(build, test), dir.resolve("runs")));
        reporter.close();
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void normalOutputIsOneLinePerEventAndEndsWithTheSummary() {
        play(ConsoleReporter.of(out, ConsoleStyle.PLAIN, dir, OutputSettings.forRun(Verbosity.NORMAL, null)));

        assertThat(printed()).isEqualTo("""
                gryt run ci · 2 steps · 1 runner · run r1
                  start     build
                  pass      build         0.25s
                  start     test
                  retry     test attempt 1 failed: timed out after 5s
                  start     test (attempt 2)
                  timeout   test          10.00s   2 attempts  timed out after 5s
                        | waiting for db
                        | still waiting
                        log: t.log
                fail · 1 passed · 1 failed · 0 skipped · 11.00s · logs runs
                """);
    }

    @Test
    void quietForAnEvolutionShowsOnlyTheFailedStepsForTheCommandPrintsItsOwnEnding() {
        play(ConsoleReporter.of(out, ConsoleStyle.PLAIN, dir, OutputSettings.forEvolution(Verbosity.QUIET)));

        assertThat(printed()).isEqualTo("""
                  timeout   test          10.00s   2 attempts  timed out after 5s
                        | waiting for db
                        | still waiting
                        log: t.log
                """);
    }

    @Test
    void verboseStreamsTheOutputAndDoesNotRepeatItUnderAFailure() {
        play(ConsoleReporter.of(out, ConsoleStyle.PLAIN, dir, OutputSettings.forRun(Verbosity.VERBOSE, null)));

        assertThat(printed()).contains("  build        | ok\n").doesNotContain("| waiting for db").contains("        log: t.log\n");
    }

    @Test
    void aNoteIsPrintedUnlessQuiet() {
        ConsoleReporter.of(out, ConsoleStyle.PLAIN, dir, OutputSettings.forEvolution(Verbosity.NORMAL)).note("evolution v1-rc.1");
        ConsoleReporter.of(out, ConsoleStyle.PLAIN, dir, OutputSettings.forEvolution(Verbosity.QUIET)).note("hidden");

        assertThat(printed()).isEqualTo("evolution v1-rc.1\n");
    }
}
