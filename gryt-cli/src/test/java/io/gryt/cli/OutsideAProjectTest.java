package io.gryt.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command that needs a project says so on one line, exit code 2, when there is none. */
class OutsideAProjectTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run ci", "generation list", "generation show v1.0.0", "generation new v1.0.0",
            "generation promote v1.0.0", "generation hotfix v1.0.0 --change fix:X-1:t", "evolution start v1.0.0 --change X-1",
            "evolution list v1.0.0", "evolution show v1.0.0-rc.1", "db query SELECT", "db metric pass_rate",
            "config list", "config get store.url", "config set run.runners 2"})
    void commandsOutsideAProjectAreBadInput(String command) {
        CliRun r = CliRun.in(dir, command.split(" "));
        assertThat(r.exitCode()).as(command + "\n" + r.all()).isEqualTo(2);
        assertThat(r.err()).as(command).contains("no gryt project").contains("gryt init");
        assertThat(r.err().strip().lines()).as(command).hasSize(1);
        assertThat(dir.resolve(".gryt")).as("nothing created").doesNotExist();
    }
}
