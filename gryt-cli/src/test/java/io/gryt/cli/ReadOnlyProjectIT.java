package io.gryt.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A project gryt may not write (an auditor's copy, another user's project): the packaged jar, run as the user
 * {@code nobody} through {@code runuser}, reads and verifies it, and refuses changes with one line. Needs root
 * (CI runs as root) and {@code runuser}; skips otherwise, saying so.
 */
class ReadOnlyProjectIT {
    static final Path JAR = Path.of("target/gryt.jar").toAbsolutePath();

    @TempDir
    Path dir;
    Path project;
    Path jar;

    @BeforeEach
    void aProjectOwnedByRootThatNobodyMayNotWrite() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to run gryt as another user: skipped");
        assumeTrue(Files.isRegularFile(JAR), "needs " + JAR + " (mvn package): skipped");
        Process probe = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "runuser cannot switch to the user nobody here: skipped");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.copy(JAR, dir.resolve("gryt.jar"));
        project = Files.createDirectories(dir.resolve("project"));
        assertThat(CliRun.in(project, "init").exitCode()).isZero();
        assertThat(CliRun.in(project, "run", "ci").exitCode()).isZero();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    private CliRun asNobody(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--", java, "-jar", jar.toString(),
                "-C", project.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.getParent().resolve(dir.getFileName() + ".err").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.getParent().resolve(dir.getFileName() + ".err"));
        return new CliRun(p.exitValue(), out, err);
    }

    @Test
    void readingAndVerifyingWorkAndChangesAreRefusedInOneLine() throws Exception {
        List<String> before;
        try (Stream<Path> files = Files.list(project.resolve(".gryt"))) {
            before = files.map(Path::toString).sorted().toList();
        }

        CliRun verify = asNobody("audit", "verify");
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        assertThat(verify.out()).startsWith("audit trail intact");
        CliRun query = asNobody("db", "query", "--csv", "SELECT COUNT(*) AS runs FROM pipeline_runs");
        assertThat(query.exitCode()).as(query.all()).isZero();
        assertThat(query.out().lines()).containsExactly("runs", "1");

        CliRun run = asNobody("run", "ci");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("gryt: error: .gryt/gryt.db is open read-only (gryt may not write it or its directory): cannot");
        try (Stream<Path> files = Files.list(project.resolve(".gryt"))) {
            assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(before);
        }
    }
}
