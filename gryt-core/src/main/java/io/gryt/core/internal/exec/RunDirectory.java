package io.gryt.core.internal.exec;

import io.gryt.api.GrytException;
import io.gryt.core.project.FileErrors;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A new run's id and its log directory ({@code <runsDir>/<runId>}), created atomically so that two runs
 * never share one.
 *
 * @param runId the run's id
 * @param path  the created directory
 */
record RunDirectory(String runId, Path path) {
    private static final int ATTEMPTS = 100;

    /** Creates the log directory of a run starting at {@code at}. */
    static RunDirectory create(Path runsDir, Instant at) {
        try {
            Files.createDirectories(runsDir);
            for (int attempt = 1; ; attempt++) {
                String runId = RunIds.next(at);
                try {
                    return new RunDirectory(runId, Files.createDirectory(runsDir.resolve(runId)));
                } catch (FileAlreadyExistsException e) {
                    if (attempt == ATTEMPTS) throw e;
                }
            }
        } catch (IOException e) {
            throw new GrytException("cannot create a log directory in " + runsDir + ": " + FileErrors.describe(e), e);
        }
    }

    /** Removes the directory if it is still empty (the run could not be recorded). */
    void deleteIfEmpty() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // not empty or not removable: leave it
        }
    }
}
