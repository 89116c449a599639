package io.gryt.examples;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.StepResult;
import io.gryt.api.TestCase;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.template.ProjectTemplates;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.gryt.api.Step.step;

/**
 * Python testing, as in the product spec's examples: a new Python project ({@code gryt new python}) whose first
 * release contract is proven by an evolution that runs the catalog's {@code python.lint} step and pytest, with each test
 * case of pytest's JUnit XML report recorded as evidence and printed. Where pytest is not installed it says so and
 * runs the catalog's {@code python.test} step (unittest) instead.
 *
 * <pre>
 * mvn -q -B -pl gryt-examples -am package exec:java -DskipTests -Dgryt.docs.skip=true -Dexec.mainClass=io.gryt.examples.PythonTestingExample
 * </pre>
 */
public final class PythonTestingExample {
    private PythonTestingExample() {
    }

    /** The proof: the catalog's lint step, then the tests, whose report becomes evidence when pytest runs them. */
    public static Pipeline pipeline(boolean pytest) {
        return Pipeline.of(
                        step("python.lint"), // from the built-in catalog python: python3 -m compileall
                        pytest
                                ? step("test").run("python3", "-m", "pytest", "-q", "--junitxml=reports/pytest.xml")
                                        .junitReports("reports/*.xml")
                                : step("python.test")) // python3 -m unittest discover
                .withName("python-tests")
                .env("PYTHONDONTWRITEBYTECODE", "1");
    }

    /**
     * Creates the Python project in {@code dir} (a new or empty directory) and proves {@code v0.1.0} with the tests.
     *
     * @return 0 when the evolution passed or python3 is missing (said on {@code out}), 1 when it failed
     */
    public static int run(Path dir, String path, PrintStream out) {
        ProjectTemplates.Created project = ProjectTemplates.create("python", dir, path);
        out.println("created a Python project in " + project.dir());
        if (!project.missingTools().isEmpty()) {
            out.println("v0.1.0 not proven: " + String.join(", ", project.missingTools()) + " not found on the PATH");
            return 0;
        }
        boolean pytest = ProjectTemplates.onPath("pytest", path);
        if (!pytest) out.println("pytest is not installed: running the tests with unittest, without a test report");
        RunListener tests = new RunListener() {
            @Override
            public void stepFinished(String runId, StepResult result) {
                out.println("step " + result.name() + ": " + result.status().label());
                for (TestCase test : result.testCases()) {
                    out.println("  " + test.status().label() + " "
                            + test.className() + "." + test.name() + " (" + test.time().toMillis() + " ms)");
                }
            }
        };
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).build()) {
            Evolution evolution = gryt.evolve(ProjectTemplates.FIRST_VERSION).proving(ProjectTemplates.FIRST_CHANGE)
                    .with(pipeline(pytest)).listener(tests).start();
            out.println("evolution " + evolution.tag() + " proving " + evolution.changes() + ": "
                    + evolution.status().label());
            return evolution.status() == EvolutionStatus.PASS ? 0 : 1;
        }
    }

    /** Runs the example in the directory given, or in a new temporary one. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gryt-python-example");
        System.exit(run(dir, System.getenv().getOrDefault("PATH", ""), System.out));
    }
}
