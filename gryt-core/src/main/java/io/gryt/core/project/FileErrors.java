package io.gryt.core.project;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in a few words why a file operation failed, for messages like {@code cannot write .gryt/config.yaml:
 * permission denied}. Java's own messages of {@link FileSystemException}s are often just a path (the temporary
 * file that could not be made, say), which names the wrong file and not the reason.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** The reason of {@code e}: {@code permission denied}, {@code no such file or directory}, the system's reason... */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileAlreadyExistsException) return "it already exists";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof DirectoryNotEmptyException) return "the directory is not empty";
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) return lowerFirst(f.getReason());
            return e.getClass().getSimpleName() + (f.getFile() == null ? "" : " on " + f.getFile());
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : lowerFirst(e.getMessage());
    }

    private static String lowerFirst(String s) {
        // "Is a directory", "Read-only file system": system messages read better inside a sentence in lower case
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
