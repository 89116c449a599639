package io.gryt.cli;

import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gryt init}: creates {@code .gryt/} with the database and a sample pipeline; running it twice is harmless. */
@Command(name = "init", description = "Create .gryt/ with the audit database and a sample pipeline (never overwrites).")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        Path dir = gryt.workingDir();
        ProjectLayout layout = new ProjectLayout(dir);
        boolean hadDatabase = Files.exists(layout.database());
        List<Path> created = ProjectInit.init(dir);
        try (Gryt g = Gryt.open(dir)) {
            Recovered.report(g, gryt.err);
            warnWhenIgnored(g, layout);
        }
        if (created.isEmpty() && hadDatabase) {
            gryt.out.println("gryt project already initialized in " + dir + " (nothing changed)");
        } else {
            gryt.out.println("initialized gryt project in " + dir);
            for (Path p : created) gryt.out.println("  created " + layout.display(p) + (Files.isDirectory(p) ? "/" : ""));
            if (!hadDatabase) gryt.out.println("  created " + layout.display(layout.database()) + " (audit database)");
        }
        gryt.out.println("next: gryt run ci");
        return ExitCodes.OK;
    }

    /** Warns when a .gitignore rule of the repository keeps the pipeline (and so the contract) files out of git. */
    private void warnWhenIgnored(Gryt g, ProjectLayout layout) {
        Path sample = layout.pipelinesDir().resolve("ci.yaml");
        if (!g.ignoredByGit(sample)) return;
        gryt.err.println("gryt: warning: a .gitignore rule ignores " + layout.display(sample) + " (git check-ignore -v "
                + layout.display(sample) + " shows it): pipeline and generation files must be committed for evolutions"
                + " and promotions; drop the rule (.gryt/.gitignore already keeps the database, logs and snapshots out)");
    }
}
