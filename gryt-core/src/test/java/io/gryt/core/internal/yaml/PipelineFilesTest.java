package io.gryt.core.internal.yaml;

import static io.gryt.api.Dsl.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.OnFailure;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TempProjectExtension.class)
class PipelineFilesTest {
    private TempProject project;

    @BeforeEach
    void setUp(TempProject project) {
        this.project = project;
    }

    @Test
    void readsEverySettingOfAPipelineFile() {
        Path file = project.writePipeline("ci", """
                name: ci
                runners: 2
                env: {CI: "true", LEVEL: 3, VERBOSE: yes, EMPTY: ""}
                secrets: [TOKEN]
                fail_fast: false
                on_failure: cancel_running
                sequential: true
                working_dir: sub
                steps:
                  - name: lint
                    run: ["mvn", "-q", "spotless:check"]
                  - name: test
                    run: "mvn -q test && echo done"
                    timeout: 10m
                    retries: 1
                    depends_on: [lint]
                    env: {A: "1"}
                    secrets: [DB_PASSWORD]
                    artifacts: ["target/*.jar", "target/site/**"]
                    continue_on_error: true
                    working_dir: module-a
                  - name: package
                    depends_on: test
                    timeout: 90
                """);

        Pipeline p = PipelineFiles.parse(file);

        assertThat(p.name()).isEqualTo("ci");
        assertThat(p.runners()).isEqualTo(2);
        assertThat(p.env()).containsExactly(Map.entry("CI", "true"), Map.entry("LEVEL", "3"), Map.entry("VERBOSE", "yes"),
                Map.entry("EMPTY", ""));
        assertThat(p.secrets()).containsExactly(secret("TOKEN"));
        assertThat(p.failFast()).isFalse();
        assertThat(p.onFailure()).isEqualTo(OnFailure.CANCEL_RUNNING);
        assertThat(p.isSequential()).isTrue();
        assertThat(p.workDir()).contains(Path.of("sub"));
        assertThat(p.steps()).extracting(Step::name).containsExactly("lint", "test", "package");

        Step lint = p.steps().get(0);
        assertThat(lint.kind()).isEqualTo(Step.Kind.COMMAND);
        assertThat(lint.command()).containsExactly("mvn", "-q", "spotless:check");
        assertThat(lint.declaresDependencies()).isFalse();
        assertThat(lint.timeout()).isEmpty();

        Step test = p.steps().get(1);
        assertThat(test.kind()).isEqualTo(Step.Kind.SHELL);
        assertThat(test.script()).contains("mvn -q test && echo done");
        assertThat(test.timeout()).contains(Duration.ofMinutes(10));
        assertThat(test.retries()).isEqualTo(1);
        assertThat(test.dependsOn()).containsExactly("lint");
        assertThat(test.env()).containsExactly(Map.entry("A", "1"));
        assertThat(test.secrets()).containsExactly(secret("DB_PASSWORD"));
        assertThat(test.artifacts()).containsExactly("target/*.jar", "target/site/**");
        assertThat(test.continuesOnError()).isTrue();
        assertThat(test.workDir()).contains(Path.of("module-a"));

        Step pkg = p.steps().get(2);
        assertThat(pkg.kind()).isEqualTo(Step.Kind.REFERENCE);
        assertThat(pkg.dependsOn()).containsExactly("test");
        assertThat(pkg.timeout()).contains(Duration.ofSeconds(90));
    }

    @Test
    void aMinimalFileGetsTheDefaults() {
        Pipeline p = PipelineFiles.parse(project.writePipeline("build", """
                steps:
                  - name: compile
                    run: make
                """));

        assertThat(p.name()).isEqualTo("build");
        assertThat(p.runners()).isEqualTo(1);
        assertThat(p.env()).isEmpty();
        assertThat(p.secrets()).isEmpty();
        assertThat(p.failFast()).isTrue();
        assertThat(p.onFailure()).isEqualTo(OnFailure.FINISH_RUNNING);
        assertThat(p.isSequential()).isFalse();
        assertThat(p.workDir()).isEmpty();
        assertThat(p.steps()).containsExactly(Step.step("compile").sh("make"));
    }

    @Test
    void junitReadsOneReportPatternOrAList() {
        Pipeline p = PipelineFiles.parse(project.writePipeline("build", """
                steps:
                  - name: unit
                    run: mvn -q test
                    junit: target/surefire-reports/*.xml
                  - name: it
                    run: mvn -q verify
                    junit: [target/failsafe-reports/*.xml, build/test-results/**]
                """));

        assertThat(p.steps().get(0).junitReports()).containsExactly("target/surefire-reports/*.xml");
        assertThat(p.steps().get(1).junitReports()).containsExactly("target/failsafe-reports/*.xml", "build/test-results/**");
    }

    @Test
    void aBlankJunitPatternIsRefusedWithItsLine() {
        assertThatThrownBy(() -> PipelineFiles.parse(project.writePipeline("build", """
                steps:
                  - name: unit
                    run: mvn -q test
                    junit: ["  "]
                """))).hasMessageContaining(":4:").hasMessageContaining("a junit report path must not be blank");
    }

