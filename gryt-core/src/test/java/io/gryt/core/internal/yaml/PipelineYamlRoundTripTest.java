package io.gryt.core.internal.yaml;

import io.gryt.core.text.Durations;
import static io.gryt.api.Dsl.parallel;
import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.OnFailure;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TempProjectExtension.class)
class PipelineYamlRoundTripTest {

    private static Pipeline roundTrip(TempProject project, Pipeline pipeline) {
        return PipelineFiles.parse(project.writePipeline(pipeline.name(), PipelineFiles.toYaml(pipeline)));
    }

    private static void assertSameSettings(Pipeline actual, Pipeline expected) {
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.runners()).isEqualTo(expected.runners());
        assertThat(actual.env()).containsExactlyEntriesOf(expected.env());
        assertThat(actual.secrets()).containsExactlyElementsOf(expected.secrets());
        assertThat(actual.failFast()).isEqualTo(expected.failFast());
        assertThat(actual.onFailure()).isEqualTo(expected.onFailure());
        assertThat(actual.isSequential()).isEqualTo(expected.isSequential());
        assertThat(actual.workDir()).isEqualTo(expected.workDir());
    }

    @Test
    void aPipelineWrittenToYamlReadsBackTheSame(TempProject project) {
        Pipeline original = Pipeline.named("release")
                .steps(step("lint").run("mvn", "-q", "spotless:check"),
                        step("test").sh("mvn -q test && echo done\necho second line")
                                .timeout(Duration.ofMinutes(90)).retries(2).dependsOn("lint")
                                .env("A", "1").secrets(secret("DB_PASSWORD")).artifacts("target/*.jar")
                                .junitReports("target/surefire-reports/*.xml").continueOnError(true).workDir(Path.of("module-a")),
                        step("package").dependsOn("test").timeout(Duration.ofMillis(1500)),
                        step("wait").run("sleep", "5").dependsOn(new String[0]))
                .runners(3)
                .env("CI", "true")
                .secrets(secret("TOKEN"))
                .failFast(false)
                .onFailure(OnFailure.CANCEL_RUNNING)
                .workDir(Path.of("sub/dir"))
                .build();

        Pipeline read = roundTrip(project, original);

        assertSameSettings(read, original);
        assertThat(read.steps()).containsExactlyElementsOf(original.steps());
    }

    @Test
    void textsThatYamlWouldReadAsOtherTypesAreQuoted(TempProject project) {
        Pipeline original = Pipeline.named("tricky")
                .steps(step("a").run("echo", "yes", "no", "on", "null", "~", "1", "0x1F", "1.5", "", " padded ",
                                "#hash", "a: b", "- dash", "*star", "&amp", "!bang", "'quote'", "\"dq\"", "ünï"),
                        step("b").sh("true"))
                .env("NULLISH", "null").env("NUMBER", "007").env("BOOL", "false").env("EMPTY", "")
                .build();

        Pipeline read = roundTrip(project, original);

        assertThat(read.steps()).containsExactlyElementsOf(original.steps());
        assertThat(read.env()).containsExactlyEntriesOf(original.env());
    }

    @Test
    void aSequenceWithoutGroupsStaysASequence(TempProject project) {
        Pipeline original = Pipeline.of(step("a").run("a"), step("b").run("b"), step("c").run("c").dependsOn("a"));

        Pipeline read = roundTrip(project, original);

        assertThat(PipelineFiles.toYaml(original)).contains("sequential: true");
        assertSameSettings(read, original);
        assertThat(read.steps()).containsExactlyElementsOf(original.steps());
    }

    @Test
    void aSequenceWithParallelGroupsIsWrittenAsItsDependencyGraph(TempProject project) {
        Pipeline original = Pipeline.of(step("lint").run("lint"),
                        parallel(step("unit").run("unit"), step("it").run("it")),
                        step("package").run("package"))
                .withName("ci");

        Pipeline read = roundTrip(project, original);

        assertThat(read.isSequential()).isFalse();
        assertThat(read.steps()).extracting(Step::name).containsExactly("lint", "unit", "it", "package");
        assertThat(read.steps().get(0).declaresDependencies()).isFalse();
        assertThat(read.steps().get(1).dependsOn()).containsExactly("lint");
        assertThat(read.steps().get(2).dependsOn()).containsExactly("lint");
        assertThat(read.steps().get(3).dependsOn()).containsExactly("unit", "it");
    }

    @Test
    void referencesToThePipelinesOwnDefinitionsAreWrittenResolved(TempProject project) {
        Pipeline original = Pipeline.named("ci")
                .define(step("lint").run("mvn", "-q", "spotless:check").timeout(Duration.ofMinutes(2)))
                .steps(step("lint").retries(1), step("test").run("mvn", "test"))
                .build();

        Pipeline read = roundTrip(project, original);

        assertThat(read.steps().get(0).command()).containsExactly("mvn", "-q", "spotless:check");
        assertThat(read.steps().get(0).timeout()).contains(Duration.ofMinutes(2));
        assertThat(read.steps().get(0).retries()).isEqualTo(1);
    }

    @Test
    void theWrittenTextIsPlainYaml() {
        String yaml = PipelineFiles.toYaml(Pipeline.named("ci")
                .steps(step("lint").run("mvn", "-q"), step("test").sh("mvn test").timeout(Duration.ofMinutes(10))
                        .dependsOn("lint"))
                .runners(2)
                .build());

        assertThat(yaml).isEqualTo("""
                name: ci
                runners: 2
                steps:
                  - name: lint
                    run:
                      - mvn
                      - -q
                  - name: test
                    run: mvn test
                    timeout: 10m
                    depends_on:
                      - lint
                """);
    }

    @Test
    void lambdaStepsCannotBeWritten() {
        Pipeline p = Pipeline.of(step("check").action(ctx -> { }));

        assertThatThrownBy(() -> PipelineFiles.toYaml(p)).isInstanceOf(BadInputException.class)
                .hasMessage("pipeline 'pipeline': step 'check' runs a Java lambda, which cannot be written to YAML");
    }

    @Test
    void durationsWriteInTheirShortestForm() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofHours(49))).isEqualTo("49h");
        assertThat(Durations.format(Duration.ofSeconds(61, 5_000_000))).isEqualTo("1m1s5ms");
        assertThat(Durations.parse("1m1s5ms")).isEqualTo(Duration.ofSeconds(61, 5_000_000));
        assertThat(Durations.parse("5ms")).isEqualTo(Duration.ofMillis(5));
        assertThat(Durations.parse("1h30")).isNull();
        assertThat(Durations.parse("m")).isNull();
        assertThat(Durations.parse("1.5s")).isNull();
    }

    @Test
    void aPipelineFilesHooksAreWrittenBackAsTheyWereRead(TempProject project) {
        Pipeline read = PipelineFiles.parse(project.writePipeline("guarded", """
                name: guarded
                steps:
                  - name: test
                    run: [echo, test]
                hooks:
                  - name: no-fridays
                    on: evolution.starting
                    run: 'test "$(date +%u)" != 5 || { echo "no releases on Fridays"; exit 1; }'
                    timeout: 1m30s
                  - name: review
                    on: [promotion.starting, evolution.starting]
                    run: ["./ci/review.sh", "--strict"]
                    change_types: [add, fix]
                  - name: notify
                    run: "echo done"
                """));
        assertThat(read.hooks()).hasSize(3);
        String written = PipelineFiles.toYaml(read);
        assertThat(written).contains("hooks:", "no-fridays", "change_types:");
        Pipeline again = PipelineFiles.parse(project.writePipeline("guarded", written));
        assertThat(again.hooks()).isEqualTo(read.hooks());
        assertThat(again).isEqualTo(read);
    }

    @Test
    void aJavaHookIsRefusedRatherThanDroppedWhenAPipelineIsWrittenToYaml() {
        io.gryt.api.spi.Hook java = new io.gryt.api.spi.Hook() {
            @Override
            public Verdict on(io.gryt.api.event.GrytEvent event) {
                return Verdict.proceed();
            }

            @Override
            public String name() {
                return "freeze";
            }
        };
        Pipeline pipeline = Pipeline.named("release").steps(step("test").run("echo", "test")).build().hook(java);
        assertThatThrownBy(() -> PipelineFiles.toYaml(pipeline)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("pipeline 'release': hook 'freeze' is Java code")
                .hasMessageEndingWith("which cannot be written to YAML (declare it as a command hook)");
    }
}
