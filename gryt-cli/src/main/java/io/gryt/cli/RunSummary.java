package io.gryt.cli;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The end of a run's console output, whatever the display: failed steps' last log lines and the summary line. */
final class RunSummary {
    /** How many of a failed step's last output lines are shown. */
    static final int FAILURE_TAIL_LINES = 15;

    private final PrintStream out;
    private final ConsoleStyle style;
    private final Path projectDir;

    RunSummary(PrintStream out, ConsoleStyle style, Path projectDir) {
        this.out = out;
        this.style = style;
        this.projectDir = projectDir;
    }

    /** True for a step whose log is worth showing: it failed or timed out. */
    static boolean failed(StepResult r) {
        return r.status() == StepStatus.FAIL || r.status() == StepStatus.TIMEOUT;
    }

    /** Prints the last lines of {@code r}'s output (unless {@code withTail} is false) and where its log is. */
    void tail(StepResult r, boolean withTail) {
        if (withTail) {
            List<String> tail = r.outputTail();
            for (String l : tail.subList(Math.max(0, tail.size() - FAILURE_TAIL_LINES), tail.size())) {
                out.println(style.dim("        | ") + ControlCodes.keepColours(l, style.color()));
            }
        }
        if (r.logPath() != null) out.println(style.dim("        log: " + display(r.logPath())));
    }

    /** Prints the closing line: status, counts, duration, where the logs are. */
    void line(RunResult r) {
        long passed = r.steps().stream().filter(StepResult::passed).count();
        long failed = r.steps().stream().filter(RunSummary::failed).count();
        long skipped = r.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
        String status = r.passed() ? style.green(r.status().label()) : style.red(r.status().label());
        out.println(status + style.dim(" · " + passed + " passed · " + failed + " failed · " + skipped + " skipped · "
                + DurationText.of(r.duration()) + " · logs " + display(r.logDir())));
    }

    /** {@code p} relative to the project when it is inside it. */
    String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : abs.toString();
    }
}
