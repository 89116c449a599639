package io.gryt.cli;

import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Torture, the file system: a {@code .gryt/} made read-only by a read-only bind mount (root ignores file modes)
 * and a full disk (a 2 MB tmpfs filled up). Commands that write fail with one line naming the problem and exit
 * non-zero, without a stack trace; reads work on the read-only directory; every file of {@code .gryt/} is
 * unchanged, and once space is freed {@code audit verify} passes and a run is recorded again. Skipped, saying
 * why, where the test may not mount (not root, or no mount privilege in the container).
 */
class ReadOnlyAndFullDiskTest {
    @TempDir
    Path dir;

    Path gryt;

    @BeforeEach
    void aProjectWithHistory() {
        assumeTrue(canMount(), "mounting a tmpfs or a read-only bind mount needs root with mount privilege here");
        TempGitRepo git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/ci.yaml", "steps:\n  - name: hello\n    run: [echo, hello]\n");
        git.commit("pipeline");
        ok("run", "ci");
        gryt = dir.resolve(".gryt");
    }

    @Test
    void onAReadOnlyDirectoryWritesFailOnOneLineReadsWorkAndNothingChanges() throws Exception {
        TreeMap<String, String> before = hashes(gryt);
        sh("mount", "--bind", gryt.toString(), gryt.toString());
        try {
            sh("mount", "-o", "remount,ro,bind", gryt.toString());
            for (List<String> write : List.of(List.of("run", "ci"), List.of("audit", "snapshot"),
                    List.of("generation", "new", "v1.0.0", "--change", "fix:A-1:One"))) {
                CliRun r = CliRun.in(dir, write.toArray(String[]::new));
                assertThat(r.exitCode()).as(write + "\n" + r.all()).isIn(2, 3);
                assertOneClearLine(r, "read-only");
            }
            for (List<String> read : List.of(List.of("status"), List.of("generation", "list"), List.of("audit", "verify"),
                    List.of("db", "query", "SELECT count(*) FROM pipeline_runs"))) {
                CliRun r = CliRun.in(dir, read.toArray(String[]::new));
                assertThat(r.exitCode()).as(read + "\n" + r.all()).isZero();
                assertThat(r.all()).doesNotContain("\tat ", "Exception");
            }
        } finally {
            sh("umount", gryt.toString());
        }
        assertThat(hashes(gryt)).isEqualTo(before);
        ok("audit", "verify");
        ok("run", "ci");
    }

    @Test
    void onAFullDiskAWriteFailsOnOneLineAndNothingIsLostOnceSpaceIsFreed() throws Exception {
        Path copy = Files.createTempDirectory("gryt-full-disk");
        sh("cp", "-a", gryt + "/.", copy.toString());
        sh("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", gryt.toString());
        try {
            sh("cp", "-a", copy + "/.", gryt.toString());
            ok("audit", "verify");
            TreeMap<String, String> before = hashes(gryt);
            Path filler = gryt.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) out.write(block);
            } catch (IOException full) {
                assertThat(full.getMessage()).contains("No space left");
            }
            CliRun r = CliRun.in(dir, "run", "ci");
            assertThat(r.exitCode()).as(r.all()).isIn(2, 3);
            assertOneClearLine(r, "no space left");
            TreeMap<String, String> after = hashes(gryt);
            after.remove("filler");
            // what SQLite's failed open left: its shared-memory index and an empty WAL (no page of data)
            after.remove("gryt.db-shm");
            if (Files.exists(gryt.resolve("gryt.db-wal"))) assertThat(Files.size(gryt.resolve("gryt.db-wal"))).isZero();
            after.remove("gryt.db-wal");
            assertThat(after).isEqualTo(before);

            Files.delete(filler);
            ok("audit", "verify");
            ok("run", "ci");
        } finally {
            sh("umount", "-l", gryt.toString());
        }
    }

    private static void assertOneClearLine(CliRun r, String problem) {
        List<String> errors = r.err().lines().filter(l -> l.startsWith("gryt: error: ")).toList();
        assertThat(errors).as(r.all()).hasSize(1);
        assertThat(errors.get(0).toLowerCase()).as(r.all()).contains(problem);
        assertThat(r.all()).doesNotContain("\tat ", "internal error");
    }

    private void ok(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
    }

    private static TreeMap<String, String> hashes(Path root) throws Exception {
        TreeMap<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(f).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return hashes;
    }

    private static boolean canMount() {
        try {
            Path probe = Files.createTempDirectory("gryt-mount-probe");
            try {
                if (run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.toString()) != 0) return false;
                run("umount", probe.toString());
                return true;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static void sh(String... command) throws Exception {
        assertThat(run(command)).as(String.join(" ", command)).isZero();
    }
}
