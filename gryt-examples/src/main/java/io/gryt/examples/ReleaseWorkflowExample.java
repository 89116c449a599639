package io.gryt.examples;

import io.gryt.api.Pipeline;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.gryt.api.Step.step;

/**
 * The whole release workflow in a temporary git repository: a contract ({@code v1.0.0} with two changes), an
 * evolution proving one change, a promotion blocked because the other is unproven, a second evolution, and the
 * promotion that tags {@code v1.0.0} on the tested commit. Needs git on the PATH.
 *
 * <pre>
 * mvn -q -B -pl gryt-examples -am package exec:java -DskipTests -Dgryt.docs.skip=true \
 *     -Dexec.mainClass=io.gryt.examples.ReleaseWorkflowExample
 * </pre>
 */
public final class ReleaseWorkflowExample {
    /** The release this example makes. */
    public static final String VERSION = "v1.0.0";

    private ReleaseWorkflowExample() {
    }

    /** What the workflow produced, step by step. */
    public record Outcome(Evolution first, Promotion blocked, Evolution second, Promotion released) {
    }

    /** The pipeline that proves a change: what {@code GRYT_CHANGES} names is what it proves. */
    public static Pipeline proof() {
        return Pipeline.of(
                        step("test").sh("echo \"testing $GRYT_CHANGES for $GRYT_GENERATION\""),
                        step("package").sh("mkdir -p dist && echo \"$GRYT_EVOLUTION_TAG\" > dist/build.txt").artifacts("dist/build.txt"))
                .withName("proof");
    }

    /** A git repository with gryt's layout ({@code .gryt/}) and the {@code v1.0.0} contract, committed. */
    public static void newProject(Path dir) {
        git(dir, "init", "-q");
        git(dir, "config", "user.name", "gryt example");
        git(dir, "config", "user.email", "example@gryt.io");
        git(dir, "config", "commit.gpgsign", "false");
        git(dir, "config", "tag.gpgsign", "false");
        ProjectInit.init(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            gryt.generations().create(VERSION, "First release", List.of(
                    new Change("CSV-1", ChangeType.ADD, "Export reports as CSV", null),
                    new Change("FIX-2", ChangeType.FIX, "Totals round half-up", null)), null);
        }
        try {
            Files.writeString(dir.resolve(".gitignore"), "dist/\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "The v1.0.0 contract");
    }

    /** Proves CSV-1, tries to promote (blocked: FIX-2 is unproven), proves FIX-2, promotes. */
    public static Outcome release(Gryt gryt, PrintStream out) {
        Evolution first = gryt.evolve(VERSION).proving("CSV-1").with(proof()).start();
        out.println("evolution " + first.tag() + " proving " + first.changes() + ": " + first.status().label());

        Promotion blocked = gryt.promote(VERSION);
        out.println("promotion of " + VERSION + ": " + blocked.status().name().toLowerCase(java.util.Locale.ROOT));
        for (GateResult gate : blocked.failedGates()) {
            out.println("  gate " + gate.gate() + ": " + gate.summary());
            gate.problems().forEach(problem -> out.println("    " + problem));
        }

        Evolution second = gryt.evolve(VERSION).proving("FIX-2").with(proof()).start();
        out.println("evolution " + second.tag() + " proving " + second.changes() + ": " + second.status().label());

        Promotion released = gryt.promote(VERSION);
        out.println("promotion of " + VERSION + ": " + released.status().name().toLowerCase(java.util.Locale.ROOT)
                + ", tagged " + released.tag() + " on " + released.commit().substring(0, 12));
        return new Outcome(first, blocked, second, released);
    }

    /** Runs the workflow in the directory given (a new temporary one by default); exits 0 once released. */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("gryt-release-");
        System.out.println("project: " + dir);
        newProject(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            Outcome outcome = release(gryt, System.out);
            System.out.println("tags: " + String.join(" ", git(dir, "tag", "-l").strip().split("\n")));
            System.exit(outcome.released().gatesPassed() ? 0 : 1);
        }
    }

    /** Runs git in {@code dir}; returns its output, or throws with it when git fails. */
    static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
