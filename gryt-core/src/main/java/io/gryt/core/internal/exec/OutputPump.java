package io.gryt.core.internal.exec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a process's output and hands it to a {@link StepLog} as bytes: every read's complete lines in one call,
 * without copying them, and a line that goes on past the read kept in a buffer of its own. A line longer than
 * {@link #MAX_LINE_BYTES} is split (at a UTF-8 character boundary), so memory stays bounded whatever the process
 * prints. The log is flushed whenever the process has nothing more to say for the moment, and told when the
 * output ends (lines it held back for secret values split over lines are then written).
 */
final class OutputPump implements Runnable {
    /** The longest line handed on in one piece. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** How much one read takes from the pipe. */
    private static final int READ_BYTES = 64 * 1024;

    private final InputStream in;
    private final StepLog log;
    /** The start of a line that an earlier read began and no newline ended yet. */
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int length;

    OutputPump(InputStream in, StepLog log) {
        this.in = in;
        this.log = log;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[READ_BYTES];
        try (in) {
            while (true) {
                if (in.available() == 0) log.flush();
                int n = in.read(buffer);
                if (n < 0) break;
                take(buffer, n);
            }
        } catch (IOException e) {
            // the stream was closed because the process ended or was killed: what was read is kept
        } finally {
            if (length > 0) emitLine();
            log.endOfOutput();
        }
    }

    /** Hands on the first {@code n} bytes of {@code buffer}. */
    void take(byte[] buffer, int n) {
        int start = 0;
        if (length > 0) {
            int newline = indexOf(buffer, 0, n);
            if (newline < 0) {
                hold(buffer, 0, n);
                return;
            }
            hold(buffer, 0, newline);
            emitLine();
            start = newline + 1;
        }
        int last = lastIndexOf(buffer, start, n);
        if (last >= 0) {
            log.lines(buffer, start, last + 1);
            start = last + 1;
        }
        if (start < n) hold(buffer, start, n);
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') return i;
        }
        return -1;
    }

    /** Adds bytes without a newline to the held line, handing on full pieces of it. */
    private void hold(byte[] bytes, int from, int to) {
        while (from < to) {
            if (length == MAX_LINE_BYTES) emitPiece(splitPoint(bytes[from]));
            int n = Math.min(MAX_LINE_BYTES - length, to - from);
            System.arraycopy(bytes, from, line, length, n);
            length += n;
            from += n;
        }
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

    /** Hands on the held line as ended. */
    private void emitLine() {
        log.line(line, 0, length);
        length = 0;
    }

    /** Hands on the first {@code n} held bytes as a piece of a line that goes on, and keeps the rest. */
    private void emitPiece(int n) {
        log.piece(line, 0, n);
        System.arraycopy(line, n, line, 0, length - n);
        length -= n;
    }
}
