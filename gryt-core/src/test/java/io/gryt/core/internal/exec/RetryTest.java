package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

class RetryTest {
    private static final String FAILS_ONCE =
            "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo \"attempt $n\"; [ $n -ge 2 ]";

    @TempDir
    Path dir;

    @Test
    void aFailedAttemptIsRetriedAndAllAttemptsShareTheLog() throws IOException {
        List<String> retries = new CopyOnWriteArrayList<>();
        List<Integer> starts = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void stepRetrying(String runId, String step, int failedAttempt, String reason) {
                retries.add(step + "#" + failedAttempt + ": " + reason);
            }

            @Override
            public void stepStarted(String runId, String step, int attempt) {
                starts.add(attempt);
            }
        };

        RunResult run = new Runs(dir).run(Pipeline.of(step("flaky").sh(FAILS_ONCE).retries(2)), listener);

        StepResult flaky = run.step("flaky").orElseThrow();
        assertThat(flaky.status()).isEqualTo(StepStatus.PASS);
        assertThat(flaky.attempts()).isEqualTo(2);
        assertThat(retries).containsExactly("flaky#1: exit code 1");
        assertThat(starts).containsExactly(1, 2);
        assertThat(Files.readAllLines(flaky.logPath())).containsExactly("attempt 1", "--- attempt 2 ---", "attempt 2");
    }

    @Test
    void theLastAttemptDecidesWhenRetriesRunOut() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("broken").sh("exit 4").retries(2)));

        StepResult broken = run.step("broken").orElseThrow();
        assertThat(broken.status()).isEqualTo(StepStatus.FAIL);
        assertThat(broken.attempts()).isEqualTo(3);
        assertThat(broken.error()).isEqualTo("exit code 4");
    }

    @Test
    void aTimedOutAttemptIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        RunResult run = new Runs(dir).run(Pipeline.of(step("slow-start").action(ctx -> {
            if (calls.incrementAndGet() == 1) Thread.sleep(10_000);
        }).timeout(Duration.ofMillis(200)).retries(1)));

        StepResult step = run.step("slow-start").orElseThrow();
        assertThat(step.status()).isEqualTo(StepStatus.PASS);
        assertThat(step.attempts()).isEqualTo(2);
    }

    @Test
    void aCancelledStepIsNotRetried() {
        Runs runs = new Runs(dir);
        var handle = runs.start(Pipeline.of(step("long").sh("sleep 100").retries(3)));
        runs.pidOf(handle.runId(), "long");

        handle.cancel();
        RunResult run = Runs.await(handle);

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.step("long").orElseThrow().attempts()).isEqualTo(1);
    }
}
