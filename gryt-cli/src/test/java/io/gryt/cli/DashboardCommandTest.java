package io.gryt.cli;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gryt dashboard} off a terminal refuses and points to {@code gryt status}; and the terminal library is
 * loaded by no other command (nor by that refusal), so that their start-up does not pay for it.
 */
class DashboardCommandTest {
    @TempDir
    Path dir;

    @Test
    void offATerminalItRefusesWithOneLineSuggestingStatus() {
        TempGitRepo.init(dir);
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        CliRun r = CliRun.in(dir, "dashboard");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: gryt dashboard needs a terminal (standard output is not one); for a"
                + " one-shot summary use gryt status (or gryt status --json, gryt status --html <file>)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void otherCommandsDoNotLoadTheTerminalLibraryOrTheDashboard() {
        TempGitRepo.init(dir);
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        for (String[] command : new String[][]{{"status"}, {"dashboard"}, {"--help"}}) {
            String[] args = new String[command.length + 2];
            args[0] = "-C";
            args[1] = dir.toString();
            System.arraycopy(command, 0, args, 2, command.length);
            try (ChildJvm child = ChildJvm.of(Main.class).jvmOptions("-verbose:class").args(args).start()) {
                child.waitFor(Duration.ofSeconds(120));
                assertThat(child.lines()).as("classes loaded by gryt " + String.join(" ", command))
                        .anyMatch(l -> l.contains("io.gryt.cli.Cli "))
                        .noneMatch(l -> l.contains("org.jline.") || l.contains("io.gryt.dashboard."));
            }
        }
    }
}
