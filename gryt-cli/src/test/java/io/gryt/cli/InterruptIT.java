package io.gryt.cli;

import io.gryt.api.RunStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;
import io.gryt.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C (SIGINT) on {@code ./gryt run}: every step process dies, the run is recorded, exit code 130. */
class InterruptIT {
    @TempDir
    Path dir;

    @Test
    void sigintStopsTheRunKillsItsProcessTreeAndExits130() throws Exception {
        assertThat(GrytLauncherIT.gryt(dir, "init").code()).isZero();
        Files.writeString(dir.resolve(".gryt/pipelines/slow.yaml"), """
                steps:
                  - name: hang
                    run: "echo $$ > sh.pid; sleep 100 & echo $! > bg.pid; wait"
                """);
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
}
