package io.gryt.core.internal.plan;

import io.gryt.api.InvalidPipelineException;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanBuilderTest {
    private static final Supplier<Map<String, Step>> NO_PROJECT_STEPS = Map::of;

    private static Map<String, List<String>> dependencies(ExecutionPlan plan) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        plan.steps().forEach(s -> deps.put(s.name(), s.dependsOn()));
        return deps;
    }

    @Test
    void aSequenceMakesEachStepDependOnThePreviousOne() {
        ExecutionPlan plan = PlanBuilder.plan(Pipeline.of(step("a").sh("true"), step("b").sh("true"),
                step("c").sh("true")), NO_PROJECT_STEPS);

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("a", List.of()), Map.entry("b", List.of("a")), Map.entry("c", List.of("b")));
    }

    @Test
    void groupMembersDependOnThePreviousElementAndTheNextElementOnAllMembers() {
        ExecutionPlan plan = PlanBuilder.plan(Pipeline.of(step("lint").sh("true"),
                parallel(step("unit").sh("true"), step("it").sh("true")), step("package").sh("true")), NO_PROJECT_STEPS);

        assertThat(dependencies(plan)).containsExactly(
                Map.entry("lint", List.of()), Map.entry("unit", List.of("lint")), Map.entry("it", List.of("lint")),
                Map.entry("package", List.of("unit", "it")));
    }

    @Test
    void declaredDependenciesReplaceTheOrderOfASequence() {
        ExecutionPlan plan = PlanBuilder.plan(Pipeline.of(step("a").sh("true"), step("b").sh("true"),
                step("c").sh("true").dependsOn("a"), step("d").sh("true").dependsOn(new String[0])), NO_PROJECT_STEPS);

        assertThat(dependencies(plan)).containsExactly(Map.entry("a", List.of()), Map.entry("b", List.of("a")),
                Map.entry("c", List.of("a")), Map.entry("d", List.of()));
    }

    @Test
    void stepsOfAGraphDependOnlyOnWhatTheyDeclare() {
        Pipeline graph = Pipeline.named("release").steps(step("lint").sh("true"), step("test").sh("true"),
                step("build").sh("true").dependsOn("lint", "test")).build();

        assertThat(dependencies(PlanBuilder.plan(graph, NO_PROJECT_STEPS))).containsExactly(
                Map.entry("lint", List.of()), Map.entry("test", List.of()), Map.entry("build", List.of("lint", "test")));
    }

    @Test
    void anUnknownDependencyNamesBothSteps() {
        Pipeline graph = Pipeline.named("release").steps(step("lint").sh("true"),
                step("build").sh("true").dependsOn("tset")).build();

        assertThatThrownBy(() -> PlanBuilder.plan(graph, NO_PROJECT_STEPS))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("step 'build' depends on 'tset', which is not a step of pipeline 'release'");
    }

    @Test
    void aStepDependingOnItselfIsACycle() {
        Pipeline graph = Pipeline.named("ci").steps(step("a").sh("true").dependsOn("a")).build();

        assertThatThrownBy(() -> PlanBuilder.plan(graph, NO_PROJECT_STEPS))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("pipeline 'ci' has a dependency cycle: a -> a");
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        Pipeline graph = Pipeline.named("ci").steps(step("start").sh("true"),
                step("a").sh("true").dependsOn("start", "b"), step("b").sh("true").dependsOn("c"),
                step("c").sh("true").dependsOn("a")).build();

        assertThatThrownBy(() -> PlanBuilder.plan(graph, NO_PROJECT_STEPS))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("pipeline 'ci' has a dependency cycle: a -> b -> c -> a");
    }

    @Test
    void anEnvironmentNoProcessCanBeGivenIsRefusedBeforeTheRun() {
        assertThatThrownBy(() -> PlanBuilder.plan(Pipeline.of(step("a").run("true").env("A=B", "1")), NO_PROJECT_STEPS))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("step 'a': invalid environment variable name 'A=B' (it must be non-empty, without '=' or NUL)");
        assertThatThrownBy(() -> PlanBuilder.plan(Pipeline.of(step("a").run("true").env("A", "x\0y")), NO_PROJECT_STEPS))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("step 'a': the value of environment variable 'A' contains a NUL character, which no process"
                        + " can be given");
        assertThatThrownBy(() -> PlanBuilder.plan(Pipeline.named("ci").steps(step("a").run("true")).env("", "1").build(),
                NO_PROJECT_STEPS)).isInstanceOf(InvalidPipelineException.class).hasMessageStartingWith("pipeline 'ci': ");
    }

    @Test
    void anUnresolvedReferenceSaysWhereToDefineIt() {
        assertThatThrownBy(() -> PlanBuilder.plan(Pipeline.of(step("lint")), NO_PROJECT_STEPS))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("step 'lint' is not defined: add it to the pipeline (define(...)) or to .gryt/steps.yaml,"
                        + " or name a catalog's step (go.test; gryt catalog list)");
    }

    @Test
    void aReferenceResolvesFromTheCatalogWithoutLoadingProjectSteps() {
        AtomicInteger loads = new AtomicInteger();
        Pipeline pipeline = Pipeline.of(step("lint")).define(step("lint").run("mvn", "-q", "spotless:check"));

        ExecutionPlan plan = PlanBuilder.plan(pipeline, () -> {
            loads.incrementAndGet();
            return Map.of();
        });

        assertThat(plan.steps().get(0).step().command()).containsExactly("mvn", "-q", "spotless:check");
        assertThat(loads).hasValue(0);
    }

    @Test
    void aReferenceNotInTheCatalogResolvesFromProjectStepsLoadedOnce() {
        AtomicInteger loads = new AtomicInteger();
        Pipeline pipeline = Pipeline.of(step("lint"), step("test"));

        ExecutionPlan plan = PlanBuilder.plan(pipeline, () -> {
            loads.incrementAndGet();
            return Map.of("lint", step("lint").sh("make lint"), "test", step("test").sh("make test"));
        });

        assertThat(plan.steps()).extracting(s -> s.step().script().orElseThrow())
                .containsExactly("make lint", "make test");
        assertThat(loads).hasValue(1);
    }

    @Test
    void settingsMadeOnAReferenceOverrideTheDefinition() {
        Pipeline pipeline = Pipeline.of(step("build").sh("true"), step("test").timeout(Duration.ofSeconds(5)).env("X", "ref"))
                .define(step("test").sh("make test").timeout(Duration.ofMinutes(1)).retries(2).env("X", "def")
                        .env("Y", "def"));

        PlannedStep test = PlanBuilder.plan(pipeline, NO_PROJECT_STEPS).step("test").orElseThrow();

        assertThat(test.step().timeout()).contains(Duration.ofSeconds(5));
        assertThat(test.step().retries()).isEqualTo(2);
        assertThat(test.step().env()).containsEntry("X", "ref").containsEntry("Y", "def");
        assertThat(test.dependsOn()).containsExactly("build");
    }
}
