package io.gryt.core.internal.plan;

import io.gryt.core.run.StepSelection;
import io.gryt.api.BadInputException;
import io.gryt.api.OnFailure;
import io.gryt.api.Pipeline;
import io.gryt.api.Secret;
import io.gryt.api.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepSelectionTest {
    /** lint, test -> build -> package, and docs on its own. */
    private static final Pipeline RELEASE = Pipeline.named("release")
            .steps(step("lint").sh("true"), step("test").sh("true").timeout(Duration.ofSeconds(7)).retries(2),
                    step("build").sh("true").dependsOn("lint", "test"), step("package").sh("true").dependsOn("build"),
                    step("docs").sh("true"))
            .runners(3)
            .build();

    private static ExecutionPlan plan(Pipeline pipeline) {
        return PlanBuilder.plan(pipeline, Map::of);
    }

    private static Map<String, List<String>> dependencies(ExecutionPlan plan) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        plan.steps().forEach(s -> deps.put(s.name(), s.dependsOn()));
        return deps;
    }

    @Test
    void allLeavesThePlanAsItIs() {
        ExecutionPlan plan = plan(RELEASE);
        assertThat(StepSelection.ALL.applyTo(plan)).isSameAs(plan);
    }

    @Test
    void onlyKeepsTheNamedStepsAndTreatsDependenciesOutsideTheSelectionAsSatisfied() {
        ExecutionPlan selected = StepSelection.only("package", "build").applyTo(plan(RELEASE));

        assertThat(dependencies(selected)).containsExactly(Map.entry("build", List.of()), Map.entry("package", List.of("build")));
    }

    @Test
    void fromKeepsTheStepAndEverythingDownstreamOfItTransitively() {
        ExecutionPlan selected = StepSelection.from("test").applyTo(plan(RELEASE));

        assertThat(dependencies(selected)).containsExactly(Map.entry("test", List.of()), Map.entry("build", List.of("test")),
                Map.entry("package", List.of("build")));
    }

    @Test
    void fromAStepNothingDependsOnIsJustThatStep() {
        assertThat(dependencies(StepSelection.from("docs").applyTo(plan(RELEASE)))).containsOnlyKeys("docs");
    }

    @Test
    void fromFollowsTheOrderImpliedByASequenceAndItsParallelGroups() {
        Pipeline sequence = Pipeline.of(step("checkout").sh("true"), parallel(step("unit").sh("true"), step("it").sh("true")),
                step("package").sh("true"));

        ExecutionPlan selected = StepSelection.from("it").applyTo(plan(sequence));

        assertThat(dependencies(selected)).containsExactly(Map.entry("it", List.of()), Map.entry("package", List.of("it")));
    }

    @Test
    void theNarrowedPipelineHoldsOnlyTheSelectedStepsWithTheOriginalsSettings() {
        Pipeline original = RELEASE.toBuilder().env("CI", "true").failFast(false).onFailure(OnFailure.CANCEL_RUNNING)
                .workDir(Path.of("sub")).build();

        ExecutionPlan selected = StepSelection.from("test").applyTo(plan(original));

        Pipeline p = selected.pipeline();
        assertThat(p.name()).isEqualTo("release");
        assertThat(p.steps()).extracting(Step::name).containsExactly("test", "build", "package");
        assertThat(p.runners()).isEqualTo(3);
        assertThat(p.env()).containsEntry("CI", "true");
        assertThat(p.failFast()).isFalse();
        assertThat(p.onFailure()).isEqualTo(OnFailure.CANCEL_RUNNING);
        assertThat(p.workDir()).contains(Path.of("sub"));
        Step test = selected.step("test").orElseThrow().step();
        assertThat(test.timeout()).contains(Duration.ofSeconds(7));
        assertThat(test.retries()).isEqualTo(2);
        assertThat(test.script()).contains("true");
        assertThat(p.steps().get(1).dependsOn()).containsExactly("test");
    }

    @Test
    void theNarrowedPipelinePlansAgainToTheSameSteps() {
        ExecutionPlan selected = StepSelection.only("lint", "package").applyTo(plan(RELEASE));

        assertThat(dependencies(plan(selected.pipeline()))).isEqualTo(dependencies(selected));
    }

    @Test
    void secretsOfStepsLeftOutStayDeclaredSoTheirValuesAreStillMasked() {
        Pipeline p = Pipeline.named("deploy").steps(step("login").sh("true").secrets(Secret.secret("TOKEN")),
                step("push").sh("true")).build();

        ExecutionPlan selected = StepSelection.only("push").applyTo(plan(p));

        assertThat(selected.pipeline().secrets()).extracting(Secret::name).contains("TOKEN");
    }

    @Test
    void referencesResolvedFromTheProjectsStepsKeepTheirDefinition() {
        Pipeline p = Pipeline.of(step("lint"), step("test"));
        Map<String, Step> projectSteps = Map.of("lint", step("lint").run("make", "lint"), "test", step("test").run("make", "test"));

        ExecutionPlan selected = StepSelection.only("test").applyTo(PlanBuilder.plan(p, () -> projectSteps));

        assertThat(selected.steps()).singleElement().satisfies(s -> {
            assertThat(s.step().command()).containsExactly("make", "test");
            assertThat(s.dependsOn()).isEmpty();
        });
    }

    @Test
    void anUnknownStepIsBadInputNamingItAndListingThePipelinesSteps() {
        assertThatThrownBy(() -> StepSelection.only("lint", "tset").applyTo(plan(RELEASE)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("pipeline 'release' has no step 'tset' (its steps: lint, test, build, package, docs)");
        assertThatThrownBy(() -> StepSelection.from("x", "y").applyTo(plan(RELEASE)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("pipeline 'release' has no steps 'x', 'y' (");
    }

    @Test
    void aSelectionNamesAtLeastOneStep() {
        assertThatThrownBy(StepSelection::only).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepSelection(StepSelection.Mode.ALL, java.util.Set.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfAsAPersonWouldSayIt() {
        assertThat(StepSelection.ALL).hasToString("all steps");
        assertThat(StepSelection.only("lint", "test")).hasToString("only lint, test");
        assertThat(StepSelection.from("test")).hasToString("from test");
    }
}
