package io.gryt.cli;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.Processes;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Torture, crashes: a {@code gryt} process killed with SIGKILL at random points (seeded: the seed is in every
 * assertion message; rerun with {@code -Dgryt.torture.seed=N}) of a run, of an evolution and of a promotion, at
 * least 20 times each ({@link #KILLS}). After every kill the next command repairs what the dead process left: the
 * database passes SQLite's integrity check and {@code gryt audit verify}, nothing stays running or pending, no release is half promoted
 * (a tag without a promoted generation or the reverse), and no step process of the dead run survives.
 */
@Tag("torture")
class CrashTortureTest {
    /** Kills per scenario: 20 in every build, 100 with {@code -Ptorture}, N with {@code -Dgryt.torture.kills=N}. */
    static final int KILLS = Math.max(20, Integer.getInteger("gryt.torture.kills", 20));
    static final long SEED = Long.getLong("gryt.torture.seed", System.nanoTime());

    @TempDir
    Path dir;

    TempGitRepo git;
    Path pids;
    final Random random = new Random(SEED);

    @BeforeEach
    void project() {
        System.out.println("crash torture: " + KILLS + " kills per scenario, seed " + SEED
                + " (rerun with -Dgryt.torture.seed=" + SEED + ")");
        git = CliRun.initProject(dir);
        pids = dir.resolve(".gryt/runs/pids"); // runs/ is git-ignored: the steps' pids leave the tree clean
        git.write(".gryt/pipelines/ci.yaml", """
                runners: 2
                steps:
                  - name: a
                    run: "echo $$ >> '%1$s'; sleep 0.3"
                  - name: b
                    run: "echo $$ >> '%1$s'; sleep 0.3 & echo $! >> '%1$s'; wait"
                  - name: c
                    run: "echo $$ >> '%1$s'; sleep 0.2"
                    depends_on: [a]
                """.formatted(pids));
        git.commit("pipeline");
    }

    @Test
    void atLeastTwentyKillsDuringARunLeaveAConsistentDatabaseAndNoStepProcess() throws Exception {
        killRepeatedly(i -> new String[] {"run", "ci"}, true);
        long interrupted = count("SELECT count(*) FROM pipeline_runs WHERE status = 'interrupted'");
        System.out.println("crash torture, runs: " + KILLS + " kills, " + interrupted + " of them hit a running run");
        assertThat(interrupted).as("seed %d: some kills hit a running run", SEED).isPositive();
    }

    @Test
    void atLeastTwentyKillsDuringAnEvolutionLeaveAConsistentDatabaseTagsAndNoStepProcess() throws Exception {
        ok("generation", "new", "v1.0.0", "--change", "fix:A-1:One");
        git.commit("v1.0.0");
        killRepeatedly(i -> new String[] {"evolution", "start", "v1.0.0", "--change", "A-1"}, true);
        ok("evolution", "start", "v1.0.0", "--change", "A-1");
        List<String> rcs = column("SELECT rc_number FROM evolutions ORDER BY rc_number");
        for (int i = 0; i < rcs.size(); i++) {
            assertThat(rcs.get(i)).as("seed %d: gap-free RC numbers %s", SEED, rcs).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void atLeastTwentyKillsDuringPromotionsLeaveNoHalfPromotion() throws Exception {
        for (int i = 0; i <= KILLS; i++) {
            ok("generation", "new", "v1." + i + ".0", "--change", "fix:A-" + i + ":One");
        }
        git.write(".gryt/pipelines/ci.yaml", "steps:\n  - name: prove\n    run: [\"true\"]\n");
        git.commit("generations");
        for (int i = 0; i <= KILLS; i++) ok("evolution", "start", "v1." + i + ".0", "--change", "A-" + i);
        killRepeatedly(i -> new String[] {"generation", "promote", "v1." + i + ".0"}, false);
    }

    /** How long the steps of {@code ci.yaml} take together (a and b at once, then c): about half a second. */
    static final int STEPS_MILLIS = 700;

    /** When to kill: {@code afterMillis} after the command began, or after its first step started when {@code inSteps}. */
    private record Kill(long afterMillis, boolean inSteps) {
    }

    /**
     * Times command {@code 0} left alone, then for commands 1 to {@link #KILLS} kills each at a random moment and
     * checks what the next command finds. When the command runs steps, every other kill lands while they run (a
     * random moment of their span after the first one started); the others anywhere in the command's measured
     * span and a little after. A command that ended before its kill re-times the span (machines speed up and slow
     * down under other load).
     */
    private void killRepeatedly(IntFunction<String[]> command, boolean runsSteps) throws Exception {
        long took = runAndMaybeKill(command.apply(0), null).orElseThrow();
        checkAfterCrash("calibration");
        for (int i = 1; i <= KILLS; i++) {
            boolean inSteps = runsSteps && i % 2 == 0;
            long delay = inSteps ? random.nextInt(STEPS_MILLIS) : (long) (random.nextDouble() * took * 1.1);
            OptionalLong exited = runAndMaybeKill(command.apply(i), new Kill(delay, inSteps));
            String when = "kill " + i + (inSteps ? " " + delay + " ms after the first step started"
                    : " after " + delay + " ms of " + took);
            checkAfterCrash(exited.isPresent() ? when + " (it had exited after " + exited.getAsLong() + " ms)" : when);
            if (exited.isPresent()) took = exited.getAsLong();
        }
    }

    /**
     * Runs {@code args} in a child JVM and kills it as {@code kill} says (never when null). Returns how long the
     * command took when it exited by itself, empty when it was killed.
     */
    private OptionalLong runAndMaybeKill(String[] args, Kill kill) throws Exception {
        Path go = dir.resolve(".gryt/runs/go-" + System.nanoTime());
        try (ChildJvm child = ChildJvm.of(GrytOnSignal.class).sharingClasses().jvmOptions("-Xmx96m")
                .args(go.toString(), "-C", dir.toString()).args(args).start()) {
            child.awaitLine("READY"::equals, Duration.ofMinutes(2));
            long start = System.nanoTime();
            CompletableFuture<Long> exitedAt = child.process().onExit().thenApply(p -> System.nanoTime());
            Files.writeString(go, "go");
            if (kill == null) {
                assertThat(child.waitFor(Duration.ofMinutes(2))).as(child.output()).isZero();
                return OptionalLong.of(Duration.ofNanos(exitedAt.get() - start).toMillis());
            }
            if (kill.inSteps()) awaitFirstStep(child);
            Thread.sleep(kill.afterMillis());
            if (!child.isAlive()) {
                assertThat(child.waitFor(Duration.ofMinutes(2))).as(child.output()).isZero();
                return OptionalLong.of(Duration.ofNanos(exitedAt.get() - start).toMillis());
            }
            child.killHard();
            return OptionalLong.empty();
        }
    }

    /** Waits until a step of the child's run wrote its pid (or the child ended). */
    private void awaitFirstStep(ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (child.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(pids) && Files.size(pids) > 0) return;
            Thread.sleep(2);
        }
    }

    private void checkAfterCrash(String when) throws Exception {
        String as = "seed " + SEED + ", " + when;
        CliRun next = CliRun.in(dir, "status");
        assertThat(next.exitCode()).as(as + "\n" + next.all()).isZero();
        assertThat(next.all()).as(as).doesNotContain("internal error", "Exception");
        assertThat(column("PRAGMA integrity_check")).as(as).containsExactly("ok");
        CliRun verify = CliRun.in(dir, "audit", "verify");
        assertThat(verify.exitCode()).as(as + "\n" + verify.all()).isZero();
        assertThat(count("SELECT count(*) FROM pipeline_runs WHERE status IN ('running', 'pending')"))
                .as(as + ": runs left running").isZero();
        assertThat(count("SELECT count(*) FROM evolutions WHERE status IN ('running', 'pending')"))
                .as(as + ": evolutions left running").isZero();
        assertThat(count("SELECT count(*) FROM promotions WHERE status = 'pending'")).as(as + ": pending promotions").isZero();
        java.util.Set<String> tags = new java.util.HashSet<>(git.git("tag", "-l").lines().map(String::strip).toList());
        for (String version : column("SELECT version FROM generations")) {
            boolean tagged = tags.contains(version);
            boolean promoted = count("SELECT count(*) FROM generations WHERE version = '" + version + "' AND status = 'promoted'") == 1;
            boolean completed = count("SELECT count(*) FROM promotions p JOIN generations g ON g.id = p.generation_id"
                    + " WHERE g.version = '" + version + "' AND p.status = 'completed'") == 1;
            assertThat(List.of(tagged, promoted, completed)).as(as + ": " + version + " tag, promoted, completed promotion")
                    .containsOnly(tagged);
        }
        if (Files.exists(pids)) {
            for (String pid : Files.readAllLines(pids)) {
                if (pid.isBlank()) continue;
                assertThat(Processes.awaitGone(Long.parseLong(pid.strip()), Duration.ofSeconds(10)))
                        .as(as + ": step process " + pid + " outlived its run").isTrue();
            }
            Files.delete(pids);
        }
    }

    private void ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(column(sql).get(0));
    }

    private List<String> column(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".gryt/gryt.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) values.add(rs.getString(1));
            return values;
        }
    }
}
