package io.gryt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;

/**
 * SQLite's native library, unpacked from {@code gryt.jar} once into a cache directory instead of into {@code /tmp}
 * at every start (what sqlite-jdbc does unless {@code org.sqlite.lib.path} names a directory holding it): a tenth of
 * a short command's time with {@code java -jar gryt.jar}. The directory is named after the library's CRC-32 and size
 * in the jar, and the file is checked against that CRC-32 before use, so another gryt's library or a damaged file is
 * never loaded: it is unpacked again (written whole to a temporary file, then moved). When nothing can be written,
 * sqlite-jdbc unpacks it as before. The start scripts set the property themselves; then nothing is done here.
 *
 * <p>With the library cached, sqlite-jdbc's temporary directory ({@code org.sqlite.tmpdir}) is the library's
 * directory too: sqlite-jdbc lists that directory at every start, to delete libraries it unpacked earlier, and
 * {@code /tmp} may hold thousands of entries (~20 ms of a read command with a thousand). SQLite's own temporary files
 * do not go there.
 */
final class NativeLibraryCache {
    static final String LIB_PATH = "org.sqlite.lib.path";
    static final String LIB_NAME = "org.sqlite.lib.name";
    static final String TMP_DIR = "org.sqlite.tmpdir";

    private NativeLibraryCache() {
    }

    /** Points sqlite-jdbc at the cached library under {@code cacheRoot} (see {@link #cacheRoot}), unpacking it if needed. */
    static void prepare(Path cacheRoot) {
        if (cacheRoot == null || System.getProperty(LIB_PATH) != null || System.getProperty(LIB_NAME) != null) return;
        unpacked(cacheRoot).ifPresent(lib -> {
            System.setProperty(LIB_PATH, lib.getParent().toString());
            System.setProperty(LIB_NAME, lib.getFileName().toString());
            if (System.getProperty(TMP_DIR) == null) System.setProperty(TMP_DIR, lib.getParent().toString());
        });
    }

    /** The library unpacked under {@code cacheRoot}, checked; empty when it is not in a jar or cannot be written there. */
    static Optional<Path> unpacked(Path cacheRoot) {
        try {
            String folder = commonLinuxFolder(System.getProperties(), Files.exists(Path.of("/etc/alpine-release")),
                    System.getenv("ANDROID_ROOT") != null)
                    .orElseGet(org.sqlite.util.OSInfo::getNativeLibFolderPathForCurrentOS);
            String name = System.mapLibraryName("sqlitejdbc");
            URL url = NativeLibraryCache.class.getResource("/org/sqlite/native/" + folder + "/" + name);
            if (url == null) return Optional.empty();
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) return Optional.empty();
            ZipEntry entry = jar.getJarEntry();
            if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) return Optional.empty();
            Path dir = cacheRoot.resolve("native").resolve(String.format("sqlitejdbc-%08x-%d", entry.getCrc(), entry.getSize()));
            Path lib = dir.resolve(name);
            if (!matches(lib, entry)) unpack(url, dir, lib, entry);
            return Optional.of(lib);
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty(); // sqlite-jdbc unpacks the library itself, as without a cache
        }
    }

    /**
     * The library's folder in the jar on glibc Linux on x86-64 or ARM64 ({@code Linux/x86_64}, {@code Linux/aarch64}),
     * the folder the start scripts use too; empty elsewhere (musl, Android, other systems), where sqlite-jdbc's
     * {@code OSInfo} decides. {@code OSInfo} starts {@code uname -o} to tell Android apart: a process per gryt command.
     */
    static Optional<String> commonLinuxFolder(java.util.Properties system, boolean alpine, boolean android) {
        if (alpine || android || !"Linux".equals(system.getProperty("os.name"))
                || system.getProperty("java.runtime.name", "").toLowerCase(java.util.Locale.ROOT).contains("android")) {
            return Optional.empty();
        }
        return switch (system.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> Optional.of("Linux/x86_64");
            case "aarch64", "arm64" -> Optional.of("Linux/aarch64");
            default -> Optional.empty();
        };
    }

    /** {@code $XDG_CACHE_HOME/gryt}, else {@code ~/.cache/gryt}; {@code null} when neither is known. */
    static Path cacheRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "gryt");
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || "?".equals(home)) return null;
        return Path.of(home, ".cache", "gryt");
    }

    private static boolean matches(Path lib, ZipEntry entry) {
        try {
            if (!Files.isRegularFile(lib) || Files.size(lib) != entry.getSize()) return false;
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(Files.newInputStream(lib), crc)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return crc.getValue() == entry.getCrc();
        } catch (IOException e) {
            return false;
        }
    }

    private static void unpack(URL url, Path dir, Path lib, ZipEntry entry) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + lib.getFileName() + ".", ".tmp");
        try {
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!matches(tmp, entry)) throw new IOException("unpacked " + lib.getFileName() + " does not match the jar");
            Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
