package io.gryt.examples;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.spi.DataRow;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

class JavaPipelineExampleTest {
    @TempDir
    Path project;

    @Test
    void theExamplePipelineRunsAndRecordsItsProof() throws Exception {
        try (Gryt gryt = Gryt.open(project)) {
            RunResult r = gryt.run(JavaPipelineExample.pipeline());
            assertThat(r.passed()).as(r.toString()).isTrue();
            assertThat(r.steps()).extracting(StepResult::name)
                    .containsExactly("prepare", "lint", "test", "licence", "package");

            StepResult pkg = r.step("package").orElseThrow();
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("app v1\n".getBytes()));
            assertThat(pkg.artifacts()).singleElement().satisfies(a -> {
                assertThat(a.path()).isEqualTo("build/app.txt");
                assertThat(a.sha256()).isEqualTo(expected);
            });

            List<DataRow> rows = gryt.store().runs().dataRows(r.runId());
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.kind()).isEqualTo(DataRow.Kind.METRIC);
                assertThat(row.name()).isEqualTo("dependencies");
                assertThat(row.number()).isEqualTo(12.0);
            });
            assertThat(rows).anySatisfy(row -> assertThat(row.sha256()).isEqualTo(expected));
        }
        assertThat(project.resolve(".gryt/gryt.db")).isRegularFile();
    }

    @Test
    void theAnnouncerPrintsTypedEventsOfTheRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Gryt gryt = Gryt.builder().projectDir(project).eventListener(JavaPipelineExample.announcer(out)).build()) {
            gryt.run(io.gryt.api.Pipeline.of(step("broken").sh("exit 4")).withName("demo"));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                l -> assertThat(l).isEqualTo("step.failed: broken fail after 1 attempt(s): exit code 4"),
                l -> assertThat(l).startsWith("run.finished: demo fail in ").endsWith(" ms"));
    }
}
