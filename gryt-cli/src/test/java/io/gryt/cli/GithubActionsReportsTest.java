package io.gryt.cli;

import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In GitHub Actions, bad input is annotated on its file and line and the gate report goes to the job summary. */
class GithubActionsReportsTest {
    @TempDir
    Path dir;

    /** The runner's directory for the job summary, outside the repository. */
    @TempDir
    Path runner;

    TempGitRepo git;
    Path summary;

    /** What one command printed and returned, run as in a GitHub Actions job. */
    record Job(int code, String out, String err) {
    }

    @BeforeEach
    void project() {
        git = CliRun.initProject(dir);
        summary = runner.resolve("summary.md");
    }

    private Job inGithubActions(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("GITHUB_ACTIONS", "true");
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("GITHUB_WORKSPACE", dir.toString());
            String[] all = new String[args.length + 2];
            all[0] = "-C";
            all[1] = dir.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            code = Cli.execute(all, o, e, env);
        }
        return new Job(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachProblemOfABadFileIsAnnotatedOnItsFileAndLine() {
        git.write(".gryt/pipelines/ci.yaml", """
                steps:
                  - name: build
                    run: [make]
                    timeout: soon
                  - name: test
                    depends_on: build
                    retries: many
                """);

        Job job = inGithubActions("run", "ci");

        assertThat(job.code()).as(job.err()).isEqualTo(2);
        assertThat(job.err()).contains("gryt: error: " + dir.resolve(".gryt/pipelines/ci.yaml") + ":4:");
        assertThat(job.out().lines().filter(l -> l.startsWith("::error ")))
                .as(job.out() + job.err()).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(l -> assertThat(l).startsWith("::error file=.gryt/pipelines/ci.yaml,line=4,col=")
                        .contains(",title=gryt%3A bad input::").contains("timeout"))
                .anySatisfy(l -> assertThat(l).startsWith("::error file=.gryt/pipelines/ci.yaml,line=7,").contains("retries"));
    }

    @Test
    void badInputWithoutAFileIsAnnotatedOnTheRun() {
        Job job = inGithubActions("run", "nope");

        assertThat(job.code()).isEqualTo(2);
        assertThat(job.out().lines()).singleElement().asString()
                .startsWith("::error title=gryt%3A bad input::").contains("nope");
    }

    @Test
    void theGateReportOfAPromotionAndOfADryRunGoesToTheJobSummary() throws Exception {
        git.write(".gryt/pipelines/release-pipeline.yaml", "steps: [{name: test, run: [\"true\"]}]\n");
        CliRun created = CliRun.in(dir, "generation", "new", "v1.0.0", "--pipeline", "release-pipeline",
                "--change", "add:PAY-001:Charges", "--change", "fix:PAY-002:Refunds");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("contract");
        assertThat(CliRun.in(dir, "evolution", "start", "v1.0.0", "--change", "PAY-001").exitCode()).isZero();

        Job dryRun = inGithubActions("generation", "promote", "v1.0.0", "--dry-run");

        assertThat(dryRun.code()).isEqualTo(1);
        assertThat(dryRun.out().lines()).contains(
                "::error title=gryt%3A gate all-changes-proven failed::1 of 2 changes proven: PAY-002 (Refunds): never proven by an evolution");
        String report = Files.readString(summary);
        assertThat(report).startsWith("### gryt promotion of `v1.0.0`: dry run, would be blocked at `")
                .contains("| Gate | Result | Summary |")
                .contains("| all-changes-proven | **FAIL** | 1 of 2 changes proven<br>• PAY-002 (Refunds): never proven by an evolution |")
                .contains("| proving-tests-passed | pass | no @Proves tests recorded |");

        assertThat(CliRun.in(dir, "evolution", "start", "v1.0.0", "--change", "PAY-002").exitCode()).isZero();
        Job promoted = inGithubActions("generation", "promote", "v1.0.0");

        assertThat(promoted.code()).as(promoted.out() + promoted.err()).isZero();
        assertThat(promoted.out()).doesNotContain("::error");
        assertThat(Files.readString(summary)).as("appended").startsWith("### gryt promotion of `v1.0.0`: dry run")
                .contains("### gryt promotion of `v1.0.0`: completed at `")
                .contains("| all-changes-proven | pass | 2 of 2 changes proven |")
                .endsWith("Tagged `v1.0.0`\n\n");
    }
}
