package io.gryt.cli;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code gryt dashboard} in a real terminal: tmux runs it in an 80x24 pane, the test types keys and reads
 * the screen as a person would. Skipped, saying so, where tmux is not installed.
 */
class DashboardInTmuxTest {
    static final Duration START = Duration.ofSeconds(120);
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @TempDir
    Path bin;

    Path tmux;
    Path gryt;

    @BeforeEach
    void project() throws Exception {
        tmux = Tmux.find().orElse(null);
        assumeTrue(tmux != null, Tmux.NOT_INSTALLED);
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: build
                    run: "echo building $GRYT_CHANGES; test \\"$GRYT_CHANGES\\" != BAD-1"
                  - name: wait-a
                    run: "if [ \\"$GRYT_CHANGES\\" = PAY-003 ]; then while [ ! -f '%s' ]; do sleep 0.1; done; fi; echo released a"
                    depends_on: [build]
                  - name: wait-b
                    run: "if [ \\"$GRYT_CHANGES\\" = PAY-003 ]; then while [ ! -f '%s' ]; do sleep 0.1; done; fi"
                    depends_on: [wait-a]
                """.formatted(bin.resolve("a"), bin.resolve("b")));
        CliRun created = CliRun.in(dir, "generation", "new", "v2.2.0", "--pipeline", "release-pipeline",
                "--change", "fix:PAY-001:Race condition in refund webhook",
                "--change", "add:PAY-003:Support Apple Pay",
                "--change", "fix:BAD-1:A change whose proof fails");
        assertThat(created.exitCode()).as(created.all()).isZero();
        git.commit("v2.2.0 contract");
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001").exitCode()).isZero();
        assertThat(CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "BAD-1").exitCode()).isEqualTo(1);

        gryt = bin.resolve("gryt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(gryt, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' io.gryt.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(gryt, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aPersonFollowsAReleaseLiveOpensItsEvolutionsReadsALogFiltersAndQuits() throws Exception {
        try (Tmux t = Tmux.start(tmux, dir, 80, 24)) {
            t.type("stty -g > " + bin.resolve("stty.before"));
            t.type(gryt + " dashboard; echo \"exit=$?\"");
            String overview = t.awaitText(START, "gryt dashboard: ", "GENERATIONS", "q quit");
            assertThat(overview).containsPattern("> v2\\.2\\.0 +draft +1/3 proven")
                    .contains("nothing running", "v2.2.0-rc.2     fail", "v2.2.0-rc.1     pass",
                            "STATS 2 runs, pass rate 50%", "! v2.2.0: BAD-1 failed in v2.2.0-rc.2",
                            "j/k move  Enter open  l log  / filter  q quit");
            assertThat(overview.lines()).hasSize(24).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            assertThat(t.screenWithEscapes()).as("statuses in colour").contains("\u001b[31m");

            // another gryt process runs an evolution: its steps appear and change from running to pass
            try (ChildJvm other = ChildJvm.of(Main.class).args("-C", dir.toString(), "evolution", "start", "v2.2.0",
                    "--change", "PAY-003").start()) {
                t.await("wait-a running", s -> Pattern.compile("wait-a +running +\\d").matcher(s).find(), WAIT);
                assertThat(t.screen()).containsPattern("build +pass").contains("release-pipeline running")
                        .containsPattern("v2\\.2\\.0 +in progress +1/3 proven").containsPattern("v2\\.2\\.0-rc\\.3 +running +PAY-003");
                Files.writeString(bin.resolve("a"), "go");
                t.await("wait-a pass, wait-b running", s -> Pattern.compile("wait-a +pass").matcher(s).find()
                        && Pattern.compile("wait-b +running").matcher(s).find(), WAIT);
                Files.writeString(bin.resolve("b"), "go");
                assertThat(other.waitFor(WAIT)).isZero();
            }
            String done = t.awaitText(WAIT, "nothing running", "v2.2.0-rc.3     pass");
            assertThat(done).containsPattern("v2\\.2\\.0 +draft +2/3 proven").contains("STATS 3 runs");

            t.keys("Enter");
            String generation = t.awaitText(WAIT, "generation v2.2.0", "CHANGES", "EVOLUTIONS");
            assertThat(generation).containsPattern("PAY-003 +v2\\.2\\.0-rc\\.3 +pass")
                    .containsPattern("BAD-1 +v2\\.2\\.0-rc\\.2 +fail")
                    .contains("GATES IF PROMOTED NOW would be blocked").containsPattern("FAIL no-failed-evolutions")
                    .containsPattern("> v2\\.2\\.0-rc\\.3 +pass +PAY-003");
            Thread.sleep(2_000);
            String still = t.screen();
            Thread.sleep(2_500);
            assertThat(t.screen()).as("nothing changed in the store, so nothing is read or redrawn (its clock stands)")
                    .isEqualTo(still);

            t.keys("/", "r", "c", ".", "2", "Enter");
            String filtered = t.awaitText(WAIT, "/rc.2  (Esc clears)");
            assertThat(filtered).containsPattern("> v2\\.2\\.0-rc\\.2 +fail +BAD-1").doesNotContainPattern("\n  v2\\.2\\.0-rc\\.[13] ");

            t.keys("Enter");
            String evolution = t.awaitText(WAIT, "evolution v2.2.0-rc.2  fail", "STEPS");
            assertThat(evolution).containsPattern("> build +fail").contains("proves  BAD-1");

            t.keys("l");
            String log = t.awaitText(WAIT, "log: build  fail");
            assertThat(log).contains("building BAD-1").contains("Esc back");

            t.keys("Escape");
            t.awaitText(WAIT, "evolution v2.2.0-rc.2", "STEPS");
            t.keys("Escape");
            t.awaitText(WAIT, "generation v2.2.0", "EVOLUTIONS");
            t.keys("Escape");
            t.awaitText(WAIT, "GENERATIONS", "RECENT");

            t.keys("q");
            String shell = t.awaitText(WAIT, "exit=0");
            assertThat(shell).contains("dashboard; echo").doesNotContain("GENERATIONS");
            assertThat(t.display("#{alternate_on}")).isEqualTo("0");
            t.type("stty -g > " + bin.resolve("stty.after"));
            t.awaitText(WAIT, "stty.after");
            awaitFile(bin.resolve("stty.after"));
            assertThat(Files.readString(bin.resolve("stty.after"))).as("terminal settings restored")
                    .isEqualTo(Files.readString(bin.resolve("stty.before")));
        }
    }

    @Test
    void withoutColourItResizesAndCtrlCRestoresTheTerminal() throws Exception {
        try (Tmux t = Tmux.start(tmux, dir, 80, 24, "NO_COLOR=1")) {
            t.type("stty -g > " + bin.resolve("stty.before"));
            t.type(gryt + " dashboard; echo \"exit=$?\"");
            t.awaitText(START, "GENERATIONS", "q quit");
            assertThat(t.screenWithEscapes()).as("no colour with NO_COLOR")
                    .doesNotContainPattern("\u001b\\[(3[0-7]|9[0-7]|38;)");

            t.resize(100, 30);
            String wide = t.await("the 100x30 layout", s -> s.lines().count() == 30 && s.lines().findFirst()
                    .map(l -> l.stripTrailing().length() > 90).orElse(false) && s.lines().toList().get(29).contains("q quit"), WAIT);
            assertThat(wide).contains("GENERATIONS");

            t.keys("C-c");
            t.awaitText(WAIT, "exit=130");
            assertThat(t.display("#{alternate_on}")).isEqualTo("0");
            t.type("stty -g > " + bin.resolve("stty.after"));
            awaitFile(bin.resolve("stty.after"));
            assertThat(Files.readString(bin.resolve("stty.after"))).as("terminal settings restored")
                    .isEqualTo(Files.readString(bin.resolve("stty.before")));
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 300 && !(Files.exists(file) && file.toFile().length() > 0); i++) Thread.sleep(100);
    }
}
