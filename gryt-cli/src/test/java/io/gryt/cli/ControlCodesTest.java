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
}
