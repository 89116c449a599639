package io.gryt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real {@code ./gryt} launcher (and so the packaged jar) as a subprocess. */
class GrytLauncherIT {
    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    record Result(int code, String output) {
    }

    static Result gryt(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(REPO.resolve("gryt").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void launcherRunsTheBuiltJarWithoutRebuilding() throws Exception {
        Result r = gryt(dir, "--version");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("gryt 0.").doesNotContain("building");
    }

    @Test
    void demoWorksThroughTheLauncher() throws Exception {
        Result r = gryt(dir, "demo", "--dir", dir.resolve("demo").toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("pass").contains("recorded in");
        assertThat(dir.resolve("demo/.gryt/gryt.db")).isRegularFile();
    }

    @Test
    void initThenRunFromASubdirectoryFindsTheProject() throws Exception {
        assertThat(gryt(dir, "init").code()).isZero();
        Path sub = Files.createDirectories(dir.resolve("src/main"));
        Result r = gryt(sub, "run", "ci");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("gryt run ci");
    }
}
