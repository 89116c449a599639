package io.gryt.core.internal.exec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A step's output: every line is masked, appended to the step's log file, kept in a bounded tail and handed
 * to the output listener. Memory use does not depend on how much a step prints. Thread-safe; lines written
 * after {@link #close()} are dropped.
 */
final class StepLog implements AutoCloseable {
    /** How many of the last lines a result keeps. */
    static final int TAIL_LINES = 50;
    /** How many characters of one line the tail keeps (the log file keeps the whole line). */
    static final int TAIL_LINE_CHARS = 4096;

    private final Path file;
    private final SecretMask mask;
    private final Consumer<String> output;
    private final BufferedWriter writer;
    private final Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
    private String carry = "";
    private IOException failure;
    private boolean closed;

    private StepLog(Path file, SecretMask mask, Consumer<String> output, BufferedWriter writer) {
        this.file = file;
        this.mask = mask;
        this.output = output;
        this.writer = writer;
    }

    /** Opens {@code file} for appending (creating it and its directory); {@code output} receives masked lines. */
    static StepLog open(Path file, SecretMask mask, Consumer<String> output) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new StepLog(file, mask, output, writer);
    }

    /** The log file. */
    Path file() {
        return file;
    }

    /** Records a line of the step's output (the end of a line handed on in pieces by {@link #piece}). */
    void line(String raw) {
        String masked;
        synchronized (this) {
            masked = mask.apply(carry + raw);
            carry = "";
        }
        if (append(masked)) output.accept(masked);
    }

    /**
     * Records a piece of a line too long to keep whole, as a line of its own; the next {@link #line} or piece
     * continues it. A secret value that spans two pieces is masked: the end of a piece that could be the start
     * of one is held back and recorded with the next piece.
     */
    void piece(String raw) {
        String masked;
        synchronized (this) {
            SecretMask.Cut cut = mask.cut(carry + raw);
            carry = cut.rest();
            masked = cut.masked();
        }
        if (!masked.isEmpty() && append(masked)) output.accept(masked);
    }

    /** Records a line written by gryt itself (an attempt header): in the file and the tail, not the listeners. */
    void note(String raw) {
        append(mask.apply(raw));
    }

    private synchronized boolean append(String masked) {
        if (closed) return false;
        if (failure == null) {
            try {
                writer.write(masked);
                writer.newLine();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (tail.size() == TAIL_LINES) tail.removeFirst();
        tail.addLast(masked.length() <= TAIL_LINE_CHARS ? masked : shortened(masked));
        return true;
    }

    /** The start of a line too long for the tail, not ending in half a character (a lone surrogate). */
    private static String shortened(String line) {
        int end = Character.isHighSurrogate(line.charAt(TAIL_LINE_CHARS - 1)) ? TAIL_LINE_CHARS - 1 : TAIL_LINE_CHARS;
        return line.substring(0, end) + "...";
    }

    /** Writes buffered lines to the file. */
    synchronized void flush() {
        if (closed || failure != null) return;
        try {
            writer.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The last lines recorded, oldest first. */
    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** A one-line reason when the log file could not be written, else {@code null}. */
    synchronized String failure() {
        return failure == null ? null : mask.apply("cannot write log " + file + ": " + failure.getMessage());
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        if (!carry.isEmpty()) append(mask.apply(carry));
        carry = "";
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
    }
}
