package io.gryt.core.internal.exec;

import io.gryt.api.Artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the files a step declared with {@link io.gryt.api.Step#artifacts} and digests them. A pattern is a
 * path ({@code bin/app}; a directory stands for every file under it) or a glob ({@code target/*.jar},
 * {@code dist/**}) relative to the step's working directory; only the pattern's literal prefix directory is
 * walked. A pattern may not reach out of both the project and the working directory ({@code ../../etc/passwd},
 * {@code /etc/hostname}): an artifact is something the step made.
 */
final class ArtifactScanner {
    private ArtifactScanner() {
    }

    /** A declared artifact is missing or unreadable; the message is the step's error. */
    static final class ArtifactException extends Exception {
        private static final long serialVersionUID = 1L;

        ArtifactException(String message) {
            super(message);
        }
    }

    /**
     * The artifacts matching {@code patterns} in {@code workDir}, each pattern's matches sorted by path; a
     * pattern outside both {@code projectDir} and {@code workDir} is refused.
     */
    static List<Artifact> scan(Path projectDir, Path workDir, List<String> patterns) throws ArtifactException {
        Map<Path, Artifact> found = new LinkedHashMap<>();
        for (String pattern : patterns) {
            List<Path> files = matches(projectDir, workDir, pattern);
            if (files.isEmpty()) throw new ArtifactException("artifact '" + pattern + "' was not produced");
            for (Path file : files) {
                if (!found.containsKey(file)) found.put(file, digest(workDir, file, pattern));
            }
        }
        return List.copyOf(found.values());
    }

    /** The files matching {@code pattern}, sorted; refused outside both {@code projectDir} and {@code workDir}. */
    static List<Path> matches(Path projectDir, Path workDir, String pattern) throws ArtifactException {
        String[] segments = pattern.replace('\\', '/').split("/", -1);
        int literal = 0;
        while (literal < segments.length && !isGlob(segments[literal])) literal++;
        Path base = workDir.resolve(String.join("/", List.of(segments).subList(0, literal))).normalize();
        if (!within(base, projectDir.normalize(), workDir)) throw outside(pattern, "");
        try {
            if (literal == segments.length && Files.isRegularFile(base)) return List.of(base);
            if (!Files.isDirectory(base)) return List.of();
            Path realProject = projectDir.toRealPath();
            Path realWorkDir = Files.isDirectory(workDir) ? workDir.toRealPath() : realProject;
            if (!within(base.toRealPath(), realProject, realWorkDir)) {
                throw outside(pattern, " (through a symbolic link)");
            }
            if (literal == segments.length) return walk(base, Integer.MAX_VALUE, p -> true);
            String rest = String.join("/", List.of(segments).subList(literal, segments.length));
            FileSystem fs = base.getFileSystem();
            PathMatcher matcher = fs.getPathMatcher("glob:" + rest);
            int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - literal;
            return walk(base, depth, file -> matcher.matches(base.relativize(file)));
        } catch (IOException | UncheckedIOException e) {
            throw new ArtifactException("cannot look for artifact '" + pattern + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ArtifactException("invalid artifact pattern '" + pattern + "': " + e.getMessage());
        }
    }

    private static boolean within(Path path, Path projectDir, Path workDir) {
        return path.startsWith(projectDir) || path.startsWith(workDir);
    }

    private static ArtifactException outside(String pattern, String how) {
        return new ArtifactException("artifact '" + pattern + "' is outside the project and the step's working"
                + " directory" + how);
    }

    private static boolean isGlob(String segment) {
        for (char c : segment.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == '{') return true;
        }
        return false;
    }

    private interface FileFilter {
        boolean accept(Path file);
    }

    private static List<Path> walk(Path base, int depth, FileFilter filter) throws IOException {
        // a walk does not enter a symbolic link to a directory, not even at its start; "link/." is the directory
        Path start = Files.isSymbolicLink(base) ? base.resolve(".") : base;
        try (Stream<Path> paths = Files.walk(start, depth)) {
            List<Path> files = new ArrayList<>();
            paths.map(Path::normalize).filter(Files::isRegularFile).filter(filter::accept).sorted().forEach(files::add);
            return files;
        }
    }

    private static Artifact digest(Path workDir, Path file, String pattern) throws ArtifactException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
            }
            String path = workDir.relativize(file).toString().replace('\\', '/');
            return new Artifact(path, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new ArtifactException("cannot read artifact '" + pattern + "' (" + file + "): " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
