package io.gryt.core.internal.exec;

import io.gryt.core.internal.secret.HeldLines;
import io.gryt.core.internal.secret.SecretMask;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A step's output: every line is masked, appended to the step's log file, kept in a bounded tail and handed
 * to the output listener. Output arrives as bytes and streams through fixed buffers: a line that holds no secret
 * value goes to the file as it was printed, and becomes a {@code String} only when a listener wants lines, so
 * memory use and garbage do not depend on how much a step prints. A line whose end may be the first part of a
 * secret value split over lines is held back ({@link HeldLines}) until the next line, the end of the output or
 * {@link #HOLD} has passed, and only then written and handed on. Thread-safe; lines written after
 * {@link #close()} are dropped.
 */
final class StepLog implements AutoCloseable {
    /** How many of the last lines a result keeps. */
    static final int TAIL_LINES = 50;
    /** How many characters of one line the tail keeps (the log file keeps the whole line). */
    static final int TAIL_LINE_CHARS = 4096;
    /** Bytes of a line the tail keeps: enough for {@link #TAIL_LINE_CHARS} characters of any UTF-8 text. */
    private static final int TAIL_LINE_BYTES = 4 * TAIL_LINE_CHARS + 4;
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);
    private static final int BUFFER_BYTES = 64 * 1024;
    /** How long a line may be held back waiting for the rest of a secret value split over lines. */
    static final long HOLD_MILLIS = 250;
    /** Releases lines held longer than {@link #HOLD_MILLIS}, for every step log. */
    private static final ScheduledExecutorService HOLD = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "gryt-output-hold");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    private final SecretMask mask;
    private final Consumer<String> output;
    private final OutputStream stream;
    /** Allocated at the first write: most steps' output goes to the file without it (see ProcessRunner). */
    private byte[] buffer;
    private int buffered;
    /** The last lines, as bytes (at most {@link #TAIL_LINE_BYTES} of each), in a ring. */
    private final byte[][] tail = new byte[TAIL_LINES][];
    private final int[] tailLength = new int[TAIL_LINES];
    private final boolean[] tailCut = new boolean[TAIL_LINES];
    private int tailNext;
    private int tailCount;
    private String carry = "";
    private final HeldLines held;
    /** True while a check of the held lines is scheduled. */
    private boolean holdChecked;
    /** Taken before {@code this} by whoever hands lines to {@link #output}, so that they arrive in order. */
    private final Object delivery = new Object();
    private IOException failure;
    private boolean closed;

    private StepLog(Path file, SecretMask mask, Consumer<String> output, OutputStream stream) {
        this.file = file;
        this.mask = mask;
        this.output = output;
        this.stream = stream;
        this.held = new HeldLines(mask);
    }

    /**
     * Opens {@code file} for appending (creating it and its directory); {@code output} receives masked lines, or
     * is {@code null} when nobody listens to them.
     */
    static StepLog open(Path file, SecretMask mask, Consumer<String> output) throws IOException {
        OutputStream stream;
        try {
            stream = appending(file);
        } catch (NoSuchFileException e) {
            // the run's log directory is made when the run starts: made here only when it was removed since
            Files.createDirectories(file.getParent());
            stream = appending(file);
        }
        return new StepLog(file, mask, output, stream);
    }

    private static OutputStream appending(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** The log file. */
    Path file() {
        return file;
    }

    /** Records a line of the step's output (the end of a line handed on in pieces by {@link #piece}). */
    void line(String raw) {
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                if (closed) return;
                shown = textInTurn(carry + raw);
                carry = "";
            }
            deliver(shown);
        }
    }

    /** {@link #line(String)} of UTF-8 bytes; a final carriage return is dropped. */
    void line(byte[] bytes, int from, int length) {
        int end = from + length;
        if (end > from && bytes[end - 1] == '\r') end--;
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                shown = lineInTurn(bytes, from, end);
            }
            deliver(shown);
        }
    }

    /**
     * Records complete lines: {@code bytes} from {@code from} to {@code to} holds lines each ended by a newline.
     * Without a listener they are taken under one lock, and only the last {@link #TAIL_LINES} reach the tail.
     */
    void lines(byte[] bytes, int from, int to) {
        if (output != null) {
            for (int start = from; start < to; ) {
                int newline = start;
                while (bytes[newline] != '\n') newline++;
                line(bytes, start, newline - start);
                start = newline + 1;
            }
            return;
        }
        synchronized (this) {
            if (closed) return;
            // only the chunk's last lines can stay in the tail: earlier ones would be pushed out of it anyway
            int tailFrom = to;
            for (int count = 0; tailFrom > from && count < TAIL_LINES; count++) {
                tailFrom--;
                while (tailFrom > from && bytes[tailFrom - 1] != '\n') tailFrom--;
            }
            for (int start = from; start < to; ) {
                int newline = start;
                while (bytes[newline] != '\n') newline++;
                int end = newline > start && bytes[newline - 1] == '\r' ? newline - 1 : newline;
                if (!rawAsPrinted(bytes, start, end)) {
                    lineInTurn(bytes, start, end);
                } else {
                    write(bytes, start, end - start);
                    write(NEWLINE, 0, NEWLINE.length);
                    if (start >= tailFrom) keep(bytes, start, end - start);
                }
                start = newline + 1;
            }
        }
    }

    /**
     * True when the line from {@code from} to {@code end} can be written as printed: it holds no secret value, does
     * not end in what may be the first part of one, and no line before it is held or may be continued by it.
     */
    private boolean rawAsPrinted(byte[] bytes, int from, int end) {
        return carry.isEmpty() && held.isIdle() && !mask.mayOccurIn(bytes, from, end)
                && !mask.mayContinue(bytes, from, end);
    }

    /**
     * Records a line, under the lock: unless it might hold a secret value, it is written as printed; returns the
     * lines now final as listeners see them (none once closed, or while the line is held back; only decoded when
     * someone listens).
     */
    private List<String> lineInTurn(byte[] bytes, int from, int end) {
        if (closed) return List.of();
        if (rawAsPrinted(bytes, from, end)) {
            write(bytes, from, end - from);
            write(NEWLINE, 0, NEWLINE.length);
            keep(bytes, from, end - from);
            return output == null ? List.of() : List.of(new String(bytes, from, end - from, StandardCharsets.UTF_8));
        }
        String raw = carry + new String(bytes, from, end - from, StandardCharsets.UTF_8);
        carry = "";
        return textInTurn(raw);
    }

    /** Records a decoded line under the lock, holding it back while needed; returns the lines now final. */
    private List<String> textInTurn(String raw) {
        if (mask.isEmpty()) {
            appendText(raw);
            return List.of(raw);
        }
        List<String> done = held.add(raw);
        for (String line : done) appendText(line);
        if (held.holding() && !holdChecked) {
            holdChecked = true;
            HOLD.schedule(this::releaseHeld, HOLD_MILLIS, TimeUnit.MILLISECONDS);
        }
        return done;
    }

    /** Writes and hands on the lines held back for {@link #HOLD_MILLIS} or more; checks again later for newer ones. */
    private void releaseHeld() {
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                holdChecked = false;
                if (closed || !held.holding()) return;
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - held.heldSince());
                if (waited < HOLD_MILLIS) {
                    holdChecked = true;
                    HOLD.schedule(this::releaseHeld, HOLD_MILLIS - waited, TimeUnit.MILLISECONDS);
                    return;
                }
                shown = releaseInTurn();
            }
            deliver(shown);
        }
    }

    /** Writes every held line, under the lock; returns them. */
    private List<String> releaseInTurn() {
        List<String> done = held.release();
        for (String line : done) appendText(line);
        return done;
    }

    /** Hands lines to the listener, holding {@link #delivery}. */
    private void deliver(List<String> lines) {
        if (output == null) return;
        for (String line : lines) output.accept(line);
    }

    /** The output ended: held lines are written and handed on, and the file flushed. */
    void endOfOutput() {
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                if (closed) return;
                shown = releaseInTurn();
            }
            deliver(shown);
        }
        flush();
    }

    /**
     * Records a piece of a line too long to keep whole, as a line of its own; the next {@link #line} or piece
     * continues it. A secret value that spans two pieces is masked: the end of a piece that could be the start
     * of one is held back and recorded with the next piece.
     */
    void piece(byte[] bytes, int from, int length) {
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                if (closed) return;
                shown = new ArrayList<>(releaseInTurn());
                SecretMask.Cut cut = mask.cut(carry + new String(bytes, from, length, StandardCharsets.UTF_8));
                carry = cut.rest();
                String masked = cut.masked();
                if (!masked.isEmpty() && appendText(masked)) shown.add(masked);
            }
            deliver(shown);
        }
    }

    /**
     * Records a line written by gryt itself (an attempt header): in the file and the tail, not the listeners. Lines
     * held back before it are written (and handed on) first.
     */
    void note(String raw) {
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                if (closed) return;
                shown = releaseInTurn();
                appendText(mask.apply(raw));
            }
            deliver(shown);
        }
    }

    /** Appends a masked line to the file and the tail; false once closed. */
    private boolean appendText(String masked) {
        if (closed) return false;
        byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
        write(NEWLINE, 0, NEWLINE.length);
        keep(bytes, 0, bytes.length);
        return true;
    }

    private void write(byte[] bytes, int from, int length) {
        if (failure != null) return;
        if (buffer == null) buffer = new byte[BUFFER_BYTES];
        if (length > buffer.length - buffered) {
            drain();
            if (length > buffer.length) {
                try {
                    stream.write(bytes, from, length);
                } catch (IOException e) {
                    failure = e;
                }
                return;
            }
        }
        System.arraycopy(bytes, from, buffer, buffered, length);
        buffered += length;
    }

    private void drain() {
        if (buffered == 0 || failure != null) return;
        try {
            stream.write(buffer, 0, buffered);
        } catch (IOException e) {
            failure = e;
        }
        buffered = 0;
    }

    /** Puts a line into the tail's ring, replacing the oldest. */
    private void keep(byte[] bytes, int from, int length) {
        int n = Math.min(length, TAIL_LINE_BYTES);
        byte[] slot = tail[tailNext];
        if (slot == null || slot.length < n) {
            slot = new byte[Math.min(TAIL_LINE_BYTES, Math.max(n, 128))];
            tail[tailNext] = slot;
        }
        System.arraycopy(bytes, from, slot, 0, n);
        tailLength[tailNext] = n;
        tailCut[tailNext] = n < length;
        tailNext = (tailNext + 1) % TAIL_LINES;
        if (tailCount < TAIL_LINES) tailCount++;
    }

    /**
     * True when the step's process may write to the log file itself: nobody listens to lines and there is no
     * secret value to mask. It then has to call {@link #printedDirectly} once the process has ended.
     */
    boolean takesRawOutput() {
        return output == null && mask.isEmpty();
    }

    /**
     * Takes the tail from the end of the log file, which a process wrote to itself ({@link #takesRawOutput}):
     * at most the last {@link #TAIL_LINES} lines, reading no more than a tail can hold.
     */
    synchronized void printedDirectly() {
        if (closed) return;
        drain();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int window = (int) Math.min(size, (long) TAIL_LINES * (TAIL_LINE_BYTES + 2));
            ByteBuffer bytes = ByteBuffer.allocate(window);
            long at = size - window;
            while (bytes.hasRemaining()) {
                int n = channel.read(bytes, at + bytes.position());
                if (n < 0) break;
            }
            byte[] text = bytes.array();
            int end = bytes.position();
            int from = 0;
            if (at > 0) {
                // the window begins inside a line: skip to the next one, if there is a next one
                int newline = 0;
                while (newline < end && text[newline] != '\n') newline++;
                if (newline < end - 1) from = newline + 1;
            }
            tailCount = 0;
            tailNext = 0;
            for (int start = from; start < end; ) {
                int newline = start;
                while (newline < end && text[newline] != '\n') newline++;
                int stop = newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
                keep(text, start, stop - start);
                start = newline + 1;
            }
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
    }

    /** The start of a line too long for the tail, not ending in half a character (a lone surrogate). */
    private static String shortened(String line) {
        int end = Character.isHighSurrogate(line.charAt(TAIL_LINE_CHARS - 1)) ? TAIL_LINE_CHARS - 1 : TAIL_LINE_CHARS;
        return line.substring(0, end) + "...";
    }

    /** Writes buffered lines to the file. */
    synchronized void flush() {
        if (closed || failure != null) return;
        drain();
        try {
            stream.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The last lines recorded, oldest first. */
    synchronized List<String> tail() {
        List<String> lines = new ArrayList<>(tailCount);
        for (int i = 0; i < tailCount; i++) {
            int slot = Math.floorMod(tailNext - tailCount + i, TAIL_LINES);
            String line = new String(Arrays.copyOf(tail[slot], tailLength[slot]), StandardCharsets.UTF_8);
            lines.add(tailCut[slot] || line.length() > TAIL_LINE_CHARS ? shortened(line) : line);
        }
        return lines;
    }

    /** A one-line reason when the log file could not be written, else {@code null}. */
    synchronized String failure() {
        return failure == null ? null : mask.apply("cannot write log " + file + ": " + failure.getMessage());
    }

    @Override
    public void close() {
        synchronized (delivery) {
            List<String> shown;
            synchronized (this) {
                if (closed) return;
                shown = new ArrayList<>(releaseInTurn());
                if (!carry.isEmpty()) {
                    String rest = mask.apply(carry);
                    appendText(rest);
                    shown.add(rest);
                }
                carry = "";
                drain();
                closed = true;
                try {
                    stream.close();
                } catch (IOException e) {
                    if (failure == null) failure = e;
                }
            }
            deliver(shown);
        }
    }
}
