package io.gryt.cli;

import io.gryt.api.RunStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliFoundationTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesGrytAndJava() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("gryt ").contains("Java 17");
    }

    @Test
    void initCreatesTheLayoutAndDatabaseAndIsHarmlessTwice() throws Exception {
        CliRun first = CliRun.in(dir, "init");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("created .gryt/pipelines/ci.yaml").contains("audit database");
        assertThat(dir.resolve(".gryt/gryt.db")).isRegularFile();
        assertThat(dir.resolve(".gryt/generations")).isDirectory();

        Path ci = dir.resolve(".gryt/pipelines/ci.yaml");
        Files.writeString(ci, "steps:\n  - name: mine\n    run: [\"true\"]\n");
        CliRun second = CliRun.in(dir, "init");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("already initialized");
        assertThat(Files.readString(ci)).contains("name: mine");
    }

    @Test
    void runOfTheSamplePipelinePassesAndIsRecorded() {
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        CliRun r = CliRun.in(dir, "run", "ci");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("gryt run ci").contains("pass").contains("hello").contains("check");
        assertThat(r.out()).doesNotContain("\u001b[");
        try (Gryt g = Gryt.open(dir)) {
            List<PipelineRun> runs = g.store().runs().recent(5);
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).status()).isEqualTo(RunStatus.PASS);
            assertThat(runs.get(0).pipelineName()).isEqualTo("ci");
        }
    }

    @Test
    void aFailingStepExitsOneAndShowsTheEndOfItsLog() throws Exception {
        CliRun.in(dir, "init");
        Files.writeString(dir.resolve(".gryt/pipelines/broken.yaml"), """
                steps:
                  - name: compile
                    run: "echo 'Main.java:3: error: missing semicolon' >&2; exit 2"
                  - name: test
                    run: ["true"]
                    depends_on: [compile]
                """);
        CliRun r = CliRun.in(dir, "run", "broken");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("fail").contains("Main.java:3: error: missing semicolon").contains("skipped");
    }

    @Test
    void runnersOptionOverridesTheFile() {
        CliRun.in(dir, "init");
        CliRun r = CliRun.in(dir, "run", "ci", "--runners", "3");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("3 runners");
    }

    @Test
    void anUnknownPipelineIsBadInputOnOneLine() {
        CliRun.in(dir, "init");
        CliRun r = CliRun.in(dir, "run", "nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nope").contains("ci");
    }

    @Test
    void aMalformedPipelineNamesTheFileAndLineWithoutAStackTrace() throws Exception {
        CliRun.in(dir, "init");
        Files.writeString(dir.resolve(".gryt/pipelines/bad.yaml"), """
                steps:
                  - name: a
                    run: ["true"]
                    timeout: soon
                """);
        CliRun r = CliRun.in(dir, "run", "bad");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:4").contains("timeout").doesNotContain("\tat ");
    }

    @Test
    void aCycleIsRefusedBeforeAnythingRuns() throws Exception {
        CliRun.in(dir, "init");
        Files.writeString(dir.resolve(".gryt/pipelines/loop.yaml"), """
                steps:
                  - name: a
                    run: "touch ran-a"
                    depends_on: [b]
                  - name: b
                    run: "touch ran-b"
                    depends_on: [a]
                """);
        CliRun r = CliRun.in(dir, "run", "loop");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("a -> b -> a").doesNotContain("\tat ");
        assertThat(dir.resolve("ran-a")).doesNotExist();
    }

    @Test
    void outsideAProjectTheErrorSaysToRunInit() {
        CliRun r = CliRun.in(dir, "run", "ci");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no gryt project").contains("gryt init");
    }

    @Test
    void aBrokenDatabaseIsReportedOnOneLineAndLeftAlone() throws Exception {
        CliRun.in(dir, "init");
        Path db = dir.resolve(".gryt/gryt.db");
        Files.delete(db);
        byte[] garbage = "this is not a database, but it is somebody's data".getBytes();
        Files.write(db, garbage);
        CliRun r = CliRun.in(dir, "run", "ci");
        assertThat(r.exitCode()).isNotZero().isNotEqualTo(1);
        assertThat(r.err()).contains("gryt.db").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
    }

    @Test
    void anInternalErrorHintsAtTheFileSystemWhenAFileOperationFailedAndAtABugOtherwise() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Cli.handle(new io.gryt.api.GrytException("cannot write .gryt/config.yaml: permission denied",
                new java.nio.file.AccessDeniedException(".gryt/config.yaml")), false, new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(3);
        assertThat(err.toString().lines()).containsExactly("gryt: error: cannot write .gryt/config.yaml: permission denied",
                "hint: the file system refused (permissions, free space, a read-only mount?); --debug shows details");

        err.reset();
        assertThat(Cli.handle(new IllegalStateException("boom"), false, new java.io.PrintStream(err, true))).isEqualTo(3);
        assertThat(err.toString().lines()).containsExactly("gryt: error: internal error: java.lang.IllegalStateException: boom",
                "hint: rerun with --debug for details, and report it if it looks like a gryt bug");
    }

    @Test
    void unknownOptionsAndMissingArgumentsAreUsageErrors() throws Exception {
        assertThat(CliRun.of("run").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--frobnicate").exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("-C", dir.resolve("missing").toString(), "init");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gryt: error: -C " + dir.resolve("missing") + ": no such directory\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun notADir = CliRun.of("-C", file.toString(), "init");
        assertThat(notADir.exitCode()).isEqualTo(2);
        assertThat(notADir.err()).isEqualTo("gryt: error: -C " + file + ": not a directory\n");
    }

    @Test
    void demoRunsAParallelPipelineWithARetryAndSaysWhereTheDatabaseIs() {
        CliRun r = CliRun.of("demo", "--dir", dir.resolve("demo").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("retry").contains("integration").contains("2 attempts")
                .contains("recorded in").contains(".gryt/gryt.db");
        assertThat(dir.resolve("demo/.gryt/gryt.db")).isRegularFile();
        assertThat(dir.resolve("demo/dist/app.txt")).hasContent("demo app");
    }

    @Test
    void demoRefusesADirectoryThatIsNotEmptyAndTouchesNothingInIt() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("project/dist"));
        Files.writeString(mine.resolve("app.txt"), "my app");

        CliRun r = CliRun.of("demo", "--dir", dir.resolve("project").toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: demo --dir " + dir.resolve("project")
                + ": the directory is not empty (the demo writes a project into it; name a new or empty directory)\n");
        assertThat(mine.resolve("app.txt")).hasContent("my app");
        assertThat(dir.resolve("project/.gryt")).doesNotExist();
    }

    @Test
    void demoInADirectoryItCannotCreateIsOneLineOfBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        CliRun r = CliRun.of("demo", "--dir", file.resolve("demo").toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).startsWith("gryt: error: demo --dir " + file.resolve("demo") + ": cannot create the directory: ")
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void demoQuotesPathsWithSpacesInTheCommandsItSuggests() {
        Path demo = dir.resolve("my demo");

        CliRun r = CliRun.of("demo", "--dir", demo.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("sqlite3 '" + demo.resolve(".gryt/gryt.db") + "' 'select ")
                .contains("./gryt -C '" + demo + "' run ci");
    }
}
