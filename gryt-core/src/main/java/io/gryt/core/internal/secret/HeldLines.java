package io.gryt.core.internal.secret;

import java.util.ArrayList;
import java.util.List;

/**
 * Masks a stream of output lines, holding back a line whose end may be the first part of a secret value (or of an
 * encoding of one, {@link SecretMask#MIN_ENCODED} characters or more) until the next lines show whether they
 * complete it; then every part is masked in its line. An empty line ends what is held. Memory stays bounded:
 * besides the first held line, the lines held are parts of one value, so together no longer than the longest
 * value. The owner releases what is held after a short time ({@link #release}) so that a display is not stalled.
 * Not thread-safe.
 */
public final class HeldLines {
    private final SecretMask mask;
    /** The end of lines already handed on, while a value they begin may still be completed; else empty. */
    private String before = "";
    private final List<String> held = new ArrayList<>();
    private long heldSince;

    /** Lines masked with {@code mask}. */
    public HeldLines(SecretMask mask) {
        this.mask = mask;
    }

    /** True when no line is held and none handed on may be continued: a line needs no more than the mask. */
    public boolean isIdle() {
        return held.isEmpty() && before.isEmpty();
    }

    /** True when lines are held back. */
    public boolean holding() {
        return !held.isEmpty();
    }

    /** When the oldest line held was added ({@link System#nanoTime()}). */
    public long heldSince() {
        return heldSince;
    }

    /** Adds the next line (raw); returns the lines now final, masked, oldest first (often none or just this one). */
    public List<String> add(String raw) {
        if (held.isEmpty()) heldSince = System.nanoTime();
        held.add(raw);
        if (raw.isEmpty()) return releaseAll(false);
        String joined = joined();
        int pending = mask.pending(joined);
        if (pending == 0) return releaseAll(false);
        // lines that end before the pending part are final: no value that later lines complete can touch them
        int keepFrom = joined.length() - pending;
        int end = before.length();
        int released = 0;
        while (released < held.size() && end + held.get(released).length() <= keepFrom) {
            end += held.get(released).length();
            released++;
        }
        if (released == 0) return List.of();
        List<String> out = mask.applyLines(before, held).subList(0, released);
        String done = joined.substring(0, end);
        before = done.substring(Math.max(0, done.length() - (mask.longest() - 1)));
        held.subList(0, released).clear();
        heldSince = System.nanoTime();
        return List.copyOf(out);
    }

    /** Hands on every held line, masked with what is known so far (at the end of output, or after waiting). */
    public List<String> release() {
        return releaseAll(true);
    }

    private List<String> releaseAll(boolean mayContinue) {
        if (held.isEmpty()) {
            if (!mayContinue) before = "";
            return List.of();
        }
        List<String> out = mask.applyLines(before, held);
        if (mayContinue) {
            // a later line may still complete a value whose first part was handed on: it is masked in that line
            String joined = joined();
            int pending = mask.pending(joined);
            before = pending == 0 ? "" : joined.substring(Math.max(0, joined.length() - (mask.longest() - 1)));
        } else {
            before = "";
        }
        held.clear();
        return out;
    }

    private String joined() {
        StringBuilder text = new StringBuilder(before);
        for (String line : held) text.append(line);
        return text.toString();
    }
}
