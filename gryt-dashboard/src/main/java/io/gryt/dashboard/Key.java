package io.gryt.dashboard;

import org.jline.utils.NonBlockingReader;

import java.io.IOException;

/** One key press, as the dashboard understands it. */
record Key(Kind kind, char ch) {
    /** What kind of key. */
    enum Kind { UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, ESCAPE, BACKSPACE, INTERRUPT, CHAR }

    static Key of(Kind kind) {
        return new Key(kind, '\0');
    }

    static Key ch(char c) {
        return new Key(Kind.CHAR, c);
    }

    boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }

    /** True for a move up: the up arrow or {@code k}. */
    boolean up() {
        return kind == Kind.UP || is('k');
    }

    /** True for a move down: the down arrow or {@code j}. */
    boolean down() {
        return kind == Kind.DOWN || is('j');
    }

    /** True for going back: Escape, Backspace, the left arrow or {@code h}. */
    boolean back() {
        return kind == Kind.ESCAPE || kind == Kind.BACKSPACE || kind == Kind.LEFT || is('h');
    }

    /** True for opening: Enter or the right arrow. */
    boolean open() {
        return kind == Kind.ENTER || kind == Kind.RIGHT;
    }

    /** The next key within {@code timeoutMillis}, or {@code null}; end of input reads as an interrupt. */
    static Key read(NonBlockingReader in, long timeoutMillis) throws IOException {
        int c = in.read(timeoutMillis);
        if (c == NonBlockingReader.READ_EXPIRED) return null;
        if (c < 0 || c == 3 || c == 4) return of(Kind.INTERRUPT);
        if (c == '\r' || c == '\n') return of(Kind.ENTER);
        if (c == 127 || c == 8) return of(Kind.BACKSPACE);
        if (c != 27) return ch((char) c);
        int next = in.read(50);
        if (next != '[' && next != 'O') return of(Kind.ESCAPE);
        int code = in.read(50);
        return switch (code) {
            case 'A' -> of(Kind.UP);
            case 'B' -> of(Kind.DOWN);
            case 'C' -> of(Kind.RIGHT);
            case 'D' -> of(Kind.LEFT);
            case 'H' -> of(Kind.HOME);
            case 'F' -> of(Kind.END);
            case '5', '6', '1', '4' -> {
                int tilde = in.read(50);
                if (tilde != '~') yield of(Kind.ESCAPE);
                yield of(code == '5' ? Kind.PAGE_UP : code == '6' ? Kind.PAGE_DOWN : code == '1' ? Kind.HOME : Kind.END);
            }
            default -> of(Kind.ESCAPE);
        };
    }
}
