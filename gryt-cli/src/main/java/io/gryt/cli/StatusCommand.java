package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gryt status [--json] [--html FILE]}: where releases and runs stand, once (what the dashboard shows live). */
@Command(name = "status", description = "Show generations and their progress, running pipelines, recent activity,"
        + " stats and alerts, once: as text, JSON, or a self-contained HTML page.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Option(names = "--json", description = "Print JSON (format gryt-status, version 1).")
    boolean json;

    @Option(names = "--html", paramLabel = "<file>",
            description = "Write a self-contained HTML page (no network, no script) to this file, atomically.")
    Path html;

    @Override
    public Integer call() {
        if (json && html != null) throw new BadInputException("--json and --html are exclusive: choose one");
        try (Gryt g = gryt.openProject()) {
            StatusPage page = StatusPage.read(g);
            if (html != null) {
                page.writeHtml(gryt.workingDir().resolve(html));
                gryt.out.println("wrote the status page (" + page.generations().size() + " generations, "
                        + page.running().size() + " running) to " + html);
            } else {
                gryt.out.print(json ? page.json() : page.text());
            }
            gryt.out.flush();
        }
        return ExitCodes.OK;
    }
}
