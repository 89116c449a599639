package io.gryt.core.internal.yaml;

import static io.gryt.api.Dsl.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TempProjectExtension.class)
class StepDefinitionsTest {

    @Test
    void readsDefinitionsByNameInFileOrder(TempProject project) {
        project.writeSteps("""
                steps:
                  package:
                    run: [mvn, -q, package]
                    timeout: 5m
                    retries: 2
                    env: {PROFILE: release}
                    secrets: [SIGNING_KEY]
                    artifacts: ["target/*.jar"]
                    continue_on_error: true
                    working_dir: app
                    depends_on: [test]
                  publish:
                    run: ./publish.sh "$VERSION"
                """);

        Map<String, Step> steps = PipelineFiles.loadSteps(project.stepsFile());

        assertThat(steps).containsOnlyKeys("package", "publish");
        assertThat(steps.keySet()).containsExactly("package", "publish");
        Step pkg = steps.get("package");
        assertThat(pkg.name()).isEqualTo("package");
        assertThat(pkg.command()).containsExactly("mvn", "-q", "package");
        assertThat(pkg.timeout()).contains(Duration.ofMinutes(5));
        assertThat(pkg.retries()).isEqualTo(2);
        assertThat(pkg.env()).containsExactly(Map.entry("PROFILE", "release"));
        assertThat(pkg.secrets()).containsExactly(secret("SIGNING_KEY"));
        assertThat(pkg.artifacts()).containsExactly("target/*.jar");
        assertThat(pkg.continuesOnError()).isTrue();
        assertThat(pkg.workDir()).contains(Path.of("app"));
        assertThat(pkg.dependsOn()).containsExactly("test");
        assertThat(steps.get("publish").script()).contains("./publish.sh \"$VERSION\"");
    }

    @Test
    void aReferenceInAPipelineResolvesToItsDefinition(TempProject project) {
        project.writeSteps("""
                steps:
                  package: {run: make package, timeout: 5m, retries: 2}
                """);
        Pipeline p = PipelineFiles.parse(project.writePipeline("ci", """
                steps:
                  - {name: build, run: make}
                  - {name: package, retries: 0, depends_on: [build]}
                """));

        Step resolved = p.steps().get(1).resolvedWith(PipelineFiles.loadSteps(project.stepsFile()).get("package"));

        assertThat(resolved.script()).contains("make package");
        assertThat(resolved.timeout()).contains(Duration.ofMinutes(5));
        assertThat(resolved.retries()).isZero();
        assertThat(resolved.dependsOn()).containsExactly("build");
    }

    @Test
    void noFileMeansNoDefinitions(TempProject project) {
        assertThat(PipelineFiles.loadSteps(project.stepsFile())).isEmpty();
        project.writeSteps("# reusable steps go here\n");
        assertThat(PipelineFiles.loadSteps(project.stepsFile())).isEmpty();
        project.writeSteps("steps: {}\n");
        assertThat(PipelineFiles.loadSteps(project.stepsFile())).isEmpty();
    }

    @Test
    void aDefinitionNeedsSomethingToRun(TempProject project) {
        Path file = project.writeSteps("""
                steps:
                  package:
                    timeout: 5m
                """);

        assertThatThrownBy(() -> PipelineFiles.loadSteps(file)).isInstanceOf(YamlException.class)
                .hasMessage(file + ":3:5: steps.package: missing 'run': a definition needs a command or script to run");
    }

    @Test
    void aDefinitionThatDependsOnItselfIsRefusedWhereItIsWritten(TempProject project) {
        Path file = project.writeSteps("""
                steps:
                  package:
                    run: make
                    depends_on: [lint, package]
                """);

        assertThatThrownBy(() -> PipelineFiles.loadSteps(file)).isInstanceOf(YamlException.class)
                .hasMessage(file + ":4:24: steps.package.depends_on[1]: step 'package' cannot depend on itself");
    }

    @Test
    void mistakesInDefinitionsNameTheFieldPath(TempProject project) {
        Path file = project.writeSteps("""
                steps:
                  package:
                    run: make
                    retry: 2
                """);
        assertThatThrownBy(() -> PipelineFiles.loadSteps(file))
                .hasMessage(file + ":4:5: steps.package: unknown key 'retry' (did you mean 'retries'?)");

        project.writeSteps("""
                steps:
                  package:
                    run: make
                    timeout: soon
                """);
        assertThatThrownBy(() -> PipelineFiles.loadSteps(file))
                .hasMessage(file + ":4:14: steps.package.timeout: 'soon' is not a duration (use 30s, 10m, 1h30m)");

        project.writeSteps("""
                steps:
                  bad name:
                    run: make
                """);
        assertThatThrownBy(() -> PipelineFiles.loadSteps(file))
                .hasMessageStartingWith(file + ":2:3: steps: invalid step name 'bad name'");

        project.writeSteps("""
                package:
                  run: make
                """);
        assertThatThrownBy(() -> PipelineFiles.loadSteps(file))
                .hasMessage(file + ":1:1: unknown key 'package' (expected one of steps)");

        project.writeSteps("""
                steps:
                  - package
                """);
        assertThatThrownBy(() -> PipelineFiles.loadSteps(file))
                .hasMessage(file + ":2:3: steps: expected a map, got a list");
    }
}
