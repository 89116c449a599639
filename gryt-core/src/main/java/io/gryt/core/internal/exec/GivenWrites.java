package io.gryt.core.internal.exec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The files a step is given for its outputs and metrics ({@link StepWrites}) while it runs. When the run has
 * secret values to mask and the system has {@code /proc} (Linux), they are files without a name: created (empty)
 * in {@code /dev/shm} when it is there (memory, not disk), opened by gryt, then deleted at once, and handed to the
 * step as {@code /proc/<gryt's pid>/fd/<n>}, which the step opens, appends to and reads like any file. What the step
 * writes there, secret values included, is in no directory: gryt reads it, and keeps only the masked text in the
 * run directory's {@code <step>.output} and {@code <step>.metrics}. If gryt dies (even {@code kill -9}) the kernel
 * frees the files with its last descriptor: nothing unmasked is left behind. The descriptors stay open until the
 * run ends, after {@link RunSweep} killed what the steps left running, so that a path a step was given never
 * comes to name another file of gryt's while the run's processes live. Elsewhere (no {@code /proc}, no secret),
 * the step gets the run directory's files, masked once read ({@link StepWrites#scrub}).
 */
final class GivenWrites implements AutoCloseable {
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");
    private static final Path MEMORY = Path.of("/dev/shm");

    private final StepWrites named;
    private final StepWrites given;
    private final List<FileChannel> channels;

    private GivenWrites(StepWrites named, StepWrites given, List<FileChannel> channels) {
        this.named = named;
        this.given = given;
        this.channels = channels;
    }

    /**
     * The files for a step whose run directory's files are {@code named}: without a name when {@code hide} (the run
     * has secrets to mask) and the system allows it, else {@code named} themselves.
     */
    static GivenWrites of(StepWrites named, boolean hide) {
        if (!hide || !Files.isDirectory(DESCRIPTORS)) return new GivenWrites(named, named, List.of());
        Path dir = Files.isDirectory(MEMORY) && Files.isWritable(MEMORY) ? MEMORY : named.output().getParent();
        Unnamed output = null;
        try {
            Files.createDirectories(dir);
            output = unnamed(dir);
            Unnamed metrics = unnamed(dir);
            return new GivenWrites(named, new StepWrites(output.reach(), metrics.reach()),
                    List.of(output.channel(), metrics.channel()));
        } catch (IOException | RuntimeException e) {
            if (output != null) close(output.channel());
            return new GivenWrites(named, named, List.of());
        }
    }

    /** An open file without a name and the path through which other processes reach it. */
    private record Unnamed(FileChannel channel, Path reach) {
    }

    /** A new empty file in {@code dir}, opened, found among gryt's descriptors, and deleted. */
    private static Unnamed unnamed(Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "gryt-", ".step").toRealPath(); // owner read/write only
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                return new Unnamed(channel, reach(file));
            } catch (IOException e) {
                close(channel);
                throw e;
            }
        } finally {
            Files.delete(file);
        }
    }

    /** {@code /proc/<pid>/fd/<n>} of the descriptor gryt holds open on {@code file}. */
    private static Path reach(Path file) throws IOException {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(DESCRIPTORS)) {
            for (Path fd : fds) {
                try {
                    if (!Files.readSymbolicLink(fd).equals(file)) continue;
                } catch (IOException e) {
                    continue; // closed meanwhile: not ours
                }
                return Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd", fd.getFileName().toString());
            }
        }
        throw new IOException("no descriptor of " + file + " in " + DESCRIPTORS);
    }

    /** The variables that name the files for the step. */
    Map<String, String> variables() {
        return given.variables();
    }

    /** True when the step's files have no name. */
    boolean unnamed() {
        return !channels.isEmpty();
    }

    /** Empties both files, so that an attempt starts from nothing. */
    void reset() throws IOException {
        if (channels.isEmpty()) {
            named.reset();
        } else {
            for (FileChannel channel : channels) channel.truncate(0);
        }
    }

    /** Reads what the step wrote; messages name the run directory's files, as {@code shown} shows them. */
    StepWrites.Values read(Function<Path, String> shown) throws StepWrites.MalformedException {
        return given.read(file -> shown.apply(file.equals(given.output()) ? named.output() : named.metrics()));
    }

    /** Keeps what the step wrote in the run directory's files, with {@code mask} applied. */
    void keepMasked(UnaryOperator<String> mask) throws IOException {
        if (channels.isEmpty()) {
            named.scrub(mask);
            return;
        }
        Files.writeString(named.output(), mask.apply(Files.readString(given.output(), StandardCharsets.UTF_8)));
        Files.writeString(named.metrics(), mask.apply(Files.readString(given.metrics(), StandardCharsets.UTF_8)));
    }

    /** Closes the files (without a name, they are gone then). */
    @Override
    public void close() {
        channels.forEach(GivenWrites::close);
    }

    private static void close(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that is not read already
        }
    }
}
