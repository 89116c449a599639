package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.internal.yaml.PipelineFiles;
import io.gryt.testing.ChildJvm;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt catalog list|show}, {@code gryt pipeline new --from catalog:...}, and the seed's Quick Start verbatim. */
class CatalogCommandsTest {
    @TempDir
    Path dir;

    @Test
    void catalogListShowsTheBuiltInCatalogsEvenOutsideAProject() throws Exception {
        CliRun r = CliRun.in(dir, "catalog", "list");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("CATALOG").contains("go ").contains("python").contains("node").contains("rust")
                .contains("maven").contains("gradle").contains("built-in").contains("release, security");
        JsonNode json = ReleaseCommandsTest.JSON.readTree(CliRun.in(dir, "catalog", "list", "--json").out());
        assertThat(json).hasSizeGreaterThanOrEqualTo(6);
        assertThat(json.get(0).get("name").asText()).isEqualTo("go");
        assertThat(json.get(0).get("pipelines").get("release").get("steps").toString()).isEqualTo("[\"lint\",\"test\",\"build\"]");
    }

    @Test
    void catalogShowGoListsWhatEachStepRunsAndThePipelines() {
        CliRun r = CliRun.in(dir, "catalog", "show", "go");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("catalog go (built-in)")
                .contains("go.test").contains("go test ./...").contains("govulncheck ./...")
                .contains("go.release (runners 3): lint, test, build (after lint, test)");
    }

    @Test
    void anUnknownCatalogListsTheValidOnesAndExitsTwo() {
        CliRun r = CliRun.in(dir, "catalog", "show", "golang");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: no catalog 'golang' (catalogs: go, python, node, rust, maven, gradle)\n");
    }

