package io.gryt.core;

import io.gryt.api.InvalidPipelineException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.RunListener;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.StoreException;
import io.gryt.core.store.MemoryStore;
import io.gryt.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.gryt.api.Secret.secret;
import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry point end to end: project files, the real SQLite store, real processes. */
class GrytTest {
    @TempDir
    Path dir;

    @Test
    void theProjectCardExpressionRunsWithStepsDefinedInStepsYaml() {
        TempProject project = TempProject.create(dir);
        project.writeSteps("""
                steps:
                  lint:
                    run: "echo linting > lint.out"
                  test:
                    run: ["sh", "-c", "test -f lint.out && echo tested"]
                """);
        Pipeline p = Pipeline.of(step("lint"), step("test")).runners(3);
        try (Gryt gryt = Gryt.open(dir)) {
            RunResult r = gryt.run(p);
            assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.PASS);
            assertThat(r.step("test").orElseThrow().outputTail()).contains("tested");
            assertThat(gryt.store().runs().steps(r.runId())).extracting(StepRun::name).containsExactlyInAnyOrder("lint", "test");
            assertThat(gryt.store().runs().run(r.runId()).orElseThrow().status()).isEqualTo(RunStatus.PASS);
        }
        assertThat(dir.resolve(".gryt/gryt.db")).isRegularFile();
    }

    @Test
    void anUnresolvedReferenceIsRefusedNamingTheStepAndNothingRuns() {
        TempProject.create(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.run(Pipeline.of(step("lint"), step("deploy").sh("touch deployed"))))
                    .isInstanceOf(InvalidPipelineException.class).hasMessageContaining("'lint'");
            assertThat(gryt.store().runs().recent(10)).isEmpty();
        }
        assertThat(dir.resolve("deployed")).doesNotExist();
    }

    @Test
    void aYamlPipelineRunsThroughTheEntryPoint() {
        TempProject project = TempProject.create(dir);
        project.writePipeline("ci", """
                runners: 2
                steps:
                  - name: a
                    run: ["true"]
                  - name: b
                    run: "exit 3"
                    depends_on: [a]
                  - name: c
                    run: ["true"]
                    depends_on: [b]
                """);
        try (Gryt gryt = Gryt.open(dir)) {
            RunResult r = gryt.run(gryt.pipeline("ci"));
            assertThat(r.status()).isEqualTo(RunStatus.FAIL);
            assertThat(r.steps()).extracting(StepResult::name, s -> s.status().label(), StepResult::exitCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "pass", 0),
                            org.assertj.core.groups.Tuple.tuple("b", "fail", 3),
                            org.assertj.core.groups.Tuple.tuple("c", "skipped", null));
        }
    }

    @Test
    void secretValuesReachTheStepButNeverTheLogsOrTheDatabaseFiles() throws IOException {
        TempProject.create(dir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DEPLOY_TOKEN", "tok-8f3a9c1e77");
        Pipeline p = Pipeline.of(
                        step("deploy").sh("echo \"using $DEPLOY_TOKEN\"; test \"$DEPLOY_TOKEN\" = tok-8f3a9c1e77 && echo token-ok"),
                        step("report").action(ctx -> {
                            ctx.log("token is " + ctx.env().get("DEPLOY_TOKEN"));
                            throw new IllegalStateException("failed with " + ctx.env().get("DEPLOY_TOKEN"));
                        }))
                .secrets(secret("DEPLOY_TOKEN"));
        try (Gryt gryt = Gryt.builder().projectDir(dir).environment(env).build()) {
            RunResult r = gryt.run(p);
            StepResult deploy = r.step("deploy").orElseThrow();
            assertThat(deploy.passed()).isTrue();
            assertThat(deploy.outputTail()).contains("using ***", "token-ok");
            assertThat(r.step("report").orElseThrow().error()).isEqualTo("failed with ***");
        }
        try (Stream<Path> files = Files.walk(dir.resolve(".gryt"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("gryt.db"));
            for (Path f : all) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("tok-8f3a9c1e77");
            }
        }
    }

    @Test
    void interruptStopsTheRunAndRecordsItInterrupted() {
        TempProject.create(dir);
        try (Gryt gryt = Gryt.open(dir)) {
            io.gryt.api.RunHandle h = gryt.start(Pipeline.of(step("long").sh("sleep 30"), step("after").run("true")));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (gryt.store().runs().steps(h.runId()).isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
            h.interrupt();
            RunResult r = h.await();
            assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(r.duration()).isLessThan(java.time.Duration.ofSeconds(20));
            assertThat(r.step("after").orElseThrow().status()).isEqualTo(io.gryt.api.StepStatus.SKIPPED);
            assertThat(gryt.store().runs().run(h.runId()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        }
    }

    @Test
    void anEmbedderCanBringItsOwnStore() {
        try (MemoryStore store = new MemoryStore();
             Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            RunResult r = gryt.run(Pipeline.of(step("hello").action(ctx -> ctx.log("hi"))));
            assertThat(r.passed()).isTrue();
            assertThat(store.runs().run(r.runId())).isPresent();
        }
        assertThat(dir.resolve(".gryt/gryt.db")).doesNotExist();
    }

    @Test
    void aClosedGrytRefusesWorkWithOneClearMessageAndClosesOnce() {
        TempProject.create(dir);
        Pipeline p = Pipeline.of(step("a").run("true"));
        Gryt sqlite = Gryt.open(dir);
        sqlite.close();
        sqlite.close();
        try (MemoryStore store = new MemoryStore()) {
            Gryt embedded = Gryt.builder().projectDir(dir).store(store).build();
            embedded.close();
            for (Gryt closed : List.of(sqlite, embedded)) {
                List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
                        () -> closed.run(p), () -> closed.start(p), () -> closed.validate(p),
                        () -> closed.pipeline("ci"), () -> closed.generations(), () -> closed.evolve("v1.0.0"),
                        () -> closed.promote("v1.0.0"), () -> closed.versioning());
                for (var call : calls) {
                    assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                            .hasMessage("this Gryt for " + dir.toAbsolutePath().normalize() + " is closed");
                }
            }
            assertThat(store.recent(10)).isEmpty();
        }
    }

    @Test
    void aStoreFailureDuringARunIsThrownAsItselfByRun() {
        MemoryStore store = new MemoryStore();
        try (Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            assertThatThrownBy(() -> gryt.run(Pipeline.of(step("a").action(ctx -> store.close()))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void aNullListenerIsRefusedBeforeAnythingRuns() {
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            assertThatThrownBy(() -> gryt.run(Pipeline.of(step("a").run("true")), (RunListener) null))
                    .isInstanceOf(NullPointerException.class).hasMessage("listeners contains null");
            assertThatThrownBy(() -> gryt.pipeline(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
            assertThat(store.recent(10)).isEmpty();
        }
    }

    @Test
    void openingAFileAsAProjectSaysItIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> Gryt.open(file)).isInstanceOf(io.gryt.api.BadInputException.class)
                .hasMessage("cannot open " + file.toAbsolutePath() + " as a project: it is not a directory");
    }
}
