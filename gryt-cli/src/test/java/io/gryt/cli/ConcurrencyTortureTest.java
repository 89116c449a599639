package io.gryt.cli;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Torture, concurrency: many {@code gryt} OS processes released at the same moment on one project. Every writer waits
 * its turn: nothing fails with a locked database, no write is lost, RC numbers are distinct and gap-free, and the
 * audit trail verifies afterwards.
 */
@Tag("torture")
class ConcurrencyTortureTest {
    static final int EVOLUTIONS = 32;

    @TempDir
    Path dir;

    TempGitRepo git;
    Path go;

    @BeforeEach
    void project() throws Exception {
        git = CliRun.initProject(dir);
        go = dir.resolve(".gryt/runs/go"); // runs/ is git-ignored: the signal leaves the tree clean
        git.write(".gryt/pipelines/ci.yaml", """
                steps:
                  - name: prove
                    run: [echo, proving]
                """);
        // in a child JVM: the first child of the test JVM records the classes the others then share (ChildJvm)
        Path now = Files.writeString(dir.resolve(".gryt/runs/go-now"), "go");
        try (ChildJvm first = gryt(now, "generation", "new", "v2.2.0",
                "--change", "fix:PAY-001:One", "--change", "fix:PAY-002:Two")) {
            assertThat(first.waitFor(Duration.ofMinutes(2))).as(first.output()).isZero();
        }
        git.commit("v2.2.0 contract");
    }

