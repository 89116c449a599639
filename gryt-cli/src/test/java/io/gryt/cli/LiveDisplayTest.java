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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/** The live display's drawing and ticking, driven by events on a captured stream. */
class LiveDisplayTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Terminal TERMINAL = new Terminal(true, false, 80, 24);
    private static final Pipeline CI = Pipeline.named("ci").steps(step("build").sh("true"), step("test").sh("true")).build();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    private LiveDisplay display(Verbosity verbosity) {
        return new LiveDisplay(out, TERMINAL, dir, OutputSettings.forRun(verbosity, null), now::get);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private StepResult result(String name, StepStatus status, List<String> tail) {
        return new StepResult(name, status, status == StepStatus.PASS ? 0 : 1, 1, T0, T0.plusMillis(1500),
                dir.resolve(".gryt/runs/r1/" + name + ".log"), status == StepStatus.PASS ? null : "exit code 1", tail,
                List.of(), Map.of());
    }

    private RunResult runResult(StepResult... steps) {
        boolean passed = List.of(steps).stream().allMatch(StepResult::passed);
        return new RunResult("r1", "ci", passed ? RunStatus.PASS : RunStatus.FAIL, T0, T0.plusSeconds(2), List.of(steps),
                dir.resolve(".gryt/runs/r1"));
    }

    @Test
    void theBlockIsRedrawnInPlaceWhileTheRunGoesOnThenLeftAsAFinalRendering() throws Exception {
        try (LiveDisplay d = display(Verbosity.NORMAL)) {
            d.runStarted("r1", CI);
            assertThat(printed()).startsWith("gryt run ci · 2 steps · 1 runner · run r1\n")
                    .contains(LiveDisplay.CLEAR_LINE + "  queued    build\n");

            d.stepStarted("r1", "build", 1);
            now.set(T0.plusMillis(1_300));
            awaitPrinted(() -> printed().contains("  running   build         1.3s"));
            assertThat(printed()).contains("\r\u001b[3A").contains("  0/2 done · 1 running · 1 queued · 1.3s");

            d.stepFinished("r1", result("build", StepStatus.PASS, List.of()));
            d.stepFinished("r1", result("test", StepStatus.FAIL, List.of("expected 2 but was 3")));
            d.runFinished(runResult(result("build", StepStatus.PASS, List.of()), result("test", StepStatus.FAIL, List.of("expected 2 but was 3"))));
        }
        String all = printed();
        String end = all.substring(all.lastIndexOf("\u001b[3A"));
        assertThat(end).contains(LiveDisplay.CLEAR_LINE + "  pass      build         1.50s\n")
                .contains(LiveDisplay.CLEAR_LINE + "  fail      test          1.50s    exit code 1\n")
                .doesNotContain("done ·")
                .endsWith("        | expected 2 but was 3\n        log: .gryt/runs/r1/test.log\n"
                        + "fail · 1 passed · 1 failed · 0 skipped · 2.00s · logs .gryt/runs/r1\n");
    }

    @Test
    void theTickerStopsWhenTheRunEnds() throws Exception {
        try (LiveDisplay d = display(Verbosity.NORMAL)) {
            d.runStarted("r1", CI);
            awaitPrinted(() -> Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("gryt-live-display")));
            d.runFinished(runResult(result("build", StepStatus.PASS, List.of()), result("test", StepStatus.PASS, List.of())));
        }
        int length = printed().length();
        awaitPrinted(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("gryt-live-display") && t.isAlive()));
        Thread.sleep(300);
        assertThat(printed()).hasSize(length);
    }

    @Test
    void verboseOutputIsPrintedAboveTheBlockPrefixedWithTheStep() throws Exception {
        try (LiveDisplay d = display(Verbosity.VERBOSE)) {
            d.runStarted("r1", CI);
            d.stepStarted("r1", "build", 1);
            d.stepOutput("r1", "build", "compiling 12 files");
            awaitPrinted(() -> printed().contains("build        | compiling 12 files\n"));
            String all = printed();
            int line = all.lastIndexOf("build        | compiling 12 files");
            assertThat(all.indexOf("  running   build", line)).as("the block is drawn again below the line").isPositive();
            d.runFinished(runResult(result("build", StepStatus.PASS, List.of()), result("test", StepStatus.PASS, List.of())));
        }
        assertThat(printed()).containsOnlyOnce("| compiling 12 files");
    }

    @Test
    void whileRunningTheLastOutputLineOfAStepIsShownInItsRow() throws Exception {
        try (LiveDisplay d = display(Verbosity.NORMAL)) {
            d.runStarted("r1", CI);
            d.stepStarted("r1", "build", 1);
            d.stepOutput("r1", "build", "[3/7] linking");
            awaitPrinted(() -> printed().contains("  running   build         0.0s     [3/7] linking"));
            d.runFinished(runResult(result("build", StepStatus.PASS, List.of()), result("test", StepStatus.PASS, List.of())));
        }
        assertThat(printed()).as("not verbose: no output lines of their own").doesNotContain("| [3/7] linking");
    }

    @Test
    void aNoteGoesAboveTheBlockAndAfterADetachEverythingPrintsBelow() throws Exception {
        try (LiveDisplay d = display(Verbosity.NORMAL)) {
            d.runStarted("r1", CI);
            d.note("evolution v1.0.0-rc.1 proving PAY-1");
            assertThat(printed()).contains("\u001b[3A" + LiveDisplay.CLEAR_BELOW + LiveDisplay.CLEAR_LINE
                    + "evolution v1.0.0-rc.1 proving PAY-1\n" + LiveDisplay.CLEAR_LINE + "  queued    build");
            d.detach();
            int detachedAt = printed().length();
            d.runFinished(runResult(result("build", StepStatus.CANCELLED, List.of()), result("test", StepStatus.SKIPPED, List.of())));
            assertThat(printed().substring(detachedAt)).doesNotContain("\u001b[3A").contains("cancelled build");
        }
    }

    private static void awaitPrinted(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for the display");
            Thread.sleep(20);
        }
    }
}
