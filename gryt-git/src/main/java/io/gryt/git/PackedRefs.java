package io.gryt.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Looks single refs up in a git {@code packed-refs} file by binary search, as git itself does, instead of parsing
 * every line (JGit's ref database reads the whole file on first use: a tenth of a second for 100,000 tags, which
 * is what a project that tags every evolution accumulates).
 *
 * <p>Only a file whose header says {@code sorted} is searched (git and JGit have written that trait for years);
 * for any other the answer is {@link Lookup.Unknown} and the caller asks JGit. A loose ref of the same name takes
 * precedence over the packed one: the caller checks for it first (git writes {@code packed-refs} before it deletes
 * a loose ref it packs, so looking at the loose ref first never misses one being packed).
 */
final class PackedRefs {
    private static final byte[] HEADER = "# pack-refs with:".getBytes(StandardCharsets.US_ASCII);
    private final ByteBuffer bytes;
    private final boolean peeled;

    private PackedRefs(ByteBuffer bytes, boolean peeled) {
        this.bytes = bytes;
        this.peeled = peeled;
    }

    /** What a lookup found. */
    sealed interface Lookup {
        /** The file says nothing reliable (no such trait, unreadable, not sorted): ask JGit. */
        record Unknown() implements Lookup {
        }

        /** No such ref in the file. */
        record Absent() implements Lookup {
        }

        /**
         * The ref, with the object it names and, for an annotated tag, the object it peels to; {@code peelKnown} is
         * true when the file records peeled values for tags (trait {@code peeled} or {@code fully-peeled}), so that
         * a {@code null} {@code peeled} means: not an annotated tag.
         */
        record Found(String id, String peeled, boolean peelKnown) implements Lookup {
        }
    }

    /** The file {@code file} read for lookups (an empty one when there is none); {@code null} when it is not sorted. */
    static PackedRefs open(Path file) throws IOException {
        ByteBuffer bytes;
        try {
            bytes = contents(file);
        } catch (NoSuchFileException e) {
            return new PackedRefs(ByteBuffer.allocate(0), true); // no packed refs at all: every ref is absent
        }
        String header;
        try {
            header = header(bytes);
        } catch (InternalError e) {
            return null; // cut short under the mapping (see find): JGit reads it
        }
        if (header == null) return bytes.limit() == 0 ? new PackedRefs(bytes, true) : null;
        String traits = " " + header.substring(HEADER.length).trim() + " ";
        if (!traits.contains(" sorted ")) return null;
        return new PackedRefs(bytes, traits.contains(" peeled ") || traits.contains(" fully-peeled "));
    }

    /**
     * The last {@link #open} of one file, kept while the file is unchanged: the same size, modification time and
     * file (git replaces {@code packed-refs} by renaming a new file over it, which gives it a new inode). A command
     * that looks up one tag per evolution (audit verify, 100,000 evolutions) read the whole file once per tag.
     * Thread-safe.
     */
    static final class Reader {
        private final Path file;
        private volatile Read last;

        private record Read(Object stamp, PackedRefs refs) {
        }

        Reader(Path file) {
            this.file = file;
        }

        /** {@link #open} of the file, or what the last call read when the file has not changed since. */
        PackedRefs read() throws IOException {
            Object stamp = stamp();
            Read read = last;
            if (read != null && stamp != null && stamp.equals(read.stamp())) return read.refs();
            PackedRefs refs = open(file);
            last = new Read(stamp, refs);
            return refs;
        }

