package io.gryt.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTest {
    @Test
    void outputThatIsNotTheProcesssOwnStdoutIsNeverATerminal() {
        Terminal t = Terminal.detect(false, Map.of("TERM", "xterm-256color"));

        assertThat(t.interactive()).isFalse();
        assertThat(t.color()).isFalse();
        assertThat(t.style()).isEqualTo(ConsoleStyle.PLAIN);
    }

    @Test
    void grytForceTtyMakesAnyOutputATerminalWithColours() {
        Terminal t = Terminal.detect(false, Map.of("GRYT_FORCE_TTY", "1"));

        assertThat(t.interactive()).isTrue();
        assertThat(t.color()).isTrue();
        assertThat(Terminal.detect(false, Map.of("GRYT_FORCE_TTY", "0")).interactive()).isFalse();
        assertThat(Terminal.detect(false, Map.of("GRYT_FORCE_TTY", "")).interactive()).isFalse();
    }

    @Test
    void noColorTurnsColoursOffAndNothingElse() {
        Terminal t = Terminal.detect(false, Map.of("GRYT_FORCE_TTY", "1", "NO_COLOR", "1"));

        assertThat(t.interactive()).isTrue();
        assertThat(t.color()).isFalse();
        assertThat(Terminal.detect(false, Map.of("GRYT_FORCE_TTY", "1", "NO_COLOR", "")).color())
                .as("an empty NO_COLOR does not count").isTrue();
    }

    @Test
    void theSizeComesFromColumnsAndLinesElseTheDefaults() {
        assertThat(Terminal.detect(false, Map.of("COLUMNS", "132", "LINES", "50")))
                .extracting(Terminal::width, Terminal::height).containsExactly(132, 50);
        assertThat(Terminal.detect(false, Map.of("COLUMNS", "wide", "LINES", "0")))
                .extracting(Terminal::width, Terminal::height)
                .containsExactly(Terminal.DEFAULT_WIDTH, Terminal.DEFAULT_HEIGHT);
    }
}
