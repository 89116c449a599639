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
        return run(new ProcessBuilder(cmd).directory(cwd.toFile()));
    }

    static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true).start();
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

    @Test
    void aSymbolicLinkOnThePathRunsGrytFromAnyDirectory() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("gryt"), REPO.resolve("gryt"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", "gryt --version").directory(elsewhere.toFile());
        shell.environment().put("PATH", bin + ":" + System.getenv("PATH"));

        Result r = run(shell);
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("gryt 0.");
    }

    @Test
    void theFirstBuildShowsEachModuleAsMavenBuildsIt() throws Exception {
        // a copy of the launcher with no jar yet, and a stand-in Maven that prints Maven's lines and "builds" the jar
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(REPO.resolve("gryt"), checkout.resolve("gryt"));
        Path script = Files.createDirectories(checkout.resolve("gryt-cli/src/main/dist/bin")).resolve("gryt");
        Files.copy(REPO.resolve("gryt-cli/src/main/dist/bin/gryt"), script);
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path mvn = Files.writeString(tools.resolve("mvn"), String.join("\n",
                "#!/bin/sh",
                "echo '[INFO] Scanning for projects...'",
                "echo '[INFO] Building gryt API 0.1.0-SNAPSHOT                              [1/2]'",
                "echo '[INFO] Building jar: /somewhere/gryt-api.jar'",
                "echo '[INFO] Building gryt command line 0.1.0-SNAPSHOT                     [2/2]'",
                "mkdir -p gryt-cli/target && cp '" + REPO.resolve("gryt-cli/target/gryt.jar") + "' gryt-cli/target/gryt.jar",
                ""));
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        ProcessBuilder launcher = new ProcessBuilder(checkout.resolve("gryt").toString(), "--version").directory(dir.toFile());
        launcher.environment().put("PATH", tools + ":" + System.getenv("PATH"));

        Result r = run(launcher);
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output().lines()).containsSubsequence(
                "gryt: building the command-line jar (one time, until the sources change)...",
                "gryt:   [1/2] gryt API",
                "gryt:   [2/2] gryt command line");
        assertThat(r.output()).contains("gryt: built in ").contains("gryt 0.").doesNotContain("Building jar");
    }
}
