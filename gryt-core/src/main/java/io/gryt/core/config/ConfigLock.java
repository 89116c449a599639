package io.gryt.core.config;

import io.gryt.api.GrytException;
import io.gryt.core.project.FileErrors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on {@code <config file>.lock}, held while a config file is read, edited and replaced.
 * The lock file stays (deleting it would let two writers lock two different files). An OS file lock belongs to
 * the whole JVM, so a second thread of the same JVM waits here until the first releases it.
 */
final class ConfigLock implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final FileChannel channel;
    private final FileLock lock;

    private ConfigLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static ConfigLock acquire(Path configFile) {
        Path lockFile = configFile.resolveSibling(configFile.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                try {
                    FileLock lock = channel.tryLock();
                    if (lock != null) return new ConfigLock(channel, lock);
                } catch (OverlappingFileLockException e) {
                    // another thread of this JVM holds it: wait as for another process
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new GrytException("cannot change " + configFile + ": another gryt has held " + lockFile
                            + " for " + PATIENCE.toSeconds() + " s");
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            // making the lock file is the first write to the project: say which file the user wanted changed
            throw new GrytException("cannot write " + configFile + ": " + FileErrors.describe(e), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new GrytException("interrupted while waiting for " + lockFile, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
