package io.gryt.cli;

import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live display's frames, rendered from state alone: no terminal, no clock. */
class LiveFrameTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final LiveFrame PLAIN = new LiveFrame(ConsoleStyle.PLAIN, 100, 24);

    private static StepResult result(String name, StepStatus status, long millis, int attempts, String error, List<String> tail) {
        return new StepResult(name, status, status == StepStatus.PASS ? 0 : 1, attempts, T0, T0.plusMillis(millis),
                Path.of(".gryt/runs/r1/" + name + ".log"), error, tail, List.of(), Map.of());
    }

    private static List<StepRow> run() {
        return List.of(
                StepRow.done(result("lint", StepStatus.PASS, 1234, 1, null, List.of())),
                StepRow.queued("unit-tests").running(2, T0.plusSeconds(1)).printed("Tests run: 42"),
                StepRow.done(result("integration", StepStatus.FAIL, 520, 1, "exit code 1", List.of("boom"))),
                StepRow.done(StepResult.skipped("deploy", "skipped: 'integration' failed")),
                StepRow.queued("package"));
    }

    @Test
    void eachStepGetsARowSayingWhereItIsAndAProgressLineEndsTheBlock() {
        List<String> frame = PLAIN.render(run(), T0, T0.plusMillis(4_470));

        assertThat(frame).containsExactly(
                "  pass      lint          1.23s",
                "  running   unit-tests    3.4s     attempt 2  Tests run: 42",
                "  fail      integration   0.52s    exit code 1",
                "  skipped   deploy        skipped: 'integration' failed",
                "  queued    package",
                "  3/5 done · 1 running · 1 queued · 4.4s");
    }

    @Test
    void aRunningStepsTimerTicksInTenthsThenMinutesThenHours() {
        StepRow running = StepRow.queued("build").running(1, T0);

        assertThat(PLAIN.row(running, 12, T0.plusMillis(99))).contains("build         0.0s");
        assertThat(PLAIN.row(running, 12, T0.plusMillis(9_950))).contains("9.9s");
        assertThat(PLAIN.row(running, 12, T0.plusSeconds(65))).contains("1m05s");
        assertThat(PLAIN.row(running, 12, T0.plusSeconds(3_725))).contains("1h02m");
        assertThat(DurationText.of(Duration.ofMillis(1_234))).isEqualTo("1.23s");
        assertThat(DurationText.of(Duration.ofMillis(-5))).isEqualTo("0.00s");
    }

    @Test
    void aRetryingStepSaysWhichAttemptFailedAndWhy() {
        StepRow retrying = StepRow.queued("flaky").running(1, T0).retrying(1, "exit code 3");

        assertThat(PLAIN.row(retrying, 12, T0.plusMillis(2_000)))
                .isEqualTo("  retry     flaky         2.0s     attempt 1 failed: exit code 3");
    }

    @Test
    void aStepThatNeededSeveralAttemptsSaysSo() {
        StepRow passed = StepRow.done(result("flaky", StepStatus.PASS, 3_000, 2, null, List.of()));

        assertThat(PLAIN.row(passed, 12, null)).isEqualTo("  pass      flaky         3.00s    2 attempts");
    }

    @Test
    void timeoutsAndCancellationsAreShownWithTheirReason() {
        assertThat(PLAIN.row(StepRow.done(result("slow", StepStatus.TIMEOUT, 5_000, 1, "timed out after 5s", List.of())), 12, null))
                .isEqualTo("  timeout   slow          5.00s    timed out after 5s");
        assertThat(PLAIN.row(StepRow.done(result("long", StepStatus.CANCELLED, 700, 1, "cancelled", List.of())), 12, null))
                .isEqualTo("  cancelled long          0.70s    cancelled");
    }

    @Test
    void everyLineIsCutToTheWidthSoTheTerminalNeverWrapsIt() {
        LiveFrame narrow = new LiveFrame(ConsoleStyle.PLAIN, 34, 24);

        List<String> frame = narrow.render(run(), T0, T0.plusSeconds(4));

        assertThat(frame).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(33));
        assertThat(frame.get(0)).isEqualTo("  pass      lint          1.23s");
        assertThat(frame.get(1)).isEqualTo("  running   unit-tests    3.0s...");
        assertThat(frame.get(3)).isEqualTo("  skipped   deploy        skip...");
    }

    @Test
    void wideCharactersCountAsTwoColumnsWhenCutting() {
        LiveFrame narrow = new LiveFrame(ConsoleStyle.PLAIN, 40, 24);
        StepRow row = StepRow.queued("build").running(1, T0).printed("构建中构建中构建中构建中构建中");

        String line = narrow.row(row, 12, T0.plusSeconds(1));

        int columns = line.codePoints().map(cp -> cp >= 0x2E80 ? 2 : 1).sum();
        assertThat(columns).isLessThanOrEqualTo(39);
        assertThat(line).startsWith("  running   build         1.0s").endsWith("...");
    }

    @Test
    void colouredRowsAreCutByWhatIsVisibleNotByTheirControlCodes() {
        LiveFrame coloured = new LiveFrame(new ConsoleStyle(true), 40, 24);

        List<String> frame = coloured.render(run(), T0, T0.plusSeconds(4));

        assertThat(frame.get(0)).contains("\u001b[32mpass");
        assertThat(frame.get(2)).contains("\u001b[31mfail");
        assertThat(frame).allSatisfy(line -> assertThat(visible(line).length()).isLessThanOrEqualTo(39));
        assertThat(frame.get(1)).doesNotEndWith("\u001b[");
    }

    @Test
    void whatAStepPrintsCannotMoveTheCursorOrBreakTheRow() {
        StepRow row = StepRow.queued("build").running(1, T0).printed("\u001b[2J\u001b[Hprogress\r50%\u001b[1A\ttab");

        String line = PLAIN.row(row, 12, T0);

        assertThat(line).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\t").endsWith("progress 50% tab");
    }

    @Test
    void whenTheStepsDoNotFitTheMostTellingOnesAreShownAndTheOthersCounted() {
        List<StepRow> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) rows.add(StepRow.done(result("ok-" + i, StepStatus.PASS, 100, 1, null, List.of())));
        rows.add(StepRow.done(result("broken", StepStatus.FAIL, 100, 1, "exit code 1", List.of())));
        rows.add(StepRow.queued("busy").running(1, T0));
        for (int i = 1; i <= 10; i++) rows.add(StepRow.queued("later-" + i));

        List<String> frame = new LiveFrame(ConsoleStyle.PLAIN, 100, 8).render(rows, T0, T0.plusSeconds(1));

        assertThat(frame).hasSize(8);
        assertThat(frame.get(0)).contains("fail").contains("broken");
        assertThat(frame.get(1)).contains("running").contains("busy");
        assertThat(frame.get(2)).contains("queued").contains("later-1");
        assertThat(frame.get(6)).isEqualTo("  ... and 16 more: 10 pass, 6 queued");
        assertThat(frame.get(7)).startsWith("  11/22 done · 1 running · 10 queued");
    }

    @Test
    void theFinalRenderingShowsEveryStepAndNoProgressLine() {
        List<StepRow> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) rows.add(StepRow.done(result("step-" + i, StepStatus.PASS, 100, 1, null, List.of())));

        List<String> frame = new LiveFrame(ConsoleStyle.PLAIN, 100, 8).renderFinal(rows);

        assertThat(frame).hasSize(30).allSatisfy(line -> assertThat(line).contains("pass"));
    }

    private static String visible(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
