package io.gryt.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCodesTest {
    @Test
    void stripRemovesEscapeSequencesAndTurnsControlCharactersIntoSpaces() {
        assertThat(ControlCodes.strip("\u001b[31mred\u001b[0m\tand\rback\u001b[2K\u001b]0;title\u0007!"))
                .isEqualTo("red and back!");
        assertThat(ControlCodes.strip("plain")).isEqualTo("plain");
    }

    @Test
    void keepColoursKeepsOnlyColourSequencesAndResetsAfterThem() {
        assertThat(ControlCodes.keepColours("\u001b[1;32mok\u001b[3A\u001b[2J done", true))
                .isEqualTo("\u001b[1;32mok done\u001b[0m");
        assertThat(ControlCodes.keepColours("\u001b[32mok", false)).isEqualTo("ok");
        assertThat(ControlCodes.keepColours("no codes", true)).isEqualTo("no codes");
    }

    @Test
    void visibleWritesControlCharactersAsEscapesSoAnErrorLineCannotDriveTheTerminal() {
        assertThat(ControlCodes.visible("a\u001b[2Jb\tc\u0007\u009b")).isEqualTo("a\\u001b[2Jb\\tc\\u0007\\u009b");
        assertThat(ControlCodes.visible("plain 'quoted'; $(x)")).isEqualTo("plain 'quoted'; $(x)");
    }

    @Test
    void anErrorQuotingAHostileFileShowsItsControlCharactersWithoutSendingThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
        io.gryt.testing.TempProject.create(dir).writePipeline("bad", "steps:\n  - name: \"a\\e[2J\\u0007b\"\n    run: [echo]\n");
        CliRun bad = CliRun.in(dir, "run", "bad");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("invalid step name 'a\\u001b[2J\\u0007b'").doesNotContain("\u001b");
        CliRun arg = CliRun.in(dir, "run", "x\u001b[2J");
        assertThat(arg.exitCode()).isEqualTo(2);
        assertThat(arg.err()).contains("x\\u001b[2J").doesNotContain("\u001b");
    }
}
