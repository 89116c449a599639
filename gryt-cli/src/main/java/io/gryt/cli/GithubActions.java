package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.TestCase;
import io.gryt.api.TestCounts;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions conventions, on when {@code GITHUB_ACTIONS=true}: each failed step, and each failed test of its
 * JUnit reports, becomes an {@code ::error} workflow command (an annotation on the workflow run), and the run's
 * result is appended as Markdown to the job summary ({@code $GITHUB_STEP_SUMMARY}); so is a promotion's gate report.
 * Bad input becomes one annotation per problem, on the file and line it names.
 */
final class GithubActions implements RunListener {
    /** {@code file:line[:col]: what}: how gryt names a problem in a file. */
    private static final Pattern FILE_PROBLEM = Pattern.compile("([^\\s:][^:]*):(\\d+)(?::(\\d+))?: (.*)", Pattern.DOTALL);
    /** Annotations per step for failed tests; GitHub shows at most 10 errors per step anyway. */
    static final int TESTS_ANNOTATED = 10;

    private final PrintStream out;
    private final Path summary;
    private final Path workspace;

    private GithubActions(PrintStream out, Path summary, Path workspace) {
        this.out = out;
        this.summary = summary;
        this.workspace = workspace;
    }

    /** The listener when {@code env} says gryt runs in GitHub Actions. */
    static Optional<GithubActions> detect(Map<String, String> env, PrintStream out) {
        if (!"true".equals(env.get("GITHUB_ACTIONS"))) return Optional.empty();
        String file = env.get("GITHUB_STEP_SUMMARY");
        String workspace = env.getOrDefault("GITHUB_WORKSPACE", System.getProperty("user.dir"));
        return Optional.of(new GithubActions(out, file == null || file.isBlank() ? null : Path.of(file),
                Path.of(workspace).toAbsolutePath().normalize()));
    }

    @Override
    public synchronized void stepFinished(String runId, StepResult r) {
        if (!RunSummary.failed(r)) return;
        out.println("::error title=" + property("gryt: step " + r.name() + " " + r.status().label()) + "::"
                + data(r.error() == null ? r.status().label() : r.error()));
        r.testCases().stream()
                .filter(t -> t.status() == TestCase.Status.FAILED || t.status() == TestCase.Status.ERRORED)
                .limit(TESTS_ANNOTATED)
                .forEach(t -> out.println("::error file=" + property(t.report()) + ",title=" + property(t.fullName() + " " + t.status().label())
                        + "::" + data(t.message() == null ? t.status().label() : t.message())));
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        if (summary == null) return;
        StringBuilder md = new StringBuilder();
        md.append("### gryt run `").append(result.pipelineName()).append("`: ").append(result.status().label())
                .append("\n\n| Step | Status | Duration | Tests | Error |\n|---|---|---|---|---|\n");
        for (StepResult s : result.steps()) {
            TestCounts c = s.testCounts();
            md.append("| ").append(cell(s.name())).append(" | ").append(s.status().label()).append(" | ")
                    .append(ConsoleReporter.format(s.duration())).append(" | ")
                    .append(c.total() == 0 ? "" : c.passed() + "/" + c.total() + " passed").append(" | ")
                    .append(s.error() == null ? "" : cell(s.error())).append(" |\n");
        }
        md.append("\nRun `").append(result.runId()).append("`\n\n");
        append(md);
    }

    /**
     * Each problem of bad input as an {@code ::error} annotation: on the file and line it names when it starts with
     * {@code file:line[:col]: } (the form of every file problem gryt reports; the file relative to
     * {@code $GITHUB_WORKSPACE}, the repository's root), else on the run.
     */
    synchronized void badInput(BadInputException e) {
        for (String problem : e.problems()) {
            Matcher m = FILE_PROBLEM.matcher(problem);
            if (m.matches()) {
                out.println("::error file=" + property(inWorkspace(m.group(1))) + ",line=" + m.group(2)
                        + (m.group(3) == null ? "" : ",col=" + m.group(3)) + ",title=" + property("gryt: bad input")
                        + "::" + data(m.group(4)));
            } else {
                out.println("::error title=" + property("gryt: bad input") + "::" + data(problem));
            }
        }
    }

    /**
     * The gate report of a promotion (or a dry run) appended to the job summary as Markdown, and each failed gate as
     * an {@code ::error} annotation.
     */
    synchronized void promotion(Promotion p) {
        for (GateResult g : p.failedGates()) {
            out.println("::error title=" + property("gryt: gate " + g.gate() + " failed") + "::"
                    + data(g.summary() + (g.problems().isEmpty() ? "" : ": " + String.join("; ", g.problems()))));
        }
        if (summary == null) return;
        StringBuilder md = new StringBuilder();
        md.append("### gryt promotion of `").append(p.generation()).append("`: ")
                .append(p.status() == PromotionStatus.DRY_RUN ? (p.gatesPassed() ? "dry run, would pass" : "dry run, would be blocked")
                        : p.status().label())
                .append(p.commit() == null ? "" : " at `" + p.commit().substring(0, Math.min(12, p.commit().length())) + "`")
                .append("\n\n| Gate | Result | Summary |\n|---|---|---|\n");
        for (GateResult g : p.gates()) {
            md.append("| ").append(cell(g.gate())).append(" | ").append(g.passed() ? "pass" : "**FAIL**").append(" | ")
                    .append(cell(g.summary()));
            for (String problem : g.problems()) md.append("<br>• ").append(cell(problem));
            md.append(" |\n");
        }
        if (p.status() == PromotionStatus.COMPLETED) md.append("\nTagged `").append(p.tag()).append("`\n");
        md.append('\n');
        append(md);
    }

    /** {@code file} relative to the workspace (the repository's root) when it is inside it, as annotations name files. */
    private String inWorkspace(String file) {
        try {
            Path p = Path.of(file);
            return p.isAbsolute() && p.normalize().startsWith(workspace) ? workspace.relativize(p.normalize()).toString() : file;
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
    }

    private void append(CharSequence md) {
        try {
            Files.writeString(summary, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            out.println("::warning::" + data("gryt could not write the job summary " + summary + ": " + e.getMessage()));
        }
    }

    /** A workflow command's message: {@code %}, CR and LF escaped. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value: also {@code :} and {@code ,} escaped. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
