package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.testing.ChildJvm;
import io.gryt.testing.TempGitRepo;
import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shared fixtures of src-test-fixtures behave as their Javadoc says. */
@ExtendWith(TempProjectExtension.class)
class TestFixturesTest {
    private static Path injectedProjectDir;

    /** A main for the child JVM tests: prints its arguments, then "ready", then waits to be killed. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            for (String arg : args) System.out.println("arg " + arg);
            System.err.println("on stderr");
            System.out.println("ready");
            Thread.sleep(120_000);
        }
    }

    /** A main that exits with the code given as its argument. */
    public static final class Exiter {
        public static void main(String[] args) {
            System.out.println("exiting");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    @Test
    void aChildJvmCanBeWatchedAndKilledHard() {
        try (ChildJvm child = ChildJvm.of(Sleeper.class).jvmOptions("-Xmx64m").args("one", "two").start()) {
            assertThat(child.awaitLine("ready"::equals, Duration.ofSeconds(60))).isEqualTo("ready");
            assertThat(child.lines()).containsExactly("arg one", "arg two", "ready");
            assertThat(child.isAlive()).isTrue();
            assertThatThrownBy(child::exitCode).isInstanceOf(IllegalStateException.class);

            child.killHard();

            assertThat(child.isAlive()).isFalse();
            assertThat(child.exitCode()).isEqualTo(137); // 128 + SIGKILL
            assertThat(child.errorLines()).containsExactly("on stderr");
        }
    }

    @Test
    void aChildJvmReportsItsExitCode() {
        try (ChildJvm child = ChildJvm.start(Exiter.class, "3")) {
            assertThat(child.waitFor(Duration.ofSeconds(60))).isEqualTo(3);
            assertThat(child.exitCode()).isEqualTo(3);
            assertThat(child.lines()).containsExactly("exiting");
        }
    }

    @Test
    void awaitingALineThatNeverComesFailsWithTheOutput() {
        try (ChildJvm child = ChildJvm.start(Exiter.class, "0")) {
            assertThatThrownBy(() -> child.awaitLine("never"::equals, Duration.ofSeconds(60)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("exited with code 0 without a matching line")
                    .hasMessageContaining("exiting");
        }
    }

    @Test
    void aTempGitRepoIsARealRepositoryOnMain(@TempDir Path dir) {
        TempGitRepo repo = TempGitRepo.init(dir);

        assertThat(repo.git("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
        assertThat(repo.git("log", "--format=%s")).isEqualTo("initial");
        repo.write("a/b.txt", "hello");
        String commit = repo.commit("add b");
        assertThat(repo.git("show", commit + ":a/b.txt")).isEqualTo("hello");
        assertThatThrownBy(() -> repo.git("rev-parse", "--verify", "nope"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fatal");
    }

    @Test
    void aTempProjectHasGrytsLayout(TempProject project) {
        injectedProjectDir = project.dir();

        Path pipeline = project.writePipeline("ci", "steps: []\n");

        assertThat(project.pipelinesDir()).isDirectory();
        assertThat(project.runsDir()).isDirectory();
        assertThat(pipeline).isEqualTo(project.dir().resolve(".gryt/pipelines/ci.yaml")).hasContent("steps: []");
        assertThat(project.writeSteps("steps: {}\n")).isEqualTo(project.stepsFile());
    }

    @AfterAll
    static void theInjectedProjectIsDeletedAfterItsTest() {
        assertThat(injectedProjectDir).isNotNull();
        assertThat(Files.exists(injectedProjectDir)).isFalse();
    }
}
