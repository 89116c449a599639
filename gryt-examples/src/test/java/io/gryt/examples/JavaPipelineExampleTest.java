package io.gryt.examples;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.spi.DataRow;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

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
}
