package io.gryt.dashboard;

import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;
import io.gryt.report.StatusText;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code gryt dashboard}: a full-screen live view of a project's releases and runs in the terminal, on JLine. It
 * reads only through {@link Gryt}'s typed reads, and only when the store changed ({@link StoreStamp}); a view with
 * a running step redraws once a second for its elapsed time, and JLine's {@link Display} sends only the characters
 * that changed, so it neither flickers nor spins. It resizes with the terminal, and leaving it (q, Ctrl-C)
 * restores the terminal.
 *
 * <p>Stability: experimental. The caller checks that standard input and output are a terminal.
 */
public final class Dashboard {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STORE_CHECK = Duration.ofMillis(500);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Gryt gryt;
    private final Palette palette;
    private final Deque<View> views = new ArrayDeque<>();
    private StatusPage page;
    private String filter = "";
    private StringBuilder typing;

    private Dashboard(Gryt gryt, boolean colour) {
        this.gryt = gryt;
        this.palette = new Palette(colour);
        views.push(new OverviewView());
    }

    /**
     * Shows the dashboard of {@code gryt}'s project until the user quits; {@code colour} false draws without colour
     * ({@code NO_COLOR}). Returns the exit code: 0 on q, 130 on Ctrl-C.
     */
    public static int run(Gryt gryt, boolean colour) {
        try (Terminal terminal = TerminalBuilder.builder().name("gryt").system(true).nativeSignals(true).build()) {
            return new Dashboard(gryt, colour).show(terminal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the terminal: " + e.getMessage(), e);
        }
    }

    private int show(Terminal terminal) throws IOException {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean resized = new AtomicBoolean();
        Attributes saved = terminal.enterRawMode();
        Terminal.SignalHandler oldInt = terminal.handle(Terminal.Signal.INT, s -> interrupted.set(true));
        Terminal.SignalHandler oldWinch = terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.puts(Capability.clear_screen); // and the cursor home, where the display starts drawing
        terminal.flush();
        Display display = new Display(terminal, true);
        try {
            Size size = terminal.getSize();
            display.resize(size.getRows(), size.getColumns());
            return loop(terminal, display, interrupted, resized);
        } finally {
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, oldInt);
            terminal.handle(Terminal.Signal.WINCH, oldWinch);
        }
    }

    private int loop(Terminal terminal, Display display, AtomicBoolean interrupted, AtomicBoolean resized) throws IOException {
        StoreStamp stamp = null;
        long nextCheck = 0;
        long nextTick = 0;
        boolean dirty = true;
        while (true) {
            if (interrupted.get()) return 130;
            long nowNanos = System.nanoTime();
            if (nowNanos >= nextCheck) {
                StoreStamp s = StoreStamp.of(gryt.layout().database());
                if (!s.equals(stamp)) {
                    stamp = s;
                    page = StatusPage.read(gryt);
                    views.peek().reload(gryt, page);
                    dirty = true;
                }
                nextCheck = nowNanos + STORE_CHECK.toNanos();
            }
            if (resized.getAndSet(false)) {
                Size size = terminal.getSize();
                display.clear();
                terminal.puts(Capability.clear_screen);
                display.resize(size.getRows(), size.getColumns());
                dirty = true;
            }
            if (nowNanos >= nextTick && !page.running().isEmpty()) dirty = true;
            if (dirty) {
                draw(terminal, display);
                dirty = false;
                nextTick = System.nanoTime() + TICK.toNanos();
            }
            Key key = Key.read(terminal.reader(), POLL.toMillis());
            if (key == null) continue;
            if (key.kind() == Key.Kind.INTERRUPT) return 130;
            if (!handle(key, bodyRows(terminal))) return 0;
            dirty = true;
        }
    }

    /** Acts on a key; false to quit. */
    private boolean handle(Key key, int rows) {
        if (typing != null) {
            switch (key.kind()) {
                case ENTER -> typing = null;
                case ESCAPE -> {
                    typing = null;
                    filter = "";
                }
                case BACKSPACE -> {
                    if (!typing.isEmpty()) typing.setLength(typing.length() - 1);
                    filter = typing.toString();
                }
                case CHAR -> {
                    if (key.ch() >= ' ') typing.append(key.ch());
                    filter = typing.toString();
                }
                default -> { }
            }
            return true;
        }
        if (key.is('q')) return false;
        if (key.is('/')) {
            typing = new StringBuilder(filter);
            return true;
        }
        if (key.back()) {
            if (!filter.isEmpty()) filter = "";
            else if (views.size() > 1) {
                views.pop();
                views.peek().reload(gryt, page);
            }
            return true;
        }
        View next = views.peek().key(key, rows);
        if (next != null) {
            filter = "";
            next.reload(gryt, page);
            views.push(next);
        }
        return true;
    }

    private int bodyRows(Terminal terminal) {
        return Math.max(1, terminal.getSize().getRows() - 2 - (typing != null || !filter.isEmpty() ? 1 : 0));
    }

    private void draw(Terminal terminal, Display display) {
        Size size = terminal.getSize();
        int width = Math.max(20, size.getColumns());
        View view = views.peek();
        Instant now = Instant.now();
        List<AttributedString> screen = new ArrayList<>();
        String time = StatusText.time(now);
        String title = view.title(page);
        int gap = Math.max(1, width - title.length() - time.length() - 2);
        screen.add(Lines.cut(new AttributedString(" " + title + " ".repeat(gap) + time + " ", palette.title()), width));
        int rows = bodyRows(terminal);
        Lines body = view.body(page, now, palette, filter);
        screen.addAll(body.window(rows, width, view.offset(rows)));
        if (typing != null || !filter.isEmpty()) {
            screen.add(new AttributedStringBuilder().append("/", palette.heading())
                    .append(typing != null ? typing + "_" : filter + "  (Esc clears)").toAttributedString());
        }
        String help = (typing != null ? "type to filter  Enter keep  Esc clear" : view.help() + "  / filter  q quit");
        screen.add(Lines.cut(new AttributedString(help, palette.muted()), width - 1));
        display.update(screen, 0);
    }
}
