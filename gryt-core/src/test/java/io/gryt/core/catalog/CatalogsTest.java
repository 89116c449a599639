package io.gryt.core.catalog;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.Step;
import io.gryt.api.spi.Catalog;
import io.gryt.core.Gryt;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.core.internal.plan.PlannedStep;
import io.gryt.core.project.ProjectInit;
import io.gryt.core.internal.yaml.YamlException;
import io.gryt.testing.TempProject;
import io.gryt.core.config.ConfigFile;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Built-in, project and registered catalogs: their pipelines, their steps, and what an unknown name gets. */
class CatalogsTest {
    @TempDir
    Path dir;

    private Catalogs catalogs(List<Catalog> registered) {
        return new Catalogs(dir.resolve(".gryt/catalogs"), registered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"go", "python", "node", "rust", "maven", "gradle"})
    void everyBuiltInCatalogHasTheUsualStepsAndAReleasePipelineThatResolves(String name) {
        FoundCatalog found = catalogs(List.of()).require(name);
        assertThat(found.origin()).isEqualTo(CatalogOrigin.BUILT_IN);
        assertThat(found.catalog().description()).isNotBlank();
        assertThat(found.catalog().steps()).containsKeys("lint", "test", "build", "security");
        found.catalog().steps().values().forEach(s -> assertThat(s.kind()).as(s.name()).isNotEqualTo(Step.Kind.REFERENCE));
        assertThat(found.catalog().pipelines()).containsKeys("release", "security");
        for (String pipeline : found.catalog().pipelines().keySet()) {
            Pipeline p = catalogs(List.of()).pipeline(name + "." + pipeline);
            assertThat(p.name()).isEqualTo(name + "." + pipeline);
            ExecutionPlan plan = PlanBuilder.plan(p, Map::of); // no project steps: the catalog resolves its own
            assertThat(plan.steps()).isNotEmpty();
            for (PlannedStep s : plan.steps()) {
                assertThat(s.step().kind()).as(s.name()).isIn(Step.Kind.COMMAND, Step.Kind.SHELL);
            }
        }
        assertThat(PlanBuilder.plan(catalogs(List.of()).pipeline(name + ".release"), Map::of).steps())
                .extracting(PlannedStep::name).containsExactly("lint", "test", "build");
    }

    @Test
    void theGoReleasePipelineHasTheSeedsShape() {
        Pipeline release = catalogs(List.of()).pipeline("go.release");
        assertThat(release.runners()).isEqualTo(3);
        ExecutionPlan plan = PlanBuilder.plan(release, Map::of);
        assertThat(plan.steps()).extracting(PlannedStep::name).containsExactly("lint", "test", "build");
        assertThat(plan.steps().get(2).dependsOn()).containsExactly("lint", "test");
        assertThat(plan.steps().get(1).step().command()).containsExactly("go", "test", "./...");
    }

