package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingTest {
    @TempDir
    Path dir;

    private static boolean overlap(StepResult a, StepResult b) {
        return a.startedAt().isBefore(b.finishedAt()) && b.startedAt().isBefore(a.finishedAt());
    }

    @Test
    void parallelStepsOverlapWhenThereAreEnoughRunners() {
        RunResult run = new Runs(dir).run(Pipeline.of(parallel(step("a").sh("sleep 1"), step("b").sh("sleep 1")))
                .runners(2));

        assertThat(run.status()).isEqualTo(RunStatus.PASS);
        StepResult a = run.step("a").orElseThrow();
        StepResult b = run.step("b").orElseThrow();
        assertThat(overlap(a, b)).as("[%s, %s] overlaps [%s, %s]", a.startedAt(), a.finishedAt(), b.startedAt(),
                b.finishedAt()).isTrue();
        assertThat(run.duration()).isLessThan(Duration.ofMillis(1900));
    }

    @Test
    void parallelStepsTakeTurnsOnASingleRunner() {
        RunResult run = new Runs(dir).run(Pipeline.of(parallel(step("a").sh("sleep 0.3"), step("b").sh("sleep 0.3"))));

        StepResult a = run.step("a").orElseThrow();
        StepResult b = run.step("b").orElseThrow();
        assertThat(overlap(a, b)).isFalse();
        assertThat(b.startedAt()).as("with one runner ready steps start in declaration order").isAfterOrEqualTo(a.finishedAt());
    }

    @Test
    void withSeveralRunnersTheStepThatTookLongestLastTimeStartsFirst() {
        Pipeline pipeline = Pipeline.named("p").steps(step("quick-1").sh("sleep 0.1"), step("quick-2").sh("sleep 0.1"),
                step("slow").sh("sleep 0.5")).runners(2).build();
        Runs runs = new Runs(dir);

        RunResult first = runs.run(pipeline);
        StepResult slow = first.step("slow").orElseThrow();
        assertThat(slow.startedAt()).as("no history yet: declaration order")
                .isAfterOrEqualTo(earliest(first.step("quick-1").orElseThrow(), first.step("quick-2").orElseThrow()));

        RunResult second = runs.run(pipeline);
        slow = second.step("slow").orElseThrow();
        StepResult quick1 = second.step("quick-1").orElseThrow();
        StepResult quick2 = second.step("quick-2").orElseThrow();
        assertThat(slow.startedAt()).as("slow took longest in the last run: it starts in the first wave")
                .isBefore(earliest(quick1, quick2));
        StepResult later = quick1.startedAt().isAfter(quick2.startedAt()) ? quick1 : quick2;
        StepResult sooner = later == quick1 ? quick2 : quick1;
        assertThat(later.startedAt()).as("the other quick step waits for a runner").isAfterOrEqualTo(earliest(slow, sooner));
    }

    private static java.time.Instant earliest(StepResult a, StepResult b) {
        return a.finishedAt().isBefore(b.finishedAt()) ? a.finishedAt() : b.finishedAt();
    }

    @Test
    void aStepStartsOnlyAfterItsDependenciesEnded() {
        Pipeline graph = Pipeline.named("graph").steps(
                step("package").sh("true").dependsOn("compile", "test"),
                step("compile").sh("sleep 0.2"),
                step("test").sh("sleep 0.4").dependsOn("compile")).runners(3).build();

        RunResult run = new Runs(dir).run(graph);

        assertThat(run.status()).isEqualTo(RunStatus.PASS);
        assertThat(run.steps()).extracting(StepResult::name).containsExactly("package", "compile", "test");
        StepResult compile = run.step("compile").orElseThrow();
        StepResult test = run.step("test").orElseThrow();
        StepResult pack = run.step("package").orElseThrow();
        assertThat(test.startedAt()).isAfterOrEqualTo(compile.finishedAt());
        assertThat(pack.startedAt()).isAfterOrEqualTo(test.finishedAt());
    }

    @Test
    void runsOnNamedDaemonWorkerThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Pipeline pipeline = Pipeline.of(parallel(
                step("a").action(ctx -> threads.add(Thread.currentThread().getName() + ":" + Thread.currentThread().isDaemon())),
                step("b").action(ctx -> threads.add(Thread.currentThread().getName() + ":" + Thread.currentThread().isDaemon()))))
                .runners(2);

        RunResult run = new Runs(dir).run(pipeline);

        assertThat(threads).allSatisfy(t -> assertThat(t).matches("gryt-" + run.runId() + "-[12]:true"));
    }

    @Test
    void independentRunsInOneJvmDoNotInterfere() {
        Runs runs = new Runs(dir);
        List<RunResult> results = List.of(
                runs.start(Pipeline.of(step("a").sh("sleep 0.3; exit 1"))),
                runs.start(Pipeline.of(step("a").sh("sleep 0.3")))).stream().map(Runs::await).toList();

        assertThat(results).extracting(RunResult::status).containsExactly(RunStatus.FAIL, RunStatus.PASS);
        assertThat(results.get(0).runId()).isNotEqualTo(results.get(1).runId());
    }
}
