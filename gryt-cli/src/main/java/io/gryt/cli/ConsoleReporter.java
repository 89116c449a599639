package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run as it happens, one line per event, so it reads the same on a terminal and in a CI log.
 * A failed step is followed by the last lines of its log.
 */
final class ConsoleReporter implements RunListener {
    private static final int FAILURE_TAIL_LINES = 15;

    private final PrintStream out;
    private final ConsoleStyle style;
    private final Path projectDir;
    private int nameWidth = 12;

    ConsoleReporter(PrintStream out, ConsoleStyle style, Path projectDir) {
        this.out = out;
        this.style = style;
        this.projectDir = projectDir;
    }

    @Override
    public synchronized void runStarted(String runId, Pipeline pipeline) {
        nameWidth = Math.max(nameWidth, pipeline.steps().stream().mapToInt(s -> s.name().length()).max().orElse(0));
        out.println(style.bold("gryt run " + pipeline.name()) + style.dim(" · " + pipeline.steps().size() + " steps · "
                + pipeline.runners() + (pipeline.runners() == 1 ? " runner" : " runners") + " · run " + runId));
    }

    @Override
    public synchronized void stepStarted(String runId, String step, int attempt) {
        out.println("  " + style.dim(pad("start")) + " " + step + (attempt > 1 ? style.dim(" (attempt " + attempt + ")") : ""));
    }

    @Override
    public synchronized void stepRetrying(String runId, String step, int failedAttempt, String reason) {
        out.println("  " + style.yellow(pad("retry")) + " " + step + style.dim(" attempt " + failedAttempt + " failed: " + reason));
    }

    @Override
    public synchronized void stepFinished(String runId, StepResult r) {
        String label = pad(r.status().label());
        String colored = switch (r.status()) {
            case PASS -> style.green(label);
            case SKIPPED, CANCELLED -> style.yellow(label);
            default -> style.red(label);
        };
        StringBuilder line = new StringBuilder("  ").append(colored).append(' ')
                .append(String.format(Locale.ROOT, "%-" + nameWidth + "s", r.name()));
        if (r.status() != StepStatus.SKIPPED) line.append("  ").append(format(r.duration()));
        if (r.attempts() > 1) line.append(style.dim("  " + r.attempts() + " attempts"));
        if (r.error() != null && !r.passed()) line.append(style.dim("  " + r.error()));
        out.println(line);
        if (r.status() == StepStatus.FAIL || r.status() == StepStatus.TIMEOUT) printTail(r);
    }

    private void printTail(StepResult r) {
        List<String> tail = r.outputTail();
        List<String> last = tail.subList(Math.max(0, tail.size() - FAILURE_TAIL_LINES), tail.size());
        for (String l : last) out.println(style.dim("        | ") + l);
        if (r.logPath() != null) out.println(style.dim("        log: " + display(r.logPath())));
    }

    /** Prints the closing summary line. */
    synchronized void summary(RunResult r) {
        long passed = r.steps().stream().filter(StepResult::passed).count();
        long failed = r.steps().stream().filter(s -> s.status() == StepStatus.FAIL || s.status() == StepStatus.TIMEOUT).count();
        long skipped = r.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
        String status = r.passed() ? style.green(r.status().label()) : style.red(r.status().label());
        out.println(status + style.dim(" · " + passed + " passed · " + failed + " failed · " + skipped + " skipped · "
                + format(r.duration()) + " · logs " + display(r.logDir())));
    }

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : abs.toString();
    }

    private static String pad(String s) {
        return String.format(Locale.ROOT, "%-9s", s);
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) return String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
