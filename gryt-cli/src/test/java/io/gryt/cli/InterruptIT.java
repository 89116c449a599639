package io.gryt.cli;

import io.gryt.api.RunStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;
import io.gryt.testing.Processes;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C (SIGINT) or SIGTERM on {@code ./gryt run}: every step process dies, the run is recorded, exit code 130. */
class InterruptIT {
    @TempDir
    Path dir;

    @Test
    void sigintStopsTheRunKillsItsProcessTreeAndExits130() throws Exception {
        initWithAHangingPipeline("slow", "echo $$ > sh.pid; sleep 100 & echo $! > bg.pid; wait");
        Process p = new ProcessBuilder(GrytLauncherIT.REPO.resolve("gryt").toString(), "run", "slow")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !(line.contains("start") && line.contains("hang")));
        assertThat(line).as("the step started").isNotNull();
        long shell = Processes.awaitPid(dir.resolve("sh.pid"), Duration.ofSeconds(30));
        long background = Processes.awaitPid(dir.resolve("bg.pid"), Duration.ofSeconds(30));

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        StringBuilder rest = new StringBuilder();
        while ((line = out.readLine()) != null) rest.append(line).append('\n');
        assertThat(p.exitValue()).as(rest.toString()).isEqualTo(130);
        assertThat(rest.toString()).contains("interrupted");

        assertThat(Processes.awaitGone(shell, Duration.ofSeconds(10))).isTrue();
        assertThat(Processes.awaitGone(background, Duration.ofSeconds(10))).isTrue();
        try (Gryt g = Gryt.open(dir)) {
            List<PipelineRun> runs = g.store().runs().recent(1);
            assertThat(runs).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED));
        }
    }

    @Test
    void sigtermDuringAJsonRunStillPrintsTheInterruptedRunAsJson() throws Exception {
        initWithAHangingPipeline("slow", "echo $$ > sh.pid; exec sleep 100");
        String out = terminatedOnceStarted(dir, "run", "slow", "--json");

        assertThat(out).startsWith("{").contains("\"status\" : \"interrupted\"").contains("\"name\" : \"hang\"");
    }

    @Test
    void sigtermDuringAnEvolutionStillEndsWithTheEvolutionsLine() throws Exception {
        TempGitRepo repo = TempGitRepo.init(dir);
        initWithAHangingPipeline("ci", "echo $$ > sh.pid; exec sleep 100");
        assertThat(GrytLauncherIT.gryt(dir, "generation", "new", "v1.0.0", "--change", "fix:A-1:x").code()).isZero();
        Files.writeString(dir.resolve(".gitignore"), "sh.pid\nstderr.txt\n");
        repo.commit("contract");

        String out = terminatedOnceStarted(dir, "evolution", "start", "v1.0.0", "--change", "A-1");

        assertThat(out).contains("evolution v1.0.0-rc.1: interrupted (tagged on ");
    }

    /** {@code gryt init} in the test's directory, then pipeline {@code name}: one step {@code hang} running {@code script}. */
    private void initWithAHangingPipeline(String name, String script) throws Exception {
        assertThat(GrytLauncherIT.gryt(dir, "init").code()).isZero();
        Files.writeString(dir.resolve(".gryt/pipelines/" + name + ".yaml"),
                "steps:\n  - name: hang\n    run: \"" + script + "\"\n");
    }

    /** Starts {@code ./gryt args}, sends SIGTERM once its step wrote sh.pid, expects exit code 130; returns stdout. */
    private static String terminatedOnceStarted(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(GrytLauncherIT.REPO.resolve("gryt").toString()));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long shell = Processes.awaitPid(dir.resolve("sh.pid"), Duration.ofSeconds(60));

        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = stdout.get(10, TimeUnit.SECONDS);
        assertThat(p.exitValue()).as(out + Files.readString(err)).isEqualTo(130);
        assertThat(Processes.awaitGone(shell, Duration.ofSeconds(10))).isTrue();
        return out;
    }
}
