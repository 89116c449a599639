package io.gryt.core;

import io.gryt.api.InvalidPipelineException;
import io.gryt.api.Pipeline;
import io.gryt.api.PipelineElement;
import io.gryt.api.Secret;
import io.gryt.api.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DSL as an embedder writes it: immutable values, and mistakes refused where they are written. */
class DslValuesTest {
    @Test
    void aNullArgumentFailsWhereItIsPassedNamingTheParameter() {
        Step a = step("a").run("true");
        assertThatThrownBy(() -> a.secrets(secret("TOKEN"), null)).hasMessage("secrets contains null");
        assertThatThrownBy(() -> a.run("echo", null)).hasMessage("argv contains null");
        assertThatThrownBy(() -> a.run((List<String>) null)).hasMessage("argv");
        assertThatThrownBy(() -> a.artifacts((String) null)).hasMessage("patterns contains null");
        assertThatThrownBy(() -> a.dependsOn((String[]) null)).hasMessage("steps");
        assertThatThrownBy(() -> a.env((Map<String, String>) null)).hasMessage("vars");
        assertThatThrownBy(() -> step("a").resolvedWith(null)).hasMessage("definition");
        assertThatThrownBy(() -> parallel(a, null)).hasMessage("steps contains null");
        assertThatThrownBy(() -> Pipeline.of((PipelineElement[]) null)).hasMessage("steps");
        assertThatThrownBy(() -> Pipeline.named("p").steps(Arrays.asList(a, null))).hasMessage("steps contains null");
        assertThatThrownBy(() -> Pipeline.of(a).secrets((Secret) null)).hasMessage("secrets contains null");
        assertThatThrownBy(() -> Pipeline.of(a).define((Step) null)).hasMessage("definitions contains null");
        assertThatThrownBy(() -> Pipeline.named("p").env((Map<String, String>) null)).hasMessage("vars");
        assertThatThrownBy(() -> Pipeline.of(a).secrets((Secret[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("secrets");
    }

    @Test
    void aTimeoutTooLongToMeasureIsRefusedWhenTheStepIsWritten() {
        assertThat(step("a").timeout(Duration.ofDays(106_751)).timeout()).contains(Duration.ofDays(106_751));
        assertThatThrownBy(() -> step("a").timeout(Duration.ofDays(106_752)))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("step 'a': timeout must be at most 106751 days");
    }

    @Test
    void anEmptyParallelGroupAndABlankSecretAreInvalidPipelines() {
        assertThatThrownBy(() -> parallel()).isInstanceOf(InvalidPipelineException.class)
                .hasMessage("parallel() needs at least one step");
        assertThatThrownBy(() -> secret(" ")).isInstanceOf(InvalidPipelineException.class)
                .hasMessage("secret name must not be blank");
    }

    @Test
    void pipelinesWrittenTheSameWayAreEqualValues() {
        Pipeline one = ci();
        Pipeline two = ci();
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.runners(4)).isNotEqualTo(two);
        assertThat(one.env("CI", "false")).isNotEqualTo(two);
        assertThat(one.secrets(secret("OTHER"))).isNotEqualTo(two);
        assertThat(one.workDir(Path.of("sub"))).isNotEqualTo(two);
        assertThat(one.define(step("x").run("true"))).isNotEqualTo(two);
        assertThat(one.withName("other")).isNotEqualTo(two);
        assertThat(one.runners(4).runners(3)).isEqualTo(two);
    }

    private static Pipeline ci() {
        return Pipeline.of(step("lint").run("true"),
                        parallel(step("unit").sh("true").timeout(Duration.ofMinutes(1)), step("it").sh("true").retries(2)))
                .env("CI", "true").secrets(secret("TOKEN")).runners(3);
    }
}
