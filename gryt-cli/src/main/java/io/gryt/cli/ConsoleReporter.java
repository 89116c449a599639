package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run as it happens, one line per event and never a control code (unless colours are on), so it
 * reads the same in a CI log, a pipe or a file. A failed step is followed by the last lines of its log.
 * Quiet, it prints only the failed steps and the summary at the end; verbose, also every output line of every
 * step as it arrives ({@code  lint | ...}). Only the verbose one listens to output lines ({@link #of}): without a
 * listener for them, a step's process writes its log file itself.
 */
sealed class ConsoleReporter implements RunOutput permits ConsoleReporter.Verbose {
    private final PrintStream out;
    private final ConsoleStyle style;
    private final OutputSettings settings;
    private final RunSummary summary;
    private final LiveFrame rows;
    private int nameWidth = LiveFrame.nameWidth(List.of());

    /** The reporter for {@code settings}: a verbose one also prints every output line. */
    static ConsoleReporter of(PrintStream out, ConsoleStyle style, Path projectDir, OutputSettings settings) {
        return settings.verbose() ? new Verbose(out, style, projectDir, settings)
                : new ConsoleReporter(out, style, projectDir, settings);
    }

    private ConsoleReporter(PrintStream out, ConsoleStyle style, Path projectDir, OutputSettings settings) {
        this.out = out;
        this.style = style;
        this.settings = settings;
        this.summary = new RunSummary(out, style, projectDir);
        this.rows = LiveFrame.unbounded(style);
    }

    @Override
    public synchronized void runStarted(String runId, Pipeline pipeline) {
        nameWidth = Math.max(nameWidth, pipeline.steps().stream().mapToInt(s -> s.name().length()).max().orElse(0));
        if (!settings.quiet()) out.println(RunOutput.header(style, runId, pipeline, settings.scope()));
    }

    @Override
    public synchronized void stepStarted(String runId, String step, int attempt) {
        if (settings.quiet()) return;
        out.println("  " + style.dim(pad("start")) + " " + step + (attempt > 1 ? style.dim(" (attempt " + attempt + ")") : ""));
    }

    @Override
    public synchronized void stepRetrying(String runId, String step, int failedAttempt, String reason) {
        if (settings.quiet()) return;
        out.println("  " + style.yellow(pad("retry")) + " " + step + style.dim(" attempt " + failedAttempt + " failed: "
                + ControlCodes.strip(reason)));
    }

    @Override
    public synchronized void stepFinished(String runId, StepResult r) {
        if (settings.quiet()) return;
        out.println(rows.row(StepRow.done(r), nameWidth, null));
        if (RunSummary.failed(r)) summary.tail(r, !settings.verbose());
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        if (settings.quiet()) {
            for (StepResult r : result.steps()) {
                if (!RunSummary.failed(r)) continue;
                out.println(rows.row(StepRow.done(r), nameWidth, null));
                summary.tail(r, true);
            }
        }
        if (settings.summary()) summary.line(result);
    }

    @Override
    public synchronized void note(String line) {
        if (!settings.quiet()) out.println(line);
    }

    @Override
    public void close() {
        out.flush();
    }

    /** Verbose: every output line of every step as it arrives. */
    static final class Verbose extends ConsoleReporter {
        private Verbose(PrintStream out, ConsoleStyle style, Path projectDir, OutputSettings settings) {
            super(out, style, projectDir, settings);
        }

        @Override
        public void stepOutput(String runId, String step, String line) {
            printLine(step, line);
        }
    }

    /** Prints a step's output line, prefixed with the step's name. */
    final synchronized void printLine(String step, String line) {
        out.println("  " + style.dim(String.format(Locale.ROOT, "%-" + nameWidth + "s |", step)) + " "
                + ControlCodes.keepColours(line, style.color()));
    }

    private static String pad(String s) {
        return String.format(Locale.ROOT, "%-9s", s);
    }

    /** A finished duration as run output shows it ({@code 1.23s}, {@code 3m05s}). */
    static String format(Duration d) {
        return DurationText.of(d);
    }
}
