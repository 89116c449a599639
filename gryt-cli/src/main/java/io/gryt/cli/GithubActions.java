package io.gryt.cli;

import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.TestCase;
import io.gryt.api.TestCounts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub Actions conventions, on when {@code GITHUB_ACTIONS=true}: each failed step, and each failed test of its
 * JUnit reports, becomes an {@code ::error} workflow command (an annotation on the workflow run), and the run's
 * result is appended as Markdown to the job summary ({@code $GITHUB_STEP_SUMMARY}).
 */
final class GithubActions implements RunListener {
    /** Annotations per step for failed tests; GitHub shows at most 10 errors per step anyway. */
    static final int TESTS_ANNOTATED = 10;

    private final PrintStream out;
    private final Path summary;

    private GithubActions(PrintStream out, Path summary) {
        this.out = out;
        this.summary = summary;
    }

    /** The listener when {@code env} says gryt runs in GitHub Actions. */
    static Optional<GithubActions> detect(Map<String, String> env, PrintStream out) {
        if (!"true".equals(env.get("GITHUB_ACTIONS"))) return Optional.empty();
        String file = env.get("GITHUB_STEP_SUMMARY");
        return Optional.of(new GithubActions(out, file == null || file.isBlank() ? null : Path.of(file)));
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
