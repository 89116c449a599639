package io.gryt.core.metrics;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.Store;
import io.gryt.core.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Several metrics computed together give what each gives alone, reading every finished run once. */
class MetricsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final MemoryStore memory = new MemoryStore();
    private final AtomicInteger finishedRunReads = new AtomicInteger();

    /** The memory store, its reads counting {@code finishedRuns}. */
    private final Store store = new Store() {
        @Override
        public RunStore runs() {
            return memory.runs();
        }

        @Override
        public RecordReads reads() {
            RecordReads reads = memory.reads();
            return (RecordReads) Proxy.newProxyInstance(RecordReads.class.getClassLoader(), new Class<?>[] {RecordReads.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("finishedRuns")) finishedRunReads.incrementAndGet();
                        try {
                            return method.invoke(reads, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public String location() {
            return memory.location();
        }

        @Override
        public void close() {
        }
    };

    private void run(String id, int second, StepStatus status, int seconds) {
        Instant at = T0.plusSeconds(second);
        memory.runStarted(new PipelineRun(id, "ci", RunStatus.RUNNING, at, null, new ProcessOwner(1, "h", T0), "/p"));
        memory.stepStarted(id, "test", at, null);
        memory.stepFinished(id, new StepResult("test", status, status == StepStatus.PASS ? 0 : 1, 1, at,
                at.plusSeconds(seconds), Path.of("/logs/test.log"), null, List.of(), List.of(), Map.of()), List.of());
        memory.runFinished(id, status == StepStatus.PASS ? RunStatus.PASS : RunStatus.FAIL, at.plusSeconds(seconds));
    }

    @Test
    void computedTogetherTheMetricsAreThoseComputedAloneFromOneReadOfTheRuns() {
        run("r1", 0, StepStatus.PASS, 10);
        run("r2", 100, StepStatus.FAIL, 20);
        run("r3", 200, StepStatus.PASS, 30);
        Metrics metrics = new Metrics(store);
        List<String> names = List.of("pass_rate", "mean_duration", "p95_duration", "flaky_steps");

        List<MetricValue> alone = names.stream().map(n -> metrics.compute(n, Optional.empty())).toList();
        assertThat(finishedRunReads.get()).isEqualTo(3);
        finishedRunReads.set(0);
        List<MetricValue> together = metrics.computeAll(names, Optional.empty());

        assertThat(together).isEqualTo(alone);
        assertThat(together.get(0).value()).isEqualTo(2.0 / 3);
        assertThat(together.get(1).value()).isEqualTo(20.0);
        assertThat(together.get(2).value()).isEqualTo(30.0);
        assertThat(finishedRunReads.get()).isEqualTo(1);
        // a new computation reads again: it sees what was recorded since
        run("r4", 300, StepStatus.FAIL, 40);
        assertThat(metrics.computeAll(List.of("pass_rate"), Optional.empty()).get(0).value()).isEqualTo(0.5);
    }
}
