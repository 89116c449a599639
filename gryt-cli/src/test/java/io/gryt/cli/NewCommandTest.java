package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.template.ProjectTemplates;
import io.gryt.core.internal.yaml.PipelineFiles;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt new}: each template makes a ready project; the minimal one goes from nothing to a promoted release. */
class NewCommandTest {
    @TempDir
    Path dir;

    @Test
    void newListShowsEveryTemplate() {
        CliRun r = CliRun.in(dir, "new", "list");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("go ").contains("python").contains("node").contains("java").contains("minimal")
                .contains("go.release").contains("maven.release");
    }

    @Test
    void anUnknownTemplateIsRefusedWithTheValidOnesAndCreatesNothing() {
        CliRun r = CliRun.in(dir, "new", "golang", "app");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: no template 'golang' (templates: go, python, node, java, minimal)\n");
        assertThat(dir.resolve("app")).doesNotExist();
    }

    @Test
    void aNonEmptyDirectoryIsRefusedAndLeftAsItWas() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun r = CliRun.in(dir, "new", "minimal");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("gryt: error: cannot create a project in " + dir.toRealPath())
                .contains("the directory is not empty");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
    }

    @Test
    void theMinimalTemplateGoesFromNothingToAPromotedRelease() {
        CliRun created = CliRun.in(dir, "new", "minimal", "app");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("(a new git repository, first commit made)")
                .contains("gryt evolution start v0.1.0 --change APP-1");
        Path app = dir.resolve("app");
        TempGitRepo git = TempGitRepo.open(app);
        assertThat(git.git("log", "--oneline").lines()).hasSize(1);
        assertThat(git.git("status", "--porcelain")).as("everything committed, the database ignored").isBlank();
        assertThat(git.git("ls-files").lines()).contains(".gryt/generations/v0.1.0.yaml", ".gryt/pipelines/release.yaml",
                ".gryt/.gitignore", "README.md").doesNotContain(".gryt/gryt.db");
        assertThat(app.resolve(".gryt/gryt.db")).exists();
        assertThat(app.resolve(".gryt/pipelines/ci.yaml")).as("no sample pipeline beside the template's").doesNotExist();
        CliRun doctor = CliRun.in(app, "doctor");
        assertThat(doctor.exitCode()).as(doctor.all()).isZero();

        CliRun evolution = CliRun.in(app, "evolution", "start", "v0.1.0", "--change", "APP-1");
        assertThat(evolution.exitCode()).as(evolution.all()).isZero();
        assertThat(evolution.out()).contains("v0.1.0-rc.1").contains("pass");
        CliRun promote = CliRun.in(app, "generation", "promote", "v0.1.0");
        assertThat(promote.exitCode()).as(promote.all()).isZero();
        assertThat(git.git("tag", "-l").lines()).contains("v0.1.0-rc.1", "v0.1.0");
    }

    @Test
    void insideAGitRepositoryTheProjectIsLeftToCommit() {
        TempGitRepo outer = TempGitRepo.init(dir);
        CliRun created = CliRun.in(dir, "new", "minimal", "sub");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("(inside a git repository: commit the files)");
        assertThat(dir.resolve("sub/.git")).doesNotExist();
        assertThat(outer.git("status", "--porcelain")).contains("sub/");
    }

    @Test
    void aMissingToolchainIsNamedWithWhereToGetIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.execute(new String[]{"-C", dir.toString(), "new", "go", "app"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PATH", dir.resolve("empty-bin").toString()));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("gryt: warning: go is not on the PATH, and the project's pipeline needs it: install Go: https://go.dev/dl/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"go", "python", "node", "java"})
    void eachLanguageTemplateIsAProjectWhoseEvolutionPassesWhereItsToolchainIsInstalled(String template) throws Exception {
        CliRun created = CliRun.in(dir, "new", template, "app");
        assertThat(created.exitCode()).as(created.all()).isZero();
        Path app = dir.resolve("app");
        Pipeline release = PipelineFiles.parse(app.resolve(".gryt/pipelines/release.yaml"));
        assertThat(release.steps()).extracting(Step::name).containsExactly("lint", "test", "build");
        assertThat(release.steps()).allSatisfy(s -> assertThat(s.kind()).isNotEqualTo(Step.Kind.REFERENCE));
        assertThat(TempGitRepo.open(app).git("status", "--porcelain")).isBlank();
        String catalog = template.equals("java") ? "maven" : template;
        assertThat(CliRun.in(app, "config", "get", "catalog").out().strip())
                .as("the template's catalog is the project's: plain step names resolve in it").isEqualTo(catalog);

        List<String> missingTools = ProjectTemplates.missing(ProjectTemplates.require(template).tools(), System.getenv("PATH"));
        CliRun doctor = CliRun.in(app, "doctor");
        if (missingTools.isEmpty()) {
            assertThat(doctor.exitCode()).as(doctor.all()).isZero();
        } else {
            assertThat(doctor.exitCode()).as("doctor names the missing toolchain").isEqualTo(1);
            assertThat(doctor.out()).contains("tool " + missingTools.get(0)).contains("is not on the PATH");
            assertThat(doctor.out().lines().filter(l -> l.startsWith("FAIL")))
                    .allSatisfy(l -> assertThat(l).startsWith("FAIL    tool "));
        }

        String missing = missingToolchain(template);
        Assumptions.assumeTrue(missing == null, () -> "the " + template + " template's evolution is not run: " + missing);
        CliRun evolution = CliRun.in(app, "evolution", "start", "v0.1.0", "--change", "APP-1");
        assertThat(evolution.exitCode()).as(evolution.all()).isZero();
        assertThat(evolution.out()).contains("v0.1.0-rc.1").contains("pass");
    }

    /** Why the template's pipeline cannot pass on this machine, or null when its toolchain is complete. */
    private static String missingToolchain(String template) throws Exception {
        String path = System.getenv("PATH");
        List<String> tools = ProjectTemplates.require(template).tools();
        List<String> missing = ProjectTemplates.missing(tools, path);
        if (!missing.isEmpty()) return String.join(", ", missing) + " not on the PATH";
        if (template.equals("python") && !succeeds("python3", "-c", "import setuptools, wheel")) {
            return "python3 has no setuptools and wheel, which its build step (pip wheel --no-build-isolation) needs";
        }
        return null;
    }

    private static boolean succeeds(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
