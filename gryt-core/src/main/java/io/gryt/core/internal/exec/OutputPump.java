package io.gryt.core.internal.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a process's output and hands it to a {@link StepLog} line by line. A line longer than
 * {@link #MAX_LINE_BYTES} is split (at a UTF-8 character boundary), so memory stays bounded whatever the
 * process prints. The log is flushed whenever the process has nothing more to say for the moment.
 */
final class OutputPump implements Runnable {
    /** The longest line handed on in one piece. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final StepLog log;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int length;

    OutputPump(InputStream in, StepLog log) {
        this.in = in;
        this.log = log;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            while (true) {
                if (in.available() == 0) log.flush();
                int n = in.read(buffer);
                if (n < 0) break;
                for (int i = 0; i < n; i++) accept(buffer[i]);
            }
        } catch (IOException e) {
            // the stream was closed because the process ended or was killed: what was read is kept
        } finally {
            if (length > 0) emit(length);
            log.flush();
        }
    }

    private void accept(byte b) {
        if (b == '\n') {
            emit(length);
            return;
        }
        if (length == MAX_LINE_BYTES) emitPiece(splitPoint(b));
        line[length++] = b;
    }

    /** Where to split a full line so that a multi-byte character continued by {@code next} stays whole. */
    private int splitPoint(byte next) {
        if (!isContinuation(next)) return length;
        for (int i = length - 1; i >= Math.max(0, length - 3); i--) {
            if (!isContinuation(line[i])) return i == 0 ? length : i;
        }
        return length;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** Hands on the first {@code n} bytes as the end of a line and keeps the rest. */
    private void emit(int n) {
        int end = n;
        if (end > 0 && line[end - 1] == '\r') end--;
        log.line(new String(line, 0, end, StandardCharsets.UTF_8));
        keepAfter(n);
    }

    /** Hands on the first {@code n} bytes as a piece of a line that goes on, and keeps the rest. */
    private void emitPiece(int n) {
        log.piece(new String(line, 0, n, StandardCharsets.UTF_8));
        keepAfter(n);
    }

    private void keepAfter(int n) {
        System.arraycopy(line, n, line, 0, length - n);
        length -= n;
    }
}
