package io.gryt.dashboard;

import org.jline.utils.AttributedString;
import org.jline.utils.NonBlocking;
import org.jline.utils.NonBlockingReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How key sequences read, and how a long body is cut to the terminal keeping the selection in sight. */
class KeysAndLinesTest {
    @Test
    void arrowsInBothCursorModesPagesEnterEscapeAndCtrlCRead() throws Exception {
        NonBlockingReader in = NonBlocking.nonBlocking("test", new StringReader("\u001b[A\u001bOBj\r\u001b[6~\u001b[5~\u007f\u0003q"));
        List<Key.Kind> kinds = new ArrayList<>();
        Key k;
        while ((k = Key.read(in, 100)) != null && !k.is('q')) kinds.add(k.kind());
        assertThat(kinds).containsExactly(Key.Kind.UP, Key.Kind.DOWN, Key.Kind.CHAR, Key.Kind.ENTER, Key.Kind.PAGE_DOWN,
                Key.Kind.PAGE_UP, Key.Kind.BACKSPACE, Key.Kind.INTERRUPT);
        assertThat(Key.ch('j').down()).isTrue();
        assertThat(Key.ch('k').up()).isTrue();
    }

    @Test
    void aLongBodyScrollsToKeepTheSelectedItemInSightAndCutsLinesToTheWidth() {
        Palette p = new Palette(false);
        Lines l = new Lines();
        for (int i = 0; i < 40; i++) {
            l.item(i == 30, l.line().append("item " + i + " " + "x".repeat(100)), p);
        }
        List<AttributedString> window = l.window(22, 80, -1);
        assertThat(window).hasSize(22);
        assertThat(window.get(21).toString()).startsWith("> item 30 ");
        assertThat(window).allSatisfy(s -> assertThat(s.columnLength()).isLessThanOrEqualTo(80));
        assertThat(l.window(22, 80, 0).get(0).toString()).startsWith("  item 0 ");
    }
}
