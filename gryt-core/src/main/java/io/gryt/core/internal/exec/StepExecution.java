package io.gryt.core.internal.exec;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.gryt.api.Artifact;
import io.gryt.api.Step;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.TestCase;
import io.gryt.api.TestCounts;
import io.gryt.core.internal.secret.SecretMask;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes one step of a run: its attempts (retried with Failsafe on failure or timeout), then its artifacts,
 * and builds its masked {@link StepResult}. Runs on a worker thread; {@link #cancel} may come from any thread.
 */
final class StepExecution {
    private final Run run;
    private final StepSetup setup;
    private final AttemptRunner runner;
    private final GivenWrites writes;
    private volatile String cancelReason;
    private boolean startRecorded;
    private int attempts;
    private volatile Map<String, String> outputs = Map.of();

    /** Step {@code setup} run by {@code runner}, writing its outputs and metrics to {@code writes}. */
    StepExecution(Run run, StepSetup setup, AttemptRunner runner, GivenWrites writes) {
        this.run = run;
        this.setup = setup;
        this.runner = runner;
        this.writes = writes;
    }

    /** Stops the step: its process tree is killed and it ends {@code cancelled} with {@code reason}. */
    void cancel(String reason) {
        cancelReason = reason;
        runner.cancel();
    }

    /**
     * Runs the step to its end. Step failures are results; a runtime exception means the run itself failed
     * (the store could not record the start), after this step's processes were killed.
     */
    StepResult execute() {
        String denied = run.startDenial();
        if (denied == null && cancelReason != null) denied = "skipped: " + cancelReason;
        if (denied != null) return StepResult.skipped(setup.name(), denied);
        Instant startedAt = Instant.now();
        StepLog log;
        try {
            log = StepLog.open(setup.logFile(), setup.mask(),
                    run.wantsOutput() ? line -> run.output(setup.name(), line) : null);
        } catch (IOException e) {
            attemptStarted(1, null);
            String error = "cannot write log " + setup.logFile() + ": " + e.getMessage();
            return result(StepStatus.FAIL, null, startedAt, error, List.of(), List.of(), Map.of(), Map.of(), List.of());
        }
        try (log) {
            // a step without retries (most) runs its one attempt directly: no policy or executor to build per step
            AttemptOutcome outcome = setup.step().retries() == 0 ? attempt(log)
                    : Failsafe.with(retryPolicy()).get(() -> attempt(log));
            StepStatus status = outcome.status();
            String error = outcome.error();
            Map<String, Double> metrics = new LinkedHashMap<>(runner.metrics());
            try {
                StepWrites.Values written = writes.read(this::shown);
                metrics.putAll(written.metrics());
                outputs = written.outputs();
            } catch (StepWrites.MalformedException e) {
                log.note("gryt: " + e.getMessage());
                if (status == StepStatus.PASS) {
                    status = StepStatus.FAIL;
                    error = e.getMessage();
                }
            }
            try {
                writes.keepMasked(setup.mask()::apply);
            } catch (IOException | java.io.UncheckedIOException e) {
                log.note("gryt: cannot mask secrets in " + shown(setup.writes().output()) + ": " + e.getMessage());
            }
            List<TestCase> testCases = List.of();
            if (!setup.step().junitReports().isEmpty()) {
                String problem;
                try {
                    testCases = TestReports.collect(setup.projectDir(), setup.workDir(), setup.step().junitReports(),
                            startedAt, this::shown);
                    problem = TestReports.failures(testCases);
                    log.note("gryt: " + testCases.size() + " test cases in JUnit reports: " + TestCounts.of(testCases));
                } catch (TestReports.ReportException e) {
                    problem = e.getMessage();
                    log.note("gryt: " + problem);
                }
                if (problem != null && status == StepStatus.PASS) {
                    status = StepStatus.FAIL;
                    error = problem;
                }
            }
            List<Artifact> artifacts = List.of();
            if (status == StepStatus.PASS && !setup.step().artifacts().isEmpty()) {
                try {
                    artifacts = ArtifactScanner.scan(setup.projectDir(), setup.workDir(), setup.step().artifacts());
                } catch (ArtifactScanner.ArtifactException e) {
                    status = StepStatus.FAIL;
                    error = e.getMessage();
                    log.note("gryt: " + error);
                }
            }
            log.close();
            if (status == StepStatus.PASS && log.failure() != null) {
                status = StepStatus.FAIL;
                error = log.failure();
            }
            return result(status, outcome.exitCode(), startedAt, error, log.tail(), artifacts, metrics, outputs, testCases);
        }
    }

    private RetryPolicy<AttemptOutcome> retryPolicy() {
        return RetryPolicy.<AttemptOutcome>builder()
                .handleResultIf(outcome -> outcome.retryable() && cancelReason == null && run.startDenial() == null)
                .abortOn(Throwable.class)
                .withMaxRetries(setup.step().retries())
                .onRetry(e -> run.retrying(setup.name(), attempts, setup.mask().apply(e.getLastResult().error())))
                .build();
    }

    private AttemptOutcome attempt(StepLog log) {
        int attempt = ++attempts;
        if (attempt > 1) log.note("--- attempt " + attempt + " ---");
        try {
            writes.reset();
        } catch (IOException e) {
            attemptStarted(attempt, null);
            return AttemptOutcome.failed(null, "cannot prepare " + shown(setup.writes().output()) + ": " + e.getMessage());
        }
        AttemptOutcome outcome = runner.run(attempt, log, this::attemptStarted);
        String reason = cancelReason;
        if (outcome.status() == StepStatus.CANCELLED && reason != null) {
            outcome = AttemptOutcome.cancelled(outcome.exitCode(), reason);
        }
        return outcome;
    }

    private void attemptStarted(int attempt, Long pid) {
        if (!startRecorded) {
            startRecorded = true;
            run.stepStarted(setup.name(), pid);
        }
        run.attemptStarted(setup.name(), attempt);
    }

    private StepResult result(StepStatus status, Integer exitCode, Instant startedAt, String error, List<String> tail,
                              List<Artifact> artifacts, Map<String, Double> metrics, Map<String, String> outputs,
                              List<TestCase> testCases) {
        SecretMask mask = setup.mask();
        List<Artifact> maskedArtifacts = artifacts.stream()
                .map(a -> new Artifact(mask.apply(a.path()), a.size(), a.sha256())).toList();
        Map<String, Double> maskedMetrics = new LinkedHashMap<>();
        metrics.forEach((name, value) -> maskedMetrics.put(mask.apply(name), value));
        Map<String, String> maskedOutputs = new LinkedHashMap<>();
        outputs.forEach((name, value) -> maskedOutputs.put(name, mask.apply(value)));
        return new StepResult(setup.name(), status, exitCode, Math.max(attempts, 1), startedAt, Instant.now(),
                setup.logFile(), mask.apply(error), tail, maskedArtifacts, maskedMetrics, maskedOutputs,
                testCases.stream().map(t -> new TestCase(mask.apply(t.className()), mask.apply(t.name()), t.status(),
                        t.time(), mask.apply(t.message()), mask.apply(t.report()))).toList());
    }

    /** The outputs the step wrote, unmasked (for the environment of its dependents); empty until it ended. */
    Map<String, String> outputs() {
        return outputs;
    }

    /** A path as messages show it: relative to the project when inside it. */
    private String shown(Path file) {
        Path project = setup.projectDir().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(project) ? project.relativize(absolute).toString() : absolute.toString();
    }

    /** The step this executes. */
    Step step() {
        return setup.step();
    }
}
