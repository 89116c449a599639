package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.core.internal.plan.PlannedStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

/** Critical path first: each step ranked by its expected duration plus the longest path of work after it. */
class StartOrderTest {
    private static List<String> order(Map<String, Duration> last, io.gryt.api.Step... steps) {
        List<PlannedStep> planned = PlanBuilder.plan(Pipeline.named("p").steps(steps).runners(4).build(), Map::of).steps();
        return StartOrder.of(planned, last).stream().map(PlannedStep::name).toList();
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void withoutHistoryOrDependenciesTheDeclarationOrderStays() {
        assertThat(order(Map.of(), step("c").sh("true"), step("a").sh("true"), step("b").sh("true")))
                .containsExactly("c", "a", "b");
    }

    @Test
    void withoutHistoryTheLongestChainOfStepsGoesFirst() {
        assertThat(order(Map.of(), step("lint").sh("true"), step("compile").sh("true"),
                step("test").sh("true").dependsOn("compile")))
                .containsExactly("compile", "lint", "test");
    }

    @Test
    void theLastDurationsRankIndependentSteps() {
        assertThat(order(Map.of("quick", s(1), "slow", s(5)), step("quick").sh("true"), step("slow").sh("true")))
                .containsExactly("slow", "quick");
    }

    @Test
    void aStepRanksByTheWorkThatMustFollowIt() {
        Map<String, Duration> last = Map.of("lint", s(4), "compile", s(2), "test", s(10), "package", s(3));
        assertThat(order(last, step("lint").sh("true"), step("package").sh("true").dependsOn("test"),
                step("compile").sh("true"), step("test").sh("true").dependsOn("compile")))
                .as("compile 2+10+3, test 10+3, lint 4, package 3").containsExactly("compile", "test", "lint", "package");
    }

    @Test
    void aStepWithoutHistoryCountsAsTheMedianOfTheKnownOnes() {
        Map<String, Duration> last = Map.of("a", s(1), "b", s(3), "c", s(8));
        assertThat(order(last, step("a").sh("true"), step("b").sh("true"), step("c").sh("true"), step("new").sh("true")))
                .as("new counts 3 s and follows b, declared before it").containsExactly("c", "b", "new", "a");
    }
}
