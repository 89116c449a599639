package io.gryt.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one step of a run.
 *
 * @param name       the step name
 * @param status     how it ended
 * @param exitCode   the exit code of the last attempt's process; {@code null} when no process ran
 *                   (a skipped step, a lambda step, a process that could not start)
 * @param attempts   how many attempts ran (0 for a skipped step)
 * @param startedAt  when the first attempt started; {@code null} for a skipped step
 * @param finishedAt when the last attempt ended; {@code null} for a skipped step
 * @param logPath    the step's log file; {@code null} for a skipped step
 * @param error      a one-line reason for a failure ("exit code 2", "timed out after 5s"...), or {@code null}
 * @param outputTail the last lines of output (bounded, secrets masked)
 * @param artifacts  the files the step declared and produced (only for a passing step)
 * @param metrics    numeric metrics the step recorded
 * @param outputs    named values the step wrote to its {@code $GRYT_OUTPUT} file (secrets masked), passed to the
 *                   steps that depend on it
 * @param testCases  the test cases of the JUnit XML reports the step declared, in report order
 */
public record StepResult(String name, StepStatus status, Integer exitCode, int attempts, Instant startedAt,
                         Instant finishedAt, Path logPath, String error, List<String> outputTail,
                         List<Artifact> artifacts, Map<String, Double> metrics, Map<String, String> outputs,
                         List<TestCase> testCases) {
    public StepResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        outputTail = List.copyOf(outputTail);
        artifacts = List.copyOf(artifacts);
        metrics = Map.copyOf(metrics);
        outputs = Map.copyOf(outputs);
        testCases = List.copyOf(testCases);
    }

    /** A result without outputs or test cases. */
    public StepResult(String name, StepStatus status, Integer exitCode, int attempts, Instant startedAt,
                      Instant finishedAt, Path logPath, String error, List<String> outputTail,
                      List<Artifact> artifacts, Map<String, Double> metrics) {
        this(name, status, exitCode, attempts, startedAt, finishedAt, logPath, error, outputTail, artifacts, metrics,
                Map.of(), List.of());
    }

    /** How many of the step's test cases passed, failed, errored and were skipped. */
    public TestCounts testCounts() {
        return TestCounts.of(testCases);
    }

    /** A step that never started. */
    public static StepResult skipped(String name, String reason) {
        return new StepResult(name, StepStatus.SKIPPED, null, 0, null, null, null, reason, List.of(), List.of(), Map.of());
    }

    /** The wall-clock time from first start to last end; zero for a skipped step. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
    }

    /** True when the step passed. */
    public boolean passed() {
        return status == StepStatus.PASS;
    }
}
