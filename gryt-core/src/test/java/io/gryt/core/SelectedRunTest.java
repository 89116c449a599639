package io.gryt.core;

import io.gryt.core.run.RunOptions;
import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.spi.StepRun;
import io.gryt.core.run.StepSelection;
import io.gryt.core.store.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs of a selection of a pipeline's steps through {@link Gryt#start(Pipeline, RunOptions)}. */
class SelectedRunTest {
    @TempDir
    Path dir;

    private final Pipeline release = Pipeline.named("release")
            .steps(step("lint").sh("touch lint.ran"), step("test").sh("touch test.ran"),
                    step("build").sh("touch build.ran").dependsOn("lint", "test"),
                    step("package").sh("touch package.ran").dependsOn("build"))
            .build();

    @Test
    void onlyRunsAndRecordsTheNamedStepsWithoutTheirDependencies() {
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            RunResult r = gryt.start(release, RunOptions.DEFAULT.withSelection(StepSelection.only("build"))).await();

            assertThat(r.passed()).as(r.toString()).isTrue();
            assertThat(r.steps()).extracting(StepResult::name).containsExactly("build");
            assertThat(store.runs().steps(r.runId())).extracting(StepRun::name).containsExactly("build");
        }
        assertThat(dir.resolve("build.ran")).exists();
        assertThat(dir.resolve("lint.ran")).doesNotExist();
        assertThat(dir.resolve("test.ran")).doesNotExist();
        assertThat(dir.resolve("package.ran")).doesNotExist();
    }

    @Test
    void fromRunsTheStepAndWhatDependsOnItAndListenersSeeOnlyThose() {
        List<String> announced = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void runStarted(String runId, Pipeline pipeline) {
                pipeline.steps().forEach(s -> announced.add(s.name()));
            }
        };
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            RunResult r = gryt.start(release, new RunOptions(Map.of(), List.of(listener), StepSelection.from("test"))).await();

            assertThat(r.steps()).extracting(StepResult::name).containsExactly("test", "build", "package");
            assertThat(r.passed()).isTrue();
        }
        assertThat(announced).containsExactly("test", "build", "package");
        assertThat(dir.resolve("lint.ran")).doesNotExist();
        assertThat(dir.resolve("package.ran")).exists();
    }

    @Test
    void anUnknownStepIsRefusedBeforeAnythingRunsOrIsRecorded() {
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            assertThatThrownBy(() -> gryt.start(release, RunOptions.DEFAULT.withSelection(StepSelection.from("deploy"))))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("'deploy'").hasMessageContaining("lint, test");
            assertThat(store.runs().recent(10)).isEmpty();
        }
        assertThat(dir.resolve("lint.ran")).doesNotExist();
    }

    @Test
    void optionsKeepTheirSelectionWhenEnvironmentOrListenersAreAdded() {
        RunOptions options = RunOptions.DEFAULT.withSelection(StepSelection.only("lint")).withEnv("A", "1")
                .withListener(new RunListener() { });
        assertThat(options.selection()).isEqualTo(StepSelection.only("lint"));
        assertThat(new RunOptions(Map.of(), List.of()).selection()).isEqualTo(StepSelection.ALL);
    }
}