    @Test
    void anUnknownCatalogOrPipelineListsTheValidOnes() {
        assertThatThrownBy(() -> catalogs(List.of()).pipeline("goo.release"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no catalog 'goo'; did you mean 'go'? (catalogs: go, python, node, rust, maven, gradle)");
        assertThatThrownBy(() -> catalogs(List.of()).pipeline("go.relase"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("catalog 'go' has no pipeline 'relase'; did you mean 'go.release'? (pipelines: go.release, go.security)");
        assertThatThrownBy(() -> catalogs(List.of()).require("cobol"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no catalog 'cobol' (catalogs: go, python, node, rust, maven, gradle)");
    }

    @Test
    void aProjectCatalogFileComesFirstAndHidesABuiltInOneOfTheSameName() {
        TempProject project = TempProject.create(dir);
        project.write(".gryt/catalogs/go.yaml", """
                description: our Go
                steps:
                  test: {run: ["make", "test"]}
                pipelines:
                  release:
                    steps:
                      - name: test
                """);
        project.write(".gryt/catalogs/acme.yml", """
                steps:
                  probe: {run: "echo probe"}
                """);
        Catalogs catalogs = catalogs(List.of());
        assertThat(catalogs.names()).containsExactly("acme", "go", "python", "node", "rust", "maven", "gradle");
        FoundCatalog go = catalogs.require("go");
        assertThat(go.origin()).isEqualTo(CatalogOrigin.PROJECT);
        assertThat(go.file()).contains(dir.resolve(".gryt/catalogs/go.yaml"));
        assertThat(go.catalog().description()).isEqualTo("our Go");
        assertThat(catalogs.pipeline("go.release").steps()).extracting(Step::name).containsExactly("test");
        assertThatThrownBy(() -> catalogs.pipeline("go.security")).hasMessageContaining("(pipelines: go.release)");
        assertThat(catalogs.steps()).containsKeys("acme.probe", "go.test", "python.test", "probe", "test");
        assertThat(catalogs.steps().get("test").command()).containsExactly("make", "test");
    }

    @Test
    void aCatalogFileWithMistakesGetsEveryOneWithFileLineAndColumn() {
        TempProject project = TempProject.create(dir);
        Path file = project.write(".gryt/catalogs/acme.yaml", """
                name: acme
                descripton: typo
                steps:
                  lint: {run: ["make", "lint"], timeout: 10x}
                  test: {}
                pipelines:
                  release:
                    steps:
                      - name: lint
                      - name: tset
                """);
        assertThatThrownBy(() -> catalogs(List.of()).require("acme"))
                .isInstanceOf(YamlException.class)
                .satisfies(e -> assertThat(((YamlException) e).problems()).satisfiesExactly(
                        p -> assertThat(p).startsWith(file + ":2:1: ").contains("descripton"),
                        p -> assertThat(p).startsWith(file + ":4:").contains("timeout").contains("10x"),
                        p -> assertThat(p).startsWith(file + ":5:").contains("run"),
                        p -> assertThat(p).startsWith(file + ":10:15: ").contains("'tset'").contains("did you mean 'test'?")));
    }

    @Test
    void aCatalogFileNamedWithADotIsRefused() {
        TempProject project = TempProject.create(dir);
        project.write(".gryt/catalogs/acme.tools.yaml", "steps:\n  a: {run: echo}\n");
        assertThatThrownBy(() -> catalogs(List.of()).all())
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("acme.tools.yaml: 'acme.tools' is not a catalog name");
    }

    @Test
    void aRegisteredCatalogsStepsResolvePlainReferencesInTheJavaDsl() {
        ProjectInit.init(dir);
        Catalog registered = new Catalog() {
            @Override
            public String name() {
                return "acme";
            }

            @Override
            public Map<String, Step> steps() {
                return Map.of("check", step("check").sh("echo checked > checked.txt"));
            }

            @Override
            public Map<String, Pipeline> pipelines() {
                return Map.of();
            }
        };
        try (Gryt gryt = Gryt.builder().projectDir(dir).catalog(registered).build()) {
            assertThat(gryt.catalogs().require("acme").origin()).isEqualTo(CatalogOrigin.REGISTERED);
            RunResult r = gryt.run(Pipeline.of(step("check")));
            assertThat(r.status()).isEqualTo(RunStatus.PASS);
            assertThat(dir.resolve("checked.txt")).hasContent("checked");
            RunResult qualified = gryt.run(Pipeline.of(step("acme.check")));
            assertThat(qualified.status()).isEqualTo(RunStatus.PASS);
        }
    }

    @Test
    void aCatalogFoundWithServiceLoaderIsRegistered() {
        ProjectInit.init(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.catalogs().find("loaded-by-service")).hasValueSatisfying(
                    f -> assertThat(f.origin()).isEqualTo(CatalogOrigin.REGISTERED));
            assertThat(gryt.run(Pipeline.of(step("service-probe"))).status()).isEqualTo(RunStatus.PASS);
        }
    }

    @Test
    void aPlainNameManyCatalogsDefineIsAmbiguousAndTheErrorListsThemAndSaysHowToChoose() {
        ProjectInit.init(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            gryt.validate(Pipeline.of(step("go.test")));
            assertThatThrownBy(() -> gryt.validate(Pipeline.of(step("test"))))
                    .isInstanceOf(io.gryt.api.InvalidPipelineException.class)
                    .hasMessageContaining("step 'test' is ambiguous: 6 catalogs define it (go.test, python.test, node.test,"
                            + " rust.test, maven.test, gradle.test); name one (go.test), define it in the pipeline or"
                            + " .gryt/steps.yaml, or set the project's catalog (gryt config set catalog go)");
            assertThatThrownBy(() -> gryt.validate(Pipeline.of(step("nowhere"))))
                    .hasMessageContaining("step 'nowhere' is not defined");
        }
    }

    @Test
    void aPlainNameResolvesInThePipelineThenStepsYamlThenTheProjectsCatalog() {
        TempProject project = TempProject.create(dir);
        ConfigFile.set(dir.resolve(".gryt/config.yaml"), "catalog", "python");
        Step pythonTest = BuiltinCatalogs.all().stream().filter(c -> c.name().equals("python")).findFirst().orElseThrow()
                .steps().get("test");
        try (Gryt gryt = Gryt.open(dir)) {
            Step resolved = gryt.resolve(Pipeline.of(step("test"))).get(0);
            assertThat(resolved.command()).isEqualTo(pythonTest.command());
            assertThat(resolved.script()).isEqualTo(pythonTest.script());
            Step own = gryt.resolve(Pipeline.of(step("test")).define(step("test").sh("echo mine"))).get(0);
            assertThat(own.script()).hasValue("echo mine");
        }
        project.writeSteps("steps:\n  test: {run: \"echo steps-yaml\"}\n");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.resolve(Pipeline.of(step("test"))).get(0).script()).hasValue("echo steps-yaml");
        }
    }

    @Test
    void anEvolutionResolvesAPlainNameInTheCatalogOfItsGenerationsTemplateUnlessTheProjectSetsOne(
            @TempDir Path outside) {
        TempGitRepo git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        for (String name : List.of("acme", "beta")) {
            git.write(".gryt/catalogs/" + name + ".yaml", """
                    steps:
                      check: {run: "echo %s >> %s"}
                    pipelines:
                      release:
                        steps:
                          - name: check
                    """.formatted(name, outside.resolve("ran.txt")));
        }
        git.write(".gryt/generations/v1.0.0.yaml", """
                version: v1.0.0
                changes:
                  - {type: add, id: FEAT-001, title: "User login"}
                pipeline_template: acme.release
                """);
        git.commit("two catalogs defining check");
        Pipeline mine = Pipeline.of(step("check")).withName("mine");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.validate(mine)).hasMessageContaining(
                    "step 'check' is ambiguous: 2 catalogs define it (acme.check, beta.check)");
            assertThat(gryt.evolve("v1.0.0").proving("FEAT-001").with(mine).start().status())
                    .isEqualTo(io.gryt.api.release.EvolutionStatus.PASS);
        }
        ConfigFile.set(dir.resolve(".gryt/config.yaml"), "catalog", "beta");
        git.commit("the project's catalog is beta");
        try (Gryt gryt = Gryt.open(dir)) {
            gryt.evolve("v1.0.0").proving("FEAT-001").with(mine).start();
        }
        assertThat(outside.resolve("ran.txt")).hasContent("acme\nbeta");
    }

    @Test
    void theProjectsStepsYamlWinsOverACatalogsStepOfTheSameName() {
        TempProject project = TempProject.create(dir);
        project.writeSteps("steps:\n  service-probe: {run: \"echo mine > mine.txt\"}\n");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.run(Pipeline.of(step("service-probe"))).status()).isEqualTo(RunStatus.PASS);
            assertThat(dir.resolve("mine.txt")).hasContent("mine");
        }
    }

    @Test
    void gryPipelineReadsACatalogPipelineWhenNoFileHasItsName() {
        TempProject project = TempProject.create(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.pipeline("go.release").name()).isEqualTo("go.release");
            assertThatThrownBy(() -> gryt.pipeline("cobol.release"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("no pipeline 'cobol.release': .gryt/pipelines has no cobol.release.yaml and there is no"
                            + " catalog 'cobol' (catalogs: loaded-by-service, go, python, node, rust, maven, gradle;"
                            + " gryt catalog list)");
        }
        project.writePipeline("go.release", "steps:\n  - name: mine\n    run: echo\n");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.pipeline("go.release").steps()).extracting(Step::name).containsExactly("mine");
        }
    }
}