        /** What identifies this version of the file: its size, modification time and file key; "absent"; null. */
        private Object stamp() {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                if (a.fileKey() == null) return null; // no inode to tell a replaced file by: read it every time
                return List.of(a.size(), a.lastModifiedTime(), a.fileKey());
            } catch (NoSuchFileException e) {
                return "absent";
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** Whether a file may be mapped: on Windows a mapped file cannot be replaced, so git could not pack refs meanwhile. */
    private static final boolean MAP = !System.getProperty("os.name", "").startsWith("Windows");

    /**
     * The file's bytes, mapped: a lookup touches a few pages of it, where reading 100,000 refs (6.7 MB) into the
     * heap took 20-50 ms. Git replaces the file by renaming a new one over it, which leaves a mapping of the old
     * one intact; a file cut short in place under the mapping is answered {@link Lookup.Unknown} ({@link #find}).
     * Read whole where mapping is not allowed.
     */
    private static ByteBuffer contents(Path file) throws IOException {
        if (!MAP) return ByteBuffer.wrap(Files.readAllBytes(file));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) throw new IOException(file + " is larger than 2 GB");
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    /** The file's first line when it is its {@code # pack-refs with:} header; {@code null} otherwise. */
    private static String header(ByteBuffer bytes) {
        if (bytes.limit() < HEADER.length) return null;
        for (int i = 0; i < HEADER.length; i++) if (bytes.get(i) != HEADER[i]) return null;
        int end = lineEnd(bytes, 0);
        byte[] line = new byte[end];
        bytes.get(0, line);
        return new String(line, StandardCharsets.US_ASCII);
    }

    /** Looks up {@code refName} ({@code refs/tags/v1.0.0}). */
    Lookup find(String refName) {
        try {
            return search(refName);
        } catch (InternalError e) {
            // the JVM's answer to reading a mapped page the file no longer has (cut short in place): ask JGit
            return new Lookup.Unknown();
        }
    }

    private Lookup search(String refName) {
        byte[] target = refName.getBytes(StandardCharsets.UTF_8);
        int limit = bytes.limit();
        int lo = 0;
        int hi = limit; // records start in [lo, hi)
        while (lo < hi) {
            int mid = lineStart(bytes, lo + (hi - lo) / 2);
            // skip back over peel lines and the header to the record line that owns them
            while (mid > lo && (bytes.get(mid) == '^' || bytes.get(mid) == '#')) mid = lineStart(bytes, mid - 1);
            int start = mid;
            if (bytes.get(start) == '^' || bytes.get(start) == '#') {
                // at lo itself: move forward to the first record line
                start = nextRecord(bytes, start, hi);
                if (start >= hi) {
                    hi = mid;
                    continue;
                }
            }
            int end = lineEnd(bytes, start);
            int name = start + 41;
            if (end < name || bytes.get(start + 40) != ' ') return new Lookup.Unknown();
            int c = compare(bytes, name, end, target);
            if (c == 0) return found(start, end);
            if (c < 0) {
                lo = next(end, limit);
            } else {
                hi = start;
            }
        }
        return new Lookup.Absent();
    }

    private Lookup found(int start, int end) {
        String id = ascii(start, start + 40);
        String peel = null;
        int next = next(end, bytes.limit());
        if (next < bytes.limit() && bytes.get(next) == '^') {
            int peelEnd = lineEnd(bytes, next);
            if (peelEnd - next - 1 != 40) return new Lookup.Unknown();
            peel = ascii(next + 1, next + 41);
        }
        return new Lookup.Found(id, peel, peeled || peel != null);
    }

    private String ascii(int from, int to) {
        byte[] b = new byte[to - from];
        bytes.get(from, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static int nextRecord(ByteBuffer bytes, int from, int hi) {
        int at = from;
        while (at < hi && (bytes.get(at) == '^' || bytes.get(at) == '#')) at = next(lineEnd(bytes, at), bytes.limit());
        return at;
    }

    private static int next(int lineEnd, int limit) {
        return Math.min(lineEnd + 1, limit);
    }

    private static int lineStart(ByteBuffer bytes, int at) {
        int i = at;
        while (i > 0 && bytes.get(i - 1) != '\n') i--;
        return i;
    }

    private static int lineEnd(ByteBuffer bytes, int from) {
        int i = from;
        int limit = bytes.limit();
        while (i < limit && bytes.get(i) != '\n') i++;
        return i;
    }

    /** Compares the bytes {@code [from, to)} with {@code target} as unsigned bytes (git's order, {@code strcmp}). */
    private static int compare(ByteBuffer bytes, int from, int to, byte[] target) {
        int n = Math.min(to - from, target.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(bytes.get(from + i) & 0xff, target[i] & 0xff);
            if (c != 0) return c;
        }
        return Integer.compare(to - from, target.length);
    }
}
