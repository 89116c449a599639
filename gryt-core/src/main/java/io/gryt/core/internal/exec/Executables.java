package io.gryt.core.internal.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds out before starting a process whether its program can run, so that a missing program is reported as
 * {@code cannot run 'foo': No such file or directory} rather than as the exit code of a wrapper.
 */
final class Executables {
    private Executables() {
    }

    /**
     * Why {@code program} cannot run in {@code workDir} with {@code env}'s {@code PATH}, or empty when it can
     * (or when that cannot be told beforehand). A program with a {@code /} is a path, otherwise it is looked
     * up on {@code PATH}, as {@code execvp} does.
     */
    static Optional<String> problem(String program, Path workDir, Map<String, String> env) {
        try {
            if (program.indexOf('/') >= 0) return problemWith(workDir.resolve(program));
            String path = env.get("PATH");
            if (path == null) return Optional.empty();
            boolean found = false;
            for (String dir : path.split(File.pathSeparator, -1)) {
                Path candidate = (dir.isEmpty() ? workDir : workDir.resolve(dir)).resolve(program);
                if (Files.isRegularFile(candidate)) {
                    if (Files.isExecutable(candidate)) return Optional.empty();
                    found = true;
                }
            }
            return Optional.of(found ? "Permission denied" : "No such file or directory");
        } catch (InvalidPathException e) {
            return Optional.of("invalid path: " + e.getMessage());
        }
    }

    private static Optional<String> problemWith(Path file) {
        if (!Files.exists(file)) return Optional.of("No such file or directory");
        if (Files.isDirectory(file)) return Optional.of("Is a directory");
        if (!Files.isExecutable(file)) return Optional.of("Permission denied");
        return Optional.empty();
    }

    /** The reason in an {@link java.io.IOException} from {@link ProcessBuilder#start()}, without the preamble. */
    static String reason(String message) {
        if (message == null) return "unknown error";
        int at = message.indexOf("error=");
        if (at >= 0) {
            int comma = message.indexOf(", ", at);
            if (comma >= 0) return message.substring(comma + 2);
        }
        return message;
    }
}
