package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt run}'s output on terminals and elsewhere, its options, and the steps it selects. */
class RunCommandTest {
    private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern CURSOR_UP = Pattern.compile("\u001b\\[[0-9]+A");
    private static final Map<String, String> NOT_A_TERMINAL = Map.of();
    private static final Map<String, String> TERMINAL = Map.of("GRYT_FORCE_TTY", "1", "COLUMNS", "120");

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws Exception {
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        Files.writeString(dir.resolve(".gryt/pipelines/release.yaml"), """
                runners: 2
                steps:
                  - name: lint
                    run: "echo linted; touch lint.ran"
                  - name: test
                    run: "echo 'tests: 3 passed'; touch test.ran"
                  - name: build
                    run: "echo built; touch build.ran"
                    depends_on: [lint, test]
                  - name: package
                    run: "echo packaged; touch package.ran"
                    depends_on: [build]
                """);
        Files.writeString(dir.resolve(".gryt/pipelines/broken.yaml"), """
                steps:
                  - name: compile
                    run: "echo compiling; echo 'Main.java:3: error: missing semicolon' >&2; exit 2"
                  - name: test
                    run: ["true"]
                    depends_on: [compile]
                """);
    }

    private CliRun gryt(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
        all.addAll(Arrays.asList(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.execute(all.toArray(String[]::new), o, e, env);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<String> recordedSteps() {
        try (Gryt g = Gryt.open(dir)) {
            PipelineRun last = g.store().runs().recent(1).get(0);
            return g.store().runs().steps(last.id()).stream().map(StepRun::name).toList();
        }
    }

    // ---- terminals and not ----

    @Test
    void aPipelineFileWithSeveralMistakesIsReportedOneErrorLineEachAndNothingRuns() throws Exception {
        Path file = dir.resolve(".gryt/pipelines/typos.yaml");
        Files.writeString(file, """
                runners: zero
                steps:
                  - name: lint
                    run: "touch lint.ran"
                    timeout: 10x
                  - name: test
                    run: "touch test.ran"
                    depends_on: [lnt]
                """);
        CliRun r = CliRun.in(dir, "run", "typos");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().map(l -> l.replace(file.toString(), "FILE"))).containsExactly(
                "gryt: error: FILE:1:10: runners: expected a whole number, got the text 'zero'",
                "gryt: error: FILE:5:14: steps[0].timeout: '10x' is not a duration (use 30s, 10m, 1h30m)",
                "gryt: error: FILE:8:18: steps[1].depends_on[0]: no step named 'lnt' in this pipeline (did you mean 'lint'?)");
        assertThat(dir.resolve("lint.ran")).doesNotExist();
    }

    @Test
    void onATerminalTheBlockIsRedrawnInPlaceAndEndsAsAFinalRendering() {
        CliRun r = gryt(TERMINAL, "run", "release");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("\u001b[1mgryt run release").contains("\u001b[2K");
        assertThat(CURSOR_UP.matcher(r.out()).find()).as("the cursor moves up to redraw").isTrue();
        String last = r.out().substring(r.out().lastIndexOf("\u001b[5A"));
        assertThat(COLOUR.matcher(last).replaceAll("")).contains("  pass      lint ").contains("  pass      test ")
                .contains("  pass      build ").contains("  pass      package ").contains("pass · 4 passed · 0 failed");
    }

    @Test
    void onATerminalTheFailedStepsLastLinesFollowTheBlock() {
        CliRun r = gryt(TERMINAL, "run", "broken");

        assertThat(r.exitCode()).isEqualTo(1);
        String end = COLOUR.matcher(r.out().substring(r.out().lastIndexOf("\u001b[3A"))).replaceAll("");
        assertThat(end).contains("  fail      compile").contains("  skipped   test")
                .contains("        | Main.java:3: error: missing semicolon").contains("log: .gryt/runs/")
                .contains("fail · 0 passed · 1 failed · 1 skipped");
    }

    @Test
    void elsewhereOutputIsPlainLinesWithoutAnyControlCode() {
        CliRun passing = gryt(NOT_A_TERMINAL, "run", "release");
        CliRun failing = gryt(NOT_A_TERMINAL, "run", "broken", "--verbose");

        assertThat(passing.exitCode()).isZero();
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(passing.all() + failing.all()).doesNotContain("\u001b");
        assertThat(passing.out()).contains("  start     lint").contains("  pass      package");
    }

    @Test
    void noColorTakesTheColoursAwayButKeepsTheLiveDisplay() {
        CliRun coloured = gryt(TERMINAL, "run", "release");
        CliRun r = gryt(Map.of("GRYT_FORCE_TTY", "1", "NO_COLOR", "1"), "run", "release");

        assertThat(COLOUR.matcher(coloured.out()).find()).isTrue();
        assertThat(r.exitCode()).isZero();
        assertThat(COLOUR.matcher(r.out()).find()).as(r.out()).isFalse();
        assertThat(CURSOR_UP.matcher(r.out()).find()).isTrue();
        assertThat(r.out()).contains("  pass      package");
    }

    @Test
    void theTerminalWidthCutsTheLinesOfTheBlock() {
        CliRun r = gryt(Map.of("GRYT_FORCE_TTY", "1", "NO_COLOR", "1", "COLUMNS", "24"), "run", "release");

        assertThat(r.exitCode()).isZero();
        String end = r.out().substring(r.out().lastIndexOf("\u001b[5A"));
        List<String> rows = end.lines().filter(l -> l.contains("\u001b[2K")).map(l -> l.substring(l.lastIndexOf("\u001b[2K") + 4)).toList();
        assertThat(rows).isNotEmpty().allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(23));
        assertThat(rows).anySatisfy(l -> assertThat(l).isEqualTo("  pass      package ..."));
    }

    // ---- --quiet, --verbose, --json ----

    @Test
    void quietPrintsOnlyTheSummaryLineOfAPassingRun() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "release", "--quiet");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).singleElement().asString().startsWith("pass · 4 passed · 0 failed · 0 skipped");
        assertThat(gryt(TERMINAL, "run", "release", "-q").out().lines()).hasSize(1);
    }

    @Test
    void quietShowsTheFailedStepsWithTheirLastLinesThenTheSummary() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "broken", "--quiet");

        assertThat(r.exitCode()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("  fail      compile").contains("exit code 2");
        assertThat(lines).contains("        | Main.java:3: error: missing semicolon");
        assertThat(lines.get(lines.size() - 1)).startsWith("fail · 0 passed · 1 failed · 1 skipped");
        assertThat(r.out()).doesNotContain("start").doesNotContain("gryt run").doesNotContain("skipped   test");
    }

    @Test
    void verboseStreamsEveryOutputLinePrefixedWithItsStep() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "release", "--verbose");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("  lint         | linted\n").contains("  test         | tests: 3 passed\n")
                .contains("  package      | packaged\n");
        assertThat(r.out().indexOf("| built")).isLessThan(r.out().indexOf("pass      build"));
    }

    @Test
    void offATerminalAndNotVerboseAStepWritesItsLogFileItselfAndVerboseReadsItsOutput() throws Exception {
        Files.writeString(dir.resolve(".gryt/pipelines/stdout.yaml"), """
                steps:
                  - name: where
                    run: "if [ -p /proc/self/fd/1 ]; then echo 'a pipe'; else echo 'not a pipe'; fi"
                """);
        assertThat(gryt(NOT_A_TERMINAL, "run", "stdout").exitCode()).isZero();
        assertThat(lastLog("where")).isEqualTo("not a pipe\n");

        CliRun verbose = gryt(NOT_A_TERMINAL, "run", "stdout", "--verbose");
        assertThat(verbose.out()).contains("| a pipe\n");
        assertThat(lastLog("where")).isEqualTo("a pipe\n");
    }

    private String lastLog(String step) throws Exception {
        try (Gryt g = Gryt.open(dir)) {
            PipelineRun last = g.store().runs().recent(1).get(0);
            return Files.readString(Path.of(g.store().runs().steps(last.id()).stream().filter(s -> s.name().equals(step))
                    .findFirst().orElseThrow().logPath()));
        }
    }

    @Test
    void verboseOnATerminalPrintsTheOutputAboveTheBlock() {
        CliRun r = gryt(TERMINAL, "run", "broken", "-v");

        assertThat(r.exitCode()).isEqualTo(1);
        String out = COLOUR.matcher(r.out()).replaceAll("");
        assertThat(out).contains("\u001b[2K  compile      | compiling\n").contains("| Main.java:3: error: missing semicolon\n");
        // the live block may show the line beside the running step (a redraw while it ran); the summary, which
        // prints a failed step's tail without -v, does not repeat what -v already streamed
        assertThat(out).containsOnlyOnce("| Main.java:3");
        String withoutLiveRows = out.lines().map(l -> l.replace("\u001b[2K", "").replace("\r", ""))
                .filter(l -> !l.strip().startsWith("running ")).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(withoutLiveRows).as("the tail is not repeated").containsOnlyOnce("Main.java:3");
        assertThat(out).contains("log: .gryt/runs/");
    }

    @Test
    void jsonPrintsOnlyTheRunResult() throws Exception {
        CliRun r = gryt(TERMINAL, "run", "broken", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("\u001b");
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.get("pipeline").asText()).isEqualTo("broken");
        assertThat(run.get("status").asText()).isEqualTo("fail");
        assertThat(run.get("run_id").asText()).isNotBlank();
        assertThat(run.get("duration_ms").asLong()).isNotNegative();
        assertThat(run.get("started_at").asText()).isNotBlank();
        JsonNode compile = run.get("steps").get(0);
        assertThat(compile.get("name").asText()).isEqualTo("compile");
        assertThat(compile.get("status").asText()).isEqualTo("fail");
        assertThat(compile.get("exit_code").asInt()).isEqualTo(2);
        assertThat(compile.get("attempts").asInt()).isEqualTo(1);
        assertThat(compile.get("error").asText()).contains("exit code 2");
        assertThat(compile.get("log").asText()).endsWith("compile.log");
        JsonNode test = run.get("steps").get(1);
        assertThat(test.get("status").asText()).isEqualTo("skipped");
        assertThat(test.get("exit_code").isNull()).isTrue();

        CliRun passing = gryt(NOT_A_TERMINAL, "run", "release", "--json", "--only", "lint");
        assertThat(passing.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(passing.out()).get("steps")).singleElement()
                .satisfies(s -> assertThat(s.get("status").asText()).isEqualTo("pass"));
    }

    @Test
    void contradictoryOutputOptionsAreUsageErrors() {
        assertThat(gryt(NOT_A_TERMINAL, "run", "release", "--quiet", "--verbose").err())
                .isEqualTo("gryt: error: --quiet and --verbose cannot be used together\n");
        assertThat(gryt(NOT_A_TERMINAL, "run", "release", "--json", "-v").exitCode()).isEqualTo(2);
        assertThat(gryt(NOT_A_TERMINAL, "run", "release", "--only", "lint", "--from", "test").exitCode()).isEqualTo(2);
        assertThat(dir.resolve("lint.ran")).doesNotExist();
    }

    @Test
    void evolutionStartTakesTheSameOutputOptions() {
        CommandLine start = Cli.commandLine(new GrytCommand(System.out, System.err), System.out, System.err).getSubcommands().get("evolution")
                .getSubcommands().get("start");
        assertThat(start.getCommandSpec().findOption("--quiet")).isNotNull();
        assertThat(start.getCommandSpec().findOption("-v")).isNotNull();

        CliRun both = gryt(NOT_A_TERMINAL, "evolution", "start", "v1.0.0", "--change", "X", "-q", "-v");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--quiet and --verbose");
    }

    // ---- --only and --from ----

    @Test
    void onlyRunsTheNamedStepsAndRecordsNothingElse() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "release", "--only", "build", "--only", "package");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("gryt run release · only build, package · 2 steps");
        assertThat(dir.resolve("build.ran")).exists();
        assertThat(dir.resolve("package.ran")).exists();
        assertThat(dir.resolve("lint.ran")).doesNotExist();
        assertThat(dir.resolve("test.ran")).doesNotExist();
        assertThat(recordedSteps()).containsExactlyInAnyOrder("build", "package");
    }

    @Test
    void onlyTakesACommaSeparatedList() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "release", "--only", "lint,test");

        assertThat(r.exitCode()).isZero();
        assertThat(recordedSteps()).containsExactlyInAnyOrder("lint", "test");
    }

    @Test
    void fromRunsTheStepAndEverythingDownstream() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "release", "--from", "test");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(recordedSteps()).containsExactlyInAnyOrder("test", "build", "package");
        assertThat(dir.resolve("lint.ran")).doesNotExist();
        assertThat(dir.resolve("package.ran")).exists();
    }

    @Test
    void anUnknownStepIsBadInputOnOneLineListingThePipelinesSteps() {
        CliRun r = gryt(NOT_A_TERMINAL, "run", "release", "--from", "tset");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .isEqualTo("gryt: error: pipeline 'release' has no step 'tset' (its steps: lint, test, build, package)");
        assertThat(r.out()).isEmpty();
        try (Gryt g = Gryt.open(dir)) {
            assertThat(g.store().runs().recent(5)).isEmpty();
        }
    }
}