    @Test
    void thirtyTwoProcessesStartingEvolutionsOfOneGenerationAllPassWithRcNumbersOneToThirtyTwo() throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < EVOLUTIONS; i++) {
                children.add(gryt("evolution", "start", "v2.2.0", "--change", i % 2 == 0 ? "PAY-001" : "PAY-002"));
            }
            release(children);
            for (ChildJvm c : children) {
                int code = c.waitFor(Duration.ofMinutes(5));
                if (code != 0) assertThat(code).as(c.output() + diagnosis()).isZero();
                assertThat(String.join("\n", c.errorLines())).as(c.output()).isEmpty();
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        var list = ReleaseCommandsTest.JSON.readTree(ok("evolution", "list", "v2.2.0", "--json").out());
        List<Integer> rcs = new ArrayList<>();
        list.forEach(e -> {
            rcs.add(e.get("rc").asInt());
            assertThat(e.get("status").asText()).as(e.toString()).isEqualTo("pass");
        });
        assertThat(rcs).containsExactlyElementsOf(IntStream.rangeClosed(1, EVOLUTIONS).boxed().toList());
        assertThat(git.git("tag", "-l", "v2.2.0-rc.*").lines()).hasSize(EVOLUTIONS);
        for (int rc = 1; rc <= EVOLUTIONS; rc++) {
            assertThat(git.git("cat-file", "-t", "v2.2.0-rc." + rc).strip()).isEqualTo("tag");
        }
        assertThat(ok("audit", "verify").out()).contains("audit trail intact")
                .contains(EVOLUTIONS + " evolution tags checked");
    }

    @Test
    void runsPromotionConfigSetsSnapshotsAndReadsBesideEvolutionsLoseNothingAndFailOnlyWithARefusal() throws Exception {
        record Child(String what, ChildJvm jvm) {
        }
        List<Child> children = new ArrayList<>();
        int evolutions = 6;
        int runs = 4;
        List<String> configKeys = List.of("run.runners=3", "pipeline_template=ci", "release.push=origin");
        try {
            for (int i = 0; i < evolutions; i++) {
                children.add(new Child("evolution", gryt("evolution", "start", "v2.2.0", "--change", "PAY-00" + (1 + i % 2))));
            }
            for (int i = 0; i < runs; i++) children.add(new Child("run", gryt("run", "ci")));
            for (int i = 0; i < 3; i++) children.add(new Child("promote", gryt("generation", "promote", "v2.2.0")));
            for (String kv : configKeys) {
                String[] p = kv.split("=");
                children.add(new Child("config", gryt("config", "set", p[0], p[1])));
            }
            for (int i = 0; i < 3; i++) children.add(new Child("snapshot", gryt("audit", "snapshot", "--name", "s" + i)));
            children.add(new Child("read", gryt("audit", "verify")));
            children.add(new Child("read", gryt("evolution", "list", "v2.2.0")));
            children.add(new Child("read", gryt("generation", "list")));
            children.add(new Child("read", gryt("status")));
            children.add(new Child("read", gryt("db", "query", "SELECT count(*) FROM pipeline_runs")));
            release(children.stream().map(Child::jvm).toList());
            int promoted = 0;
            for (Child c : children) {
                int code = c.jvm().waitFor(Duration.ofMinutes(5));
                String errors = String.join("\n", c.jvm().errorLines());
                assertThat(errors).as(c.what() + ": " + c.jvm().output())
                        .doesNotContain("internal error", "SQLITE_BUSY", "locked", "Exception");
                if (c.what().equals("promote")) {
                    // blocked while evolutions run (1), promoted (0), or refused as already promoted / being promoted (2)
                    assertThat(code).as(c.jvm().output()).isIn(0, 1, 2);
                    if (code == 0) promoted++;
                    if (code == 2) assertThat(errors).as(c.jvm().output()).contains("promot");
                } else if (c.what().equals("evolution")) {
                    // passes, or is refused: a promotion froze the generation, or `config set` changed config.yaml
                    assertThat(code).as(c.jvm().output()).isIn(0, 2);
                    if (code == 2) assertThat(errors).as(c.jvm().output()).containsAnyOf("promot", "uncommitted changes");
                } else {
                    assertThat(code).as(c.what() + ": " + c.jvm().output()).isZero();
                }
            }
            assertThat(promoted).as("at most one promotion").isLessThanOrEqualTo(1);
            assertThat(git.git("tag", "-l", "v2.2.0").isBlank()).isEqualTo(promoted == 0);
        } finally {
            children.forEach(c -> c.jvm().close());
        }
        for (String kv : configKeys) {
            String[] p = kv.split("=");
            assertThat(ok("config", "get", p[0]).out().strip()).isEqualTo(p[1]);
        }
        var snapshots = ReleaseCommandsTest.JSON.readTree(ok("audit", "snapshots", "--json").out());
        assertThat(snapshots).hasSize(3);
        var recorded = ReleaseCommandsTest.JSON.readTree(ok("db", "query", "--json",
                "SELECT count(*) AS n FROM pipeline_runs").out());
        var evolutionList = ReleaseCommandsTest.JSON.readTree(ok("evolution", "list", "v2.2.0", "--json").out());
        assertThat(recorded.get(0).get("n").asInt()).as("every run and evolution run recorded")
                .isEqualTo(runs + evolutionList.size());
        List<Integer> rcs = new ArrayList<>();
        evolutionList.forEach(e -> rcs.add(e.get("rc").asInt()));
        assertThat(rcs).containsExactlyElementsOf(IntStream.rangeClosed(1, rcs.size()).boxed().toList());
        assertThat(ok("audit", "verify").out()).contains("audit trail intact");
    }

    /** What the database says of runs and steps that did not pass, and their step logs, for a failure's message. */
    private String diagnosis() {
        StringBuilder text = new StringBuilder("\nruns and steps that did not pass:\n");
        text.append(CliRun.in(dir, "db", "query", "SELECT * FROM pipeline_runs WHERE status <> 'pass'").all());
        text.append(CliRun.in(dir, "db", "query", "SELECT * FROM step_runs WHERE status <> 'pass'").all());
        try (var logs = Files.walk(dir.resolve(".gryt/runs"))) {
            for (Path log : logs.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")).toList()) {
                String content = Files.readString(log);
                if (!content.contains("proving")) text.append(log).append(":\n").append(content).append('\n');
            }
        } catch (Exception e) {
            text.append("(logs unreadable: ").append(e).append(")\n");
        }
        return text.toString();
    }

    /** Waits until every child is ready, then releases them all at once. */
    private void release(List<ChildJvm> children) throws Exception {
        for (ChildJvm c : children) c.awaitLine("READY"::equals, Duration.ofMinutes(3));
        Files.writeString(go, "go");
    }

    private ChildJvm gryt(String... args) {
        return gryt(go, args);
    }

    /** {@code gryt args} in a child JVM, which runs them once the file {@code signal} exists. */
    private ChildJvm gryt(Path signal, String... args) {
        return ChildJvm.of(GrytOnSignal.class).sharingClasses().jvmOptions("-Xmx96m")
                .args(signal.toString(), "-C", dir.toString()).args(args).start();
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }
}
