package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.core.Gryt;
import io.gryt.core.project.FileErrors;
import io.gryt.core.project.ProjectInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static io.gryt.api.Step.step;

/**
 * {@code gryt demo}: a throwaway project in a temp directory running a small parallel pipeline with a
 * dependency graph, a step that fails once and passes on retry, and an artifact; then says where the
 * database is.
 */
@Command(name = "demo", description = "Run a small parallel pipeline in a throwaway project and show where it was recorded.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Option(names = "--dir", paramLabel = "<dir>", description = "Create the demo project in <dir> instead of a new temp directory.")
    Path target;

    static Pipeline demoPipeline() {
        return Pipeline.named("demo")
                .steps(step("checkout").sh("echo 'fetching sources'; sleep 0.3"),
                        step("lint").sh("echo 'lint: 0 warnings'; sleep 0.6").dependsOn("checkout"),
                        step("unit-tests").sh("echo 'unit tests: 42 passed'; sleep 0.9").dependsOn("checkout"),
                        step("integration").sh("if [ ! -f .service-ready ]; then touch .service-ready;"
                                        + " echo 'service not ready yet' >&2; exit 1; fi; echo 'integration: 7 passed'")
                                .retries(2).dependsOn("checkout"),
                        step("package").sh("mkdir -p dist && echo 'demo app' > dist/app.txt && echo packaged")
                                .artifacts("dist/app.txt").dependsOn("lint", "unit-tests", "integration"))
                .runners(3)
                .build();
    }

    @Override
    public Integer call() throws IOException {
        Path dir = target != null ? emptyDirectory(target.toAbsolutePath().normalize()) : Files.createTempDirectory("gryt-demo-");
        ProjectInit.init(dir);
        gryt.out.println("gryt demo: a throwaway project in " + dir);
        gryt.out.println("  checkout, then lint + unit-tests + integration in parallel (3 runners),"
                + " then package; integration fails once and passes on retry");
        gryt.out.println();
        int code;
        try (Gryt g = Gryt.open(dir)) {
            code = Runs.runToConsole(g, demoPipeline(), gryt);
            gryt.out.println();
            gryt.out.println("recorded in " + g.layout().database());
        }
        gryt.out.println("look inside: sqlite3 " + shellWord(dir.resolve(".gryt/gryt.db").toString())
                + " 'select step_name, status, attempts, duration_ms from step_runs'");
        gryt.out.println("run its sample pipeline: ./gryt -C " + shellWord(dir.toString()) + " run ci");
        return code;
    }

    /** {@code dir}, created when missing; refused when it holds anything, since the demo writes files into it. */
    private static Path emptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new BadInputException("demo --dir " + dir + ": cannot create the directory: " + FileErrors.describe(e));
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) return dir;
        } catch (IOException e) {
            throw new BadInputException("demo --dir " + dir + ": cannot read the directory: " + FileErrors.describe(e));
        }
        throw new BadInputException("demo --dir " + dir + ": the directory is not empty"
                + " (the demo writes a project into it; name a new or empty directory)");
    }

    /** {@code s} as one word for a POSIX shell: quoted when it holds anything but safe characters. */
    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
