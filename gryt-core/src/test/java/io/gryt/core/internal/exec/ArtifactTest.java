package io.gryt.core.internal.exec;

import io.gryt.api.Artifact;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ArtifactTest {
    @TempDir
    Path dir;

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void producedFilesAreRecordedWithTheirDigests() throws Exception {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.of(step("build")
                .sh("mkdir -p target dist/docs && printf hello > target/app.jar && printf x > target/notes.txt"
                        + " && printf a > dist/index.html && printf bb > dist/docs/guide.html && printf bin > app")
                .artifacts("target/*.jar", "dist/**", "app")));

        StepResult build = run.step("build").orElseThrow();
        assertThat(build.status()).isEqualTo(StepStatus.PASS);
        assertThat(build.artifacts()).containsExactly(
                new Artifact("target/app.jar", 5, sha256("hello")),
                new Artifact("dist/docs/guide.html", 2, sha256("bb")),
                new Artifact("dist/index.html", 1, sha256("a")),
                new Artifact("app", 3, sha256("bin")));
        assertThat(runs.store.dataRows(run.runId())).filteredOn(r -> r.kind() == DataRow.Kind.ARTIFACT)
                .extracting(DataRow::name, DataRow::number, DataRow::sha256)
                .startsWith(tuple("target/app.jar", 5.0, sha256("hello")));
    }

    @Test
    void artifactsAreFoundInTheStepsWorkingDirectory() throws Exception {
        Files.createDirectories(dir.resolve("module"));

        RunResult run = new Runs(dir).run(Pipeline.of(step("build").sh("mkdir -p out && printf z > out/z.bin")
                .workDir(Path.of("module")).artifacts("out/z.bin")));

        assertThat(run.step("build").orElseThrow().artifacts()).containsExactly(new Artifact("out/z.bin", 1, sha256("z")));
    }

    @Test
    void aDeclaredArtifactThatWasNotProducedFailsTheStep() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("build").sh("mkdir -p bin").artifacts("bin/app")));

        StepResult build = run.step("build").orElseThrow();
        assertThat(build.status()).isEqualTo(StepStatus.FAIL);
        assertThat(build.error()).isEqualTo("artifact 'bin/app' was not produced");
        assertThat(build.artifacts()).isEmpty();
    }

    @Test
    void aGlobMatchingNothingFailsTheStep() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("build").sh("true").artifacts("target/*.jar")));

        assertThat(run.step("build").orElseThrow().error()).isEqualTo("artifact 'target/*.jar' was not produced");
    }

    @Test
    void aDeclaredDirectoryThatIsASymbolicLinkIsWalked() throws Exception {
        RunResult run = new Runs(dir).run(Pipeline.named("ci").steps(
                step("build").sh("mkdir -p build/1.0 && printf a > build/1.0/a.jar && ln -s build/1.0 latest")
                        .artifacts("latest"),
                step("glob").sh("true").artifacts("latest/*.jar").dependsOn("build")).build());

        assertThat(run.steps()).allSatisfy(s -> assertThat(s.artifacts()).as(s.error())
                .containsExactly(new Artifact("latest/a.jar", 1, sha256("a"))));
    }

    @Test
    void anArtifactOutsideTheProjectIsRefused() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("elsewhere.txt"), "not made by the step");

        RunResult run = new Runs(project).run(Pipeline.named("ci").steps(
                step("up").sh("true").artifacts("../elsewhere.txt"),
                step("absolute").sh("true").artifacts(dir.resolve("*.txt").toString())).failFast(false).build());

        assertThat(run.steps()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(StepStatus.FAIL);
            assertThat(s.artifacts()).isEmpty();
        });
        assertThat(run.step("up").orElseThrow().error())
                .isEqualTo("artifact '../elsewhere.txt' is outside the project and the step's working directory");
    }

    @Test
    void aDirectoryLinkLeadingOutOfTheProjectIsNotWalked() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/secret.txt"), "not made by the step");

        RunResult run = new Runs(project).run(Pipeline.of(step("build").sh("ln -s ../outside out").artifacts("out")));

        StepResult build = run.step("build").orElseThrow();
        assertThat(build.artifacts()).isEmpty();
        assertThat(build.error())
                .isEqualTo("artifact 'out' is outside the project and the step's working directory (through a symbolic link)");
    }

    @Test
    void aStepInASubdirectoryMayNameArtifactsElsewhereInTheProject() throws Exception {
        Files.createDirectories(dir.resolve("module"));

        RunResult run = new Runs(dir).run(Pipeline.of(step("build").sh("mkdir -p ../dist && printf d > ../dist/d.bin")
                .workDir(Path.of("module")).artifacts("../dist/d.bin")));

        assertThat(run.step("build").orElseThrow().artifacts()).containsExactly(new Artifact("../dist/d.bin", 1, sha256("d")));
    }
}
