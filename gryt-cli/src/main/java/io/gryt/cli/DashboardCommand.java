package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.core.Gryt;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code gryt dashboard}: the live full-screen view (module gryt-dashboard). Only {@link #call} names the
 * dashboard, so that its classes and the terminal library load when this command runs and never for the others.
 */
@Command(name = "dashboard", description = "A live full-screen view of generations, evolutions, running pipelines,"
        + " recent activity, stats and alerts (keys: arrows or j/k, Enter, l, /, q). Needs a terminal; see gryt status.")
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        if (gryt.out != System.out || !Terminal.stdoutIsTerminal() || "dumb".equals(gryt.env.get("TERM"))) {
            throw new BadInputException("gryt dashboard needs a terminal (standard output is not one); for a one-shot"
                    + " summary use gryt status (or gryt status --json, gryt status --html <file>)");
        }
        String noColor = gryt.env.get("NO_COLOR");
        try (Gryt g = gryt.openProject()) {
            return io.gryt.dashboard.Dashboard.run(g, noColor == null || noColor.isEmpty());
        }
    }
}
