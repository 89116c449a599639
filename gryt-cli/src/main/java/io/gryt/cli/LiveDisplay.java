package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.Step;
import io.gryt.api.StepResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows a run on an interactive terminal as a block of one line per step (queued, running with its elapsed
 * time, retry, pass, fail...), redrawn in place about ten times a second by a small ticker thread, then left
 * as a final static rendering followed by the failed steps' last log lines and the summary line. Verbose,
 * every output line of every step is printed above the block as it arrives.
 *
 * <p>Only the block is redrawn: the cursor moves up over it ({@code ESC [ n A}) and each of its lines is
 * cleared ({@code ESC [ 2K}) and written again, all in one write. Lines are cut to the terminal's width so
 * that none wraps. What a frame shows is {@link LiveFrame}'s business; this class does the I/O and timing.
 */
final class LiveDisplay implements RunOutput {
    static final String CURSOR_UP = "\u001b[%dA";
    static final String CLEAR_LINE = "\u001b[2K";
    static final String CLEAR_BELOW = "\u001b[J";
    private static final long TICK_MILLIS = 100;
    /** Verbose lines waiting for the next tick beyond which they are printed at once. */
    private static final int MAX_PENDING_LINES = 200;

    private final PrintStream out;
    private final ConsoleStyle style;
    private final OutputSettings settings;
    private final RunSummary summary;
    private final LiveFrame frame;
    private final Supplier<Instant> clock;
    private final RunBoard board = new RunBoard();
    private final List<String> above = new ArrayList<>();

    // guarded by this
    private ScheduledExecutorService ticker;
    private int drawn;
    private boolean started;
    private boolean ended;
    private int nameWidth;

    LiveDisplay(PrintStream out, Terminal terminal, Path projectDir, OutputSettings settings, Supplier<Instant> clock) {
        this.out = out;
        this.style = terminal.style();
        this.settings = settings;
        this.summary = new RunSummary(out, style, projectDir);
        // the header and the cursor's own line stay visible above and below the block
        this.frame = new LiveFrame(style, terminal.width(), terminal.height() - 2);
        this.clock = clock;
    }

    @Override
    public synchronized void runStarted(String runId, Pipeline pipeline) {
        board.start(pipeline.steps().stream().map(Step::name).toList(), clock.get());
        nameWidth = LiveFrame.nameWidth(board.rows());
        started = true;
        out.println(RunOutput.header(style, runId, pipeline, settings.scope()));
        drawLive();
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "gryt-live-display");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stepStarted(String runId, String step, int attempt) {
        board.started(step, attempt, clock.get());
    }

    @Override
    public synchronized void stepRetrying(String runId, String step, int failedAttempt, String reason) {
        board.retrying(step, failedAttempt, reason);
    }

    @Override
    public synchronized void stepOutput(String runId, String step, String line) {
        board.printed(step, line);
        if (!settings.verbose()) return;
        above.add("  " + style.dim(String.format(Locale.ROOT, "%-" + nameWidth + "s |", step)) + " "
                + ControlCodes.keepColours(line, style.color()));
        if (above.size() >= MAX_PENDING_LINES) drawLive();
    }

    @Override
    public synchronized void stepFinished(String runId, StepResult result) {
        board.finished(result);
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        stopTicker();
        ended = true;
        board.finished(result);
        draw(frame.renderFinal(board.rows()));
        List<StepResult> failed = result.steps().stream().filter(RunSummary::failed).toList();
        if (!failed.isEmpty()) out.println();
        LiveFrame unbounded = LiveFrame.unbounded(style);
        for (StepResult r : failed) {
            out.println(unbounded.row(StepRow.done(r), nameWidth, null));
            summary.tail(r, !settings.verbose());
        }
        if (settings.summary()) summary.line(result);
        out.flush();
    }

    @Override
    public synchronized void note(String line) {
        above.add(line);
        if (started && !ended) {
            drawLive();
        } else {
            flushAbove();
        }
    }

    @Override
    public synchronized void detach() {
        stopTicker();
        flushAbove();
        drawn = 0;
    }

    @Override
    public synchronized void close() {
        stopTicker();
        ended = true;
        flushAbove();
        out.flush();
    }

    private synchronized void tick() {
        if (!ended && ticker != null) drawLive();
    }

    private void drawLive() {
        draw(frame.render(board.rows(), board.startedAt(), clock.get()));
    }

    /** Replaces the block on screen by {@code lines}, after printing the lines waiting above it. */
    private void draw(List<String> lines) {
        StringBuilder b = new StringBuilder();
        if (drawn > 0) b.append('\r').append(String.format(Locale.ROOT, CURSOR_UP, drawn));
        // a long line printed above may wrap over more than one row of the old block: clear it all first
        if (!above.isEmpty()) b.append(CLEAR_BELOW);
        for (String line : above) b.append(CLEAR_LINE).append(line).append('\n');
        above.clear();
        for (String line : lines) b.append(CLEAR_LINE).append(line).append('\n');
        b.append(CLEAR_BELOW);
        drawn = lines.size();
        out.print(b);
        out.flush();
    }

    private void flushAbove() {
        for (String line : above) out.println(line);
        above.clear();
    }

    private void stopTicker() {
        if (ticker != null) ticker.shutdown(); // cancels the periodic redraw; never interrupts one
        ticker = null;
    }
}
