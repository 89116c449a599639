package io.gryt.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every mistake in a pipeline file is one line naming the file, line, column and field; all are listed. */
@ExtendWith(TempProjectExtension.class)
class PipelineFileErrorsTest {
    private TempProject project;
    private Path file;

    @BeforeEach
    void setUp(TempProject project) {
        this.project = project;
        this.file = project.pipelinesDir().resolve("ci.yaml");
    }

    private String error(String yaml) {
        project.writePipeline("ci", yaml);
        YamlException e = catchThrowableOfType(YamlException.class, () -> PipelineFiles.parse(file));
        assertThat(e).as("parsing should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(e.file()).isEqualTo(file.toString());
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void everyProblemInTheFileIsListedOnItsOwnLineInFileOrder() {
        project.writePipeline("ci", """
                runners: 0
                colour: blue
                steps:
                  - name: lint
                    run: [mvn, -q, spotless:check]
                    retries: -1
                  - name: test
                    run: mvn -q test
                    timeout: 10x
                    depends_on: [lnt]
                """);
        YamlException e = catchThrowableOfType(YamlException.class, () -> PipelineFiles.parse(file));

        assertThat(e.problems()).containsExactly(
                file + ":1:10: runners: must be at least 1, was 0",
                file + ":2:1: unknown key 'colour' (expected one of name, runners, env, secrets, fail_fast, on_failure,"
                        + " sequential, working_dir, steps, hooks)",
                file + ":6:14: steps[0].retries: must be at least 0, was -1",
                file + ":9:14: steps[1].timeout: '10x' is not a duration (use 30s, 10m, 1h30m)",
                file + ":10:18: steps[1].depends_on[0]: no step named 'lnt' in this pipeline (did you mean 'lint'?)");
        assertThat(e.getMessage().lines()).containsExactlyElementsOf(e.problems());
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void aTimeoutThatIsNotADurationIsNamedWithItsPosition() {
        assertThat(error("""
                name: ci
                steps:
                  - name: lint
                    run: [mvn, -q, spotless:check]
                  - name: test
                    run: mvn -q test
                    timeout: 10x
                """)).isEqualTo(":7:14: steps[1].timeout: '10x' is not a duration (use 30s, 10m, 1h30m)");
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThat(error("""
                steps:
                  - {name: a, run: x, timeout: 0s}
                """)).isEqualTo(":2:32: steps[0].timeout: must be longer than zero");
    }

    @Test
    void aTimeoutTooLongToMeasureIsRefusedWithItsPosition() {
        assertThat(error("""
                steps:
                  - {name: a, run: x, timeout: 999999999h}
                """)).isEqualTo(":2:32: steps[0].timeout: step 'a': timeout must be at most 106751 days");
    }

    @Test
    void anUnknownKeySuggestsTheKnownOneItResembles() {
        assertThat(error("""
                steps:
                  - name: a
                    run: x
                  - name: b
                    run: y
                  - name: c
                    run: z
                    dependson: [a]
                """)).isEqualTo(":8:5: steps[2]: unknown key 'dependson' (did you mean 'depends_on'?)");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneListsThem() {
        assertThat(error("""
                colour: blue
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:1: unknown key 'colour' (expected one of name, runners, env, secrets, "
                + "fail_fast, on_failure, sequential, working_dir, steps, hooks)");
    }

    @Test
    void aWrongTypeIsNamed() {
        assertThat(error("""
                runners: many
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:10: runners: expected a whole number, got the text 'many'");
        assertThat(error("""
                fail_fast: 1
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:12: fail_fast: expected true or false, got the number 1");
        assertThat(error("""
                steps:
                  - name: a
                    run: {cmd: x}
                """)).isEqualTo(":3:10: steps[0].run: expected a command line (text) or a list of arguments, got a map");
        assertThat(error("""
                env: [A, B]
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:6: env: expected a map, got a list");
        assertThat(error("""
                steps:
                  - name: a
                    run: x
                    retries: -1
                """)).isEqualTo(":4:14: steps[0].retries: must be at least 0, was -1");
    }

    @Test
    void runnersBelowOneAreRefused() {
        assertThat(error("""
                runners: 0
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:10: runners: must be at least 1, was 0");
    }

    @Test
    void anUnknownFailurePolicyListsTheKnownOnes() {
        assertThat(error("""
                on_failure: stop
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:13: on_failure: 'stop' is not a failure policy (use finish_running or cancel_running)");
    }

    @Test
    void anExplicitNullIsAMistake() {
        assertThat(error("""
                steps:
                  - name: a
                    run: x
                    timeout:
                """)).isEqualTo(":4:13: steps[0].timeout: no value; give one or remove the key");
    }

    @Test
    void missingStepsAreNamed() {
        assertThat(error("""
                name: ci
                runners: 2
                """)).isEqualTo(":1:1: missing 'steps': a pipeline needs a list of steps");
    }

    @Test
    void anEmptyStepListIsRefused() {
        assertThat(error("""
                runners: 2
                steps: []
                """)).isEqualTo(":2:8: steps: the list is empty; a pipeline needs at least one step");
    }

    @Test
    void aStepWithoutANameIsRefused() {
        assertThat(error("""
                steps:
                  - run: make
                """)).isEqualTo(":2:5: steps[0]: missing 'name': every step needs a name");
    }

    @Test
    void aStepThatIsNotAMapIsRefused() {
        assertThat(error("""
                steps:
                  - lint
                """)).isEqualTo(":2:5: steps[0]: expected a step (a map with 'name' and usually 'run'), got the text 'lint'");
    }

    @Test
    void duplicateStepNamesPointAtTheSecond() {
        assertThat(error("""
                steps:
                  - name: lint
                    run: a
                  - name: test
                    run: b
                  - name: lint
                    run: c
                """)).isEqualTo(":6:11: steps[2].name: duplicate step name 'lint' (first at line 2)");
    }

    @Test
    void anInvalidStepNameIsExplainedByTheApi() {
        assertThat(error("""
                steps:
                  - name: my step
                    run: a
                """)).isEqualTo(":2:11: steps[0].name: invalid step name 'my step': use 1-100 letters, digits, "
                + "'.', '_' or '-', starting with a letter or digit");
    }

    @Test
    void anUnknownDependencyIsNamedWithASuggestion() {
        assertThat(error("""
                steps:
                  - name: lint
                    run: a
                  - name: test
                    run: b
                    depends_on: [lnt]
                """)).isEqualTo(":6:18: steps[1].depends_on[0]: no step named 'lnt' in this pipeline (did you mean 'lint'?)");
        assertThat(error("""
                steps:
                  - {name: lint, run: a}
                  - {name: test, run: b, depends_on: deploy}
                """)).isEqualTo(":3:38: steps[1].depends_on: no step named 'deploy' in this pipeline (steps: lint, test)");
    }

    @Test
    void aStepCannotDependOnItself() {
        assertThat(error("""
                steps:
                  - {name: lint, run: a, depends_on: [lint]}
                """)).isEqualTo(":2:39: steps[0].depends_on[0]: step 'lint' cannot depend on itself");
    }

    @Test
    void aNameThatDiffersFromTheFileNameIsRefused() {
        assertThat(error("""
                name: release
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":1:7: name: 'release' differs from the file name 'ci'; rename the file or remove the key");
    }

    @Test
    void badEnvironmentAndSecretNamesAreRefused() {
        assertThat(error("""
                env:
                  MY-VAR: x
                steps:
                  - {name: a, run: x}
                """)).isEqualTo(":2:3: env: 'MY-VAR' is not an environment variable name (letters, digits and '_', "
                + "not starting with a digit)");
        assertThat(error("""
                steps:
                  - name: a
                    run: x
                    secrets: [TOKEN, 1PASSWORD]
                """)).isEqualTo(":4:22: steps[0].secrets[1]: '1PASSWORD' is not an environment variable name "
                + "(letters, digits and '_', not starting with a digit)");
    }

    @Test
    void anEmptyArgumentListIsRefused() {
        assertThat(error("""
                steps:
                  - name: a
                    run: []
                """)).isEqualTo(":3:10: steps[0].run: the argument list is empty; give a program to run");
    }

    @Test
    void malformedYamlIsOneLineWithJacksonsPosition() {
        assertThat(error("""
                steps:
                  - name: a
                    run: [a, b
                  - name: b
                """)).isEqualTo(":4:9: invalid YAML: expected ',' or ']', but got : "
                + "(while parsing a flow sequence at line 3, column 10)");
        assertThat(error("""
                steps:
                  - name: 'a
                """)).isEqualTo(":3:1: invalid YAML: found unexpected end of stream "
                + "(while scanning a quoted scalar at line 2, column 11)");
        assertThat(error("name: ci\n\tsteps: []\n")).startsWith(":2:1: invalid YAML: ");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(error("")).isEqualTo(":1:1: the file is empty; a pipeline needs at least 'steps'");
        assertThat(error("# nothing yet\n")).isEqualTo(":1:1: the file is empty; a pipeline needs at least 'steps'");
    }

    @Test
    void aTopLevelThatIsNotAMapIsRefused() {
        assertThat(error("""
                - name: a
                  run: x
                """)).isEqualTo(":1:1: expected a map of pipeline settings (name, steps, ...) at the top level, got a list");
        assertThat(error("just text\n"))
                .isEqualTo(":1:1: expected a map of pipeline settings (name, steps, ...) at the top level, got the text 'just text'");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(error("""
                runners: 2
                steps:
                  - {name: a, run: x}
                runners: 3
                """)).isEqualTo(":4:1: duplicate key 'runners' (first at line 1)");
    }

    @Test
    void aliasesAreRefusedRatherThanMisread() {
        assertThat(error("""
                env: {A: &v one}
                steps:
                  - {name: a, run: *v}
                """)).isEqualTo(":3:20: YAML aliases (*v) are not supported; write the value out");
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertThat(error("""
                steps:
                  - {name: a, run: x}
                ---
                steps:
                  - {name: b, run: y}
                """)).isEqualTo(":4:1: only one YAML document is allowed in a file; remove the second '---'");
    }
}