    @Test
    void aProjectCatalogIsListedFirstAndAMistakeInItNamesFileLineAndColumn() throws IOException {
        CliRun.in(dir, "init");
        Files.createDirectories(dir.resolve(".gryt/catalogs"));
        Files.writeString(dir.resolve(".gryt/catalogs/acme.yaml"), "steps:\n  probe: {run: echo, retries: -1}\n");
        CliRun broken = CliRun.in(dir, "catalog", "list");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).startsWith("gryt: error: ").contains("acme.yaml:2:").contains("retries");
        Files.writeString(dir.resolve(".gryt/catalogs/acme.yaml"), "description: ours\nsteps:\n  probe: {run: echo}\n");
        CliRun r = CliRun.in(dir, "catalog", "list");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out().lines().skip(1).findFirst().orElseThrow()).startsWith("acme").contains("project").contains("ours");
    }

    @Test
    void gryRunRunsACatalogPipelineAndAPipelineFileCanReferToCatalogSteps() throws IOException {
        CliRun.in(dir, "init");
        Files.createDirectories(dir.resolve(".gryt/catalogs"));
        Files.writeString(dir.resolve(".gryt/catalogs/acme.yaml"), """
                steps:
                  probe: {run: "echo probed > probed.txt"}
                pipelines:
                  release:
                    steps:
                      - name: probe
                """);
        CliRun run = CliRun.in(dir, "run", "acme.release");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(dir.resolve("probed.txt")).hasContent("probed");

        Files.writeString(dir.resolve(".gryt/pipelines/uses.yaml"), """
                steps:
                  - name: acme.probe
                  - name: after
                    run: "test -f probed.txt"
                    depends_on: [acme.probe]
                """);
        Files.delete(dir.resolve("probed.txt"));
        CliRun uses = CliRun.in(dir, "run", "uses");
        assertThat(uses.exitCode()).as(uses.all()).isZero();
        assertThat(dir.resolve("probed.txt")).hasContent("probed");
    }

    @Test
    void pipelineNewFromACatalogWritesAPipelineFileWithTheCatalogsStepsResolved() throws IOException {
        CliRun.in(dir, "init");
        CliRun r = CliRun.in(dir, "pipeline", "new", "myapp", "--from", "catalog:go.release");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("created .gryt/pipelines/myapp.yaml from go.release")
                .contains("set catalog: go in .gryt/config.yaml (plain step names such as test resolve in it)");
        assertThat(CliRun.in(dir, "config", "get", "catalog").out().strip()).isEqualTo("go");
        Path file = dir.resolve(".gryt/pipelines/myapp.yaml");
        Pipeline p = PipelineFiles.parse(file);
        assertThat(p.name()).isEqualTo("myapp");
        assertThat(p.runners()).isEqualTo(3);
        assertThat(p.steps()).extracting(Step::name).containsExactly("lint", "test", "build");
        assertThat(p.steps().get(1).command()).containsExactly("go", "test", "./...");
        assertThat(p.steps().get(2).dependsOn()).containsExactly("lint", "test");

        String before = Files.readString(file);
        CliRun again = CliRun.in(dir, "pipeline", "new", "myapp", "--from", "catalog:python.release");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("pipeline 'myapp' already exists");
        assertThat(file).hasContent(before);

        CliRun second = CliRun.in(dir, "pipeline", "new", "py", "--from", "catalog:python.release");
        assertThat(second.out()).as("a project's catalog, once set, stays").doesNotContain("set catalog");
        assertThat(CliRun.in(dir, "config", "get", "catalog").out().strip()).isEqualTo("go");

        CliRun unknown = CliRun.in(dir, "pipeline", "new", "other", "--from", "catalog:go.relaese");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("gryt: error: catalog 'go' has no pipeline 'relaese'; did you mean 'go.release'?"
                + " (pipelines: go.release, go.security)\n");
        CliRun notCatalog = CliRun.in(dir, "pipeline", "new", "other", "--from", "go.release");
        assertThat(notCatalog.exitCode()).isEqualTo(2);
        assertThat(notCatalog.err()).contains("expected catalog:<catalog>.<pipeline>");
        assertThat(dir.resolve(".gryt/pipelines/other.yaml")).doesNotExist();
    }

    /**
     * The seed's Quick Start, its commands and generation file as written. Two things around it: the project is a git
     * repository whose contract is committed before the evolution (gryt proves committed contracts), and {@code go} and
     * {@code gofmt} are stand-ins on the PATH (this machine has no Go toolchain) that record how go.release called them.
     */
    @Test
    void theSeedsQuickStartRunsVerbatim() throws Exception {
        TempGitRepo git = TempGitRepo.init(dir.resolve("app"));
        Path app = git.dir();
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path calls = tools.resolve("calls.log");
        tool(tools.resolve("go"), "echo \"go $*\" >> '" + calls + "'\n"
                + "if [ \"$1\" = build ]; then mkdir -p bin && echo app > bin/app; fi\n");
        tool(tools.resolve("gofmt"), "echo \"gofmt $*\" >> '" + calls + "'\n");

        // 1. Initialize
        assertThat(CliRun.in(app, "init").exitCode()).isZero();
        // 2. Define release contract
        git.write(".gryt/generations/v1.0.0.yaml", """
                version: v1.0.0
                changes:
                  - type: add
                    id: FEAT-001
                    title: "User login"
                pipeline_template: go.release
                """);
        git.write(".gitignore", "bin/\n");
        git.commit("the v1.0.0 contract");
        // 3. Run evolution
        try (ChildJvm evolution = ChildJvm.of(Main.class).directory(app)
                .env("PATH", tools + java.io.File.pathSeparator + System.getenv("PATH"))
                .args("evolution", "start", "v1.0.0", "--change", "FEAT-001").start()) {
            assertThat(evolution.waitFor(Duration.ofMinutes(3))).as(evolution.output()).isZero();
            assertThat(String.join("\n", evolution.lines())).contains("v1.0.0-rc.1").contains("pass");
        }
        assertThat(Files.readAllLines(calls)).containsExactlyInAnyOrder(
                "gofmt -l .", "go vet ./...", "go test ./...", "go build -o bin/ ./...");
        // 4. Promote when ready
        CliRun promote = CliRun.in(app, "generation", "promote", "v1.0.0");
        assertThat(promote.exitCode()).as(promote.all()).isZero();
        assertThat(git.git("tag", "-l", "v1.0.0").strip()).isEqualTo("v1.0.0");
    }

    private static void tool(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
