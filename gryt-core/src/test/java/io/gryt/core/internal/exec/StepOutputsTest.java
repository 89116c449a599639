package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.DataRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class StepOutputsTest {
    @TempDir
    Path dir;

    @Test
    void aShellStepsMetricsBecomeDataRows() {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.of(step("test")
                .sh("echo coverage=0.83 >> \"$GRYT_METRICS\"; echo 'tests.count = 12' >> \"$GRYT_METRICS\"")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.status()).isEqualTo(StepStatus.PASS);
        assertThat(test.metrics()).isEqualTo(Map.of("coverage", 0.83, "tests.count", 12.0));
        assertThat(runs.store.dataRows(run.runId())).filteredOn(r -> r.kind() == DataRow.Kind.METRIC)
                .extracting(DataRow::name, DataRow::number)
                .containsExactly(tuple("coverage", 0.83), tuple("tests.count", 12.0));
    }

    @Test
    void aStepThatWritesNothingGetsNoFilesAndARetryStartsFromNothing() throws Exception {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.named("ci").steps(
                step("quiet").sh("test ! -e \"$GRYT_OUTPUT\" && test ! -e \"$GRYT_METRICS\""),
                step("flaky").sh("if [ -e first.done ]; then cat \"$GRYT_OUTPUT\" > seen.txt 2>&1; echo b=2 >> \"$GRYT_OUTPUT\"; "
                        + "else touch first.done; echo a=1 >> \"$GRYT_OUTPUT\"; echo n=1 >> \"$GRYT_METRICS\"; exit 1; fi")
                        .retries(1)).build());

        assertThat(run.status()).as(run.toString()).isEqualTo(io.gryt.api.RunStatus.PASS);
        Path runDir = run.step("quiet").orElseThrow().logPath().getParent();
        assertThat(runDir.resolve("quiet.output")).doesNotExist();
        assertThat(runDir.resolve("quiet.metrics")).doesNotExist();
        StepResult flaky = run.step("flaky").orElseThrow();
        assertThat(flaky.attempts()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("seen.txt"))).contains("No such file"); // the first attempt's file is gone
        assertThat(flaky.outputs()).isEqualTo(Map.of("b", "2"));
        assertThat(flaky.metrics()).isEmpty();
    }

    @Test
    void outputsArePassedToDependentStepsAndRecorded() throws Exception {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.named("ci").steps(
                step("build-app").sh("echo version=1.4.2 >> \"$GRYT_OUTPUT\"; "
                        + "printf 'notes<<END\\nline one\\nline two\\nEND\\n' >> \"$GRYT_OUTPUT\""),
                step("check").sh("true").dependsOn("build-app"),
                step("deploy").sh("printf '%s|%s' \"$GRYT_OUTPUTS_BUILD_APP_VERSION\" \"$GRYT_OUTPUTS_BUILD_APP_NOTES\" > seen.txt")
                        .dependsOn("check")).build());

        assertThat(run.status()).as(run.toString()).isEqualTo(io.gryt.api.RunStatus.PASS);
        assertThat(Files.readString(dir.resolve("seen.txt"))).isEqualTo("1.4.2|line one\nline two");
        assertThat(run.step("build-app").orElseThrow().outputs())
                .isEqualTo(Map.of("version", "1.4.2", "notes", "line one\nline two"));
        assertThat(runs.store.dataRows(run.runId())).filteredOn(r -> r.kind() == DataRow.Kind.OUTPUT)
                .extracting(DataRow::step, DataRow::name, DataRow::value)
                .containsExactly(tuple("build-app", "notes", "line one\nline two"), tuple("build-app", "version", "1.4.2"));
    }

    @Test
    void aStepThatDoesNotDependOnTheWriterDoesNotSeeItsOutputs() throws Exception {
        RunResult run = new Runs(dir).run(Pipeline.named("ci").steps(
                step("a").sh("echo x=1 >> \"$GRYT_OUTPUT\""),
                step("b").sh("printf '%s' \"${GRYT_OUTPUTS_A_X-unset}\" > seen.txt")).sequential(false).runners(1).build());

        assertThat(run.status()).isEqualTo(io.gryt.api.RunStatus.PASS);
        assertThat(Files.readString(dir.resolve("seen.txt"))).isEqualTo("unset");
    }

    @Test
    void outputsAreMaskedWhenRecordedButPassedUnmasked() throws Exception {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.named("ci").steps(
                step("login").sh("echo \"token=$TOKEN\" >> \"$GRYT_OUTPUT\""),
                step("use").sh("test \"$GRYT_OUTPUTS_LOGIN_TOKEN\" = s3cr3t-value && touch ok").dependsOn("login"))
                .env(Map.of("TOKEN", "s3cr3t-value")).secrets(secret("TOKEN")).build());

        assertThat(run.status()).as(run.toString()).isEqualTo(io.gryt.api.RunStatus.PASS);
        assertThat(dir.resolve("ok")).exists();
        assertThat(run.step("login").orElseThrow().outputs()).containsEntry("token", "***");
        assertThat(runs.store.dataRows(run.runId())).extracting(DataRow::value).doesNotContainNull()
                .noneMatch(v -> v.contains("s3cr3t"));
    }

    @Test
    void aMalformedMetricFailsTheStepNamingFileAndLine() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("test")
                .sh("echo coverage=0.5 >> \"$GRYT_METRICS\"; echo 'speed=fast' >> \"$GRYT_METRICS\"")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.status()).isEqualTo(StepStatus.FAIL);
        assertThat(test.error()).matches("\\.gryt/runs/[^/]+/test\\.metrics:2: metric 'speed' is not a finite number: 'fast'");
    }

    @Test
    void aMalformedOutputFailsTheStep() {
        RunResult run = new Runs(dir).run(Pipeline.of(
                step("a").sh("echo 'bad name=1' >> \"$GRYT_OUTPUT\""),
                step("b").sh("echo 'x<<EOF' >> \"$GRYT_OUTPUT\"; echo never closed >> \"$GRYT_OUTPUT\"")));

        assertThat(run.step("a").orElseThrow().error()).endsWith("a.output:1: invalid output name 'bad name' (expected [A-Za-z_][A-Za-z0-9_]{0,99})");
        assertThat(run.step("b").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void onlyTheLastAttemptsWritesCount() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("flaky")
                .sh("if [ -f once ]; then echo second=2 >> \"$GRYT_METRICS\"; else touch once; echo first=1 >> \"$GRYT_METRICS\"; exit 1; fi")
                .retries(1)));

        StepResult flaky = run.step("flaky").orElseThrow();
        assertThat(flaky.status()).isEqualTo(StepStatus.PASS);
        assertThat(flaky.metrics()).isEqualTo(Map.of("second", 2.0));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void withASecretTheStepsFilesHaveNoNameAndOnlyTheMaskedTextIsKept() throws Exception {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.named("ci").steps(
                step("login").sh("echo \"$GRYT_OUTPUT $GRYT_METRICS\" > given.txt; ls .gryt/runs/*/ > listed.txt;"
                        + " echo \"token=$TOKEN\" >> \"$GRYT_OUTPUT\"; echo 'size=3' > \"$GRYT_METRICS\";"
                        + " grep -q \"token=$TOKEN\" \"$GRYT_OUTPUT\" && [ -f \"$GRYT_OUTPUT\" ] || exit 9;"
                        + " if [ -f once ]; then exit 0; else touch once; echo 'bad=1' >> \"$GRYT_OUTPUT\"; exit 1; fi")
                        .retries(1),
                step("use").sh("test \"$GRYT_OUTPUTS_LOGIN_TOKEN\" = s3cr3t-value && touch ok").dependsOn("login"))
                .env(Map.of("TOKEN", "s3cr3t-value")).secrets(secret("TOKEN")).build());

        assertThat(run.status()).as(run.toString()).isEqualTo(io.gryt.api.RunStatus.PASS);
        assertThat(dir.resolve("ok")).exists();
        assertThat(Files.readString(dir.resolve("given.txt")).strip())
                .matches("/proc/" + ProcessHandle.current().pid() + "/fd/\\d+ /proc/\\d+/fd/\\d+");
        assertThat(Files.readString(dir.resolve("listed.txt"))).doesNotContain("login.output");
        Path runDir = run.step("login").orElseThrow().logPath().getParent();
        assertThat(Files.readString(runDir.resolve("login.output"))).isEqualTo("token=***\n");
        assertThat(Files.readString(runDir.resolve("login.metrics"))).isEqualTo("size=3\n");
        assertThat(run.step("login").orElseThrow().metrics()).isEqualTo(Map.of("size", 3.0));
    }
}
