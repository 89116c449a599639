package io.gryt.examples;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.template.ProjectTemplates;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Go catalog and Python testing examples, run as a user runs them (a child JVM) and with a chosen PATH. */
class LanguageExamplesTest {
    private static final String PATH = System.getenv().getOrDefault("PATH", "");

    @TempDir
    Path dir;

    @Test
    void theGoExampleShowsTheCatalogPipelineAndNamesGoWhenItIsMissing() {
        List<String> lines = run(out -> GoCatalogExample.run(dir.resolve("app"), "/nonexistent", out), 0);
        assertThat(lines).containsSubsequence(
                "catalog pipeline go.release (3 runners):",
                "  lint: test -z \"$(gofmt -l .)\" || { echo 'gofmt would change:'; gofmt -l .; exit 1; }; go vet ./...",
                "  test: go test ./...",
                "  build (after lint, test): go build -o bin/ ./...",
                "v0.1.0 not proven: go, gofmt not found on the PATH (install Go, https://go.dev/dl/, and run this again)");
        assertThat(dir.resolve("app/.gryt/generations/v0.1.0.yaml")).isRegularFile();
    }

    @Test
    void theGoExampleProvesTheFirstReleaseWhereGoIsInstalled() {
        assumeTrue(ProjectTemplates.onPath("go", PATH), "go is not installed here: the Go example's evolution is not run");
        try (ChildJvm child = ChildJvm.start(GoCatalogExample.class, dir.resolve("app").toString())) {
            assertThat(child.waitFor(Duration.ofMinutes(5))).as(report(child)).isZero();
            assertThat(child.lines()).as(report(child)).contains("evolution v0.1.0-rc.1 proving [APP-1]: pass");
        }
    }

    @Test
    void thePythonExampleRecordsEachTestCaseAsEvidence() {
        assumeTrue(ProjectTemplates.onPath("python3", PATH), "python3 is not installed here: the Python example is not run");
        assumeTrue(ProjectTemplates.onPath("pytest", PATH), "pytest is not installed here: no test report to record");
        try (ChildJvm child = ChildJvm.start(PythonTestingExample.class, dir.resolve("app").toString())) {
            assertThat(child.waitFor(Duration.ofMinutes(3))).as(report(child)).isZero();
            assertThat(child.lines()).as(report(child)).containsSubsequence(
                    "step test: pass",
                    "evolution v0.1.0-rc.1 proving [APP-1]: pass");
            assertThat(child.lines()).as(report(child))
                    .anySatisfy(l -> assertThat(l).matches("  passed tests\\.test_app\\.GreetingTest\\.test_greets_by_name \\(\\d+ ms\\)"));
        }
    }

    @Test
    void thePythonExampleFallsBackToUnittestWithoutPytest() {
        assumeTrue(ProjectTemplates.onPath("python3", PATH), "python3 is not installed here: the Python example is not run");
        Pipeline withUnittest = PythonTestingExample.pipeline(false);
        assertThat(withUnittest.steps()).extracting(Step::name).containsExactly("python.lint", "python.test");
        assertThat(withUnittest.steps().get(1).junitReports()).isEmpty();
        assertThat(PythonTestingExample.pipeline(true).steps().get(1).junitReports()).containsExactly("reports/*.xml");
    }

    private static List<String> run(java.util.function.ToIntFunction<PrintStream> example, int expectedExit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = example.applyAsInt(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text.lines().toList();
    }

    private static String report(ChildJvm child) {
        return String.join("\n", child.lines()) + "\n" + String.join("\n", child.errorLines());
    }
}