    @Test
    void readsTheDurationForms() {
        Pipeline p = PipelineFiles.parse(project.writePipeline("ci", """
                steps:
                  - {name: a, run: x, timeout: 90s}
                  - {name: b, run: x, timeout: 1h30m}
                  - {name: c, run: x, timeout: 500ms}
                  - {name: d, run: x, timeout: 2h}
                  - {name: e, run: x, timeout: 1m30s}
                  - {name: f, run: x, timeout: 45}
                """));

        assertThat(p.steps()).extracting(s -> s.timeout().orElseThrow()).containsExactly(
                Duration.ofSeconds(90), Duration.ofMinutes(90), Duration.ofMillis(500), Duration.ofHours(2),
                Duration.ofSeconds(90), Duration.ofSeconds(45));
    }

    @Test
    void anEmptyDependsOnListStartsTheStepRightAwayInASequence() {
        Pipeline p = PipelineFiles.parse(project.writePipeline("ci", """
                sequential: true
                steps:
                  - {name: a, run: x}
                  - {name: b, run: x, depends_on: []}
                """));

        assertThat(p.steps().get(1).declaresDependencies()).isTrue();
        assertThat(p.steps().get(1).dependsOn()).isEmpty();
    }

    @Test
    void argumentsThatYamlReadsAsNumbersOrBooleansKeepTheirText() {
        Pipeline p = PipelineFiles.parse(project.writePipeline("ci", """
                steps:
                  - name: wait
                    run: [sleep, 5, "on", 0x10, 1.50, yes]
                """));

        assertThat(p.steps().get(0).command()).containsExactly("sleep", "5", "on", "0x10", "1.50", "yes");
    }

    @Test
    void loadFindsAPipelineByNameInYamlOrYml() {
        project.writePipeline("ci", "steps: [{name: a, run: x}]\n");
        project.write(".gryt/pipelines/release.yml", "steps: [{name: b, run: y}]\n");

        assertThat(PipelineFiles.load(project.pipelinesDir(), "ci").steps()).extracting(Step::name).containsExactly("a");
        assertThat(PipelineFiles.load(project.pipelinesDir(), "release").name()).isEqualTo("release");
    }

    @Test
    void loadOfAnUnknownNameListsTheAvailablePipelines() {
        project.writePipeline("ci", "steps: [{name: a, run: x}]\n");
        project.write(".gryt/pipelines/release.yml", "steps: [{name: b, run: y}]\n");
        project.write(".gryt/pipelines/notes.txt", "not a pipeline");
        project.write(".gryt/pipelines/my ci.yaml", "steps: [{name: c, run: z}]\n");
        project.write(".gryt/pipelines/.ci.yaml", "steps: [{name: d, run: w}]\n");

        assertThatThrownBy(() -> PipelineFiles.load(project.pipelinesDir(), "deploy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no pipeline 'deploy' in " + project.pipelinesDir() + " (available: ci, release)");
    }

    @Test
    void loadWithNoPipelinesAtAllSaysWhereToWriteOne() {
        assertThatThrownBy(() -> PipelineFiles.load(project.pipelinesDir(), "ci"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no pipeline 'ci'")
                .hasMessageContaining("there are none yet: write " + project.pipelinesDir().resolve("ci.yaml"));
    }

    @Test
    void loadRefusesANameThatIsAPath() {
        assertThatThrownBy(() -> PipelineFiles.load(project.pipelinesDir(), "../secrets"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("invalid pipeline name '../secrets'");
    }

    @Test
    void loadRefusesAPipelineWrittenTwice() {
        project.writePipeline("ci", "steps: [{name: a, run: x}]\n");
        project.write(".gryt/pipelines/ci.yml", "steps: [{name: b, run: y}]\n");

        assertThatThrownBy(() -> PipelineFiles.load(project.pipelinesDir(), "ci"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("pipeline 'ci' is defined twice");
    }

    @Test
    void messagesNameTheFileAsItWasGiven() throws Exception {
        Path absolute = project.writePipeline("ci", "steps: []\n");
        Path relative = Path.of("").toAbsolutePath().relativize(absolute);
        assertThat(relative.isAbsolute()).isFalse();

        assertThatThrownBy(() -> PipelineFiles.parse(relative))
                .hasMessageStartingWith(relative + ":1:8: steps: ");
    }

    @Test
    void aMissingFileIsBadInput() {
        Path missing = project.pipelinesDir().resolve("nope.yaml");

        assertThatThrownBy(() -> PipelineFiles.parse(missing))
                .isInstanceOf(YamlException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aFileThatIsNotUtf8IsBadInput() throws Exception {
        Path file = project.pipelinesDir().resolve("ci.yaml");
        Files.write(file, new byte[] {'s', 't', 'e', 'p', 's', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThatThrownBy(() -> PipelineFiles.parse(file)).isInstanceOf(YamlException.class)
                .hasMessage(file + ": not UTF-8 text");
    }
}
