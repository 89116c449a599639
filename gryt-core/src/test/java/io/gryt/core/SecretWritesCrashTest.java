package io.gryt.core;

import io.gryt.api.Pipeline;
import io.gryt.testing.ChildJvm;
import io.gryt.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret value a step writes to {@code $GRYT_OUTPUT} or {@code $GRYT_METRICS} is in no file, not even while the
 * step runs, nor after gryt is killed with SIGKILL right after the step wrote it (Linux: files without a name).
 */
@EnabledOnOs(OS.LINUX)
class SecretWritesCrashTest {
    static final String TOKEN = "crash-t0ken-5e1f9a7c3b";

    @TempDir
    Path project;

    @Test
    void aKilledGrytLeavesNoSecretAStepWroteToItsOutputsInAnyFile() throws Exception {
        try (ChildJvm child = ChildJvm.of(Main.class).args(project.toString()).start()) {
            long shell = Processes.awaitPid(project.resolve("wrote.pid"), Duration.ofSeconds(60));
            assertThat(filesHolding(TOKEN)).as("while the step runs").isEmpty();
            child.killHard();
            child.waitFor(Duration.ofSeconds(30));

            assertThat(filesHolding(TOKEN)).as("after gryt was killed").isEmpty();
            try (Gryt gryt = Gryt.open(project)) {
                assertThat(gryt.recovered()).hasSize(1);
            }
            assertThat(Processes.awaitGone(shell, Duration.ofSeconds(10))).isTrue();
            assertThat(filesHolding(TOKEN)).as("after recovery").isEmpty();
        }
    }

    /** The files of the project and of {@code /dev/shm} whose bytes hold {@code text}. */
    private List<Path> filesHolding(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> roots = Files.isDirectory(Path.of("/dev/shm")) ? List.of(project, Path.of("/dev/shm")) : List.of(project);
        List<Path> found = new java.util.ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(f);
                    } catch (IOException e) {
                        continue; // another user's file, or gone meanwhile
                    }
                    if (indexOf(bytes, needle) >= 0) found.add(f);
                }
            } catch (java.io.UncheckedIOException e) {
                // a directory of another user in /dev/shm
            }
        }
        return found;
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (bytes[i + k] != needle[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** Child JVM: runs a step that writes the secret to its outputs and metrics files, then waits to be killed. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws Exception {
            Path project = Path.of(args[0]);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("TOKEN", TOKEN);
            Gryt gryt = Gryt.builder().projectDir(project).environment(env).build();
            gryt.start(Pipeline.of(step("write").sh("echo \"token=$TOKEN\" >> \"$GRYT_OUTPUT\";"
                    + " echo \"$TOKEN=1\" >> \"$GRYT_METRICS\"; echo $$ > wrote.tmp; mv wrote.tmp wrote.pid; sleep 300"))
                    .secrets(secret("TOKEN")));
            Thread.sleep(600_000);
        }
    }
}
