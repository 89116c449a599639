package io.gryt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's native library is unpacked once into the cache, checked, and unpacked again when missing or damaged. */
class NativeLibraryCacheTest {
    @TempDir
    Path dir;

    private static byte[] inTheJar() throws Exception {
        String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void aMissingOrDamagedLibraryIsUnpackedAgainAndAGoodOneIsKept() throws Exception {
        byte[] expected = inTheJar();
        Path lib = NativeLibraryCache.unpacked(dir).orElseThrow();
        assertThat(lib).startsWith(dir.resolve("native"));
        assertThat(Files.readAllBytes(lib)).isEqualTo(expected);

        var time = Files.getLastModifiedTime(lib);
        Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(time.toMillis() - 60_000));
        var kept = Files.getLastModifiedTime(lib);
        assertThat(NativeLibraryCache.unpacked(dir)).contains(lib);
        assertThat(Files.getLastModifiedTime(lib)).isEqualTo(kept); // not written again

        byte[] damaged = expected.clone();
        damaged[damaged.length / 2] ^= 0x5a; // same size, another content
        Files.write(lib, damaged);
        assertThat(NativeLibraryCache.unpacked(dir)).contains(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(expected);

        Files.write(lib, new byte[10]); // truncated
        assertThat(NativeLibraryCache.unpacked(dir)).contains(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(expected);

        Files.delete(lib);
        assertThat(NativeLibraryCache.unpacked(dir)).contains(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(expected);
        try (var files = Files.list(lib.getParent())) {
            assertThat(files).containsExactly(lib); // no temporary file left
        }
    }

    @Test
    void whereNothingCanBeWrittenSqliteUnpacksItAsBefore() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertThat(NativeLibraryCache.unpacked(notADirectory)).isEmpty();
    }

    @Test
    void onGlibcLinuxTheFolderIsKnownWithoutAskingOsInfoWhichStartsUname() {
        java.util.Properties linux = new java.util.Properties();
        linux.setProperty("os.name", "Linux");
        linux.setProperty("os.arch", "amd64");
        assertThat(NativeLibraryCache.commonLinuxFolder(linux, false, false)).contains("Linux/x86_64");
        linux.setProperty("os.arch", "aarch64");
        assertThat(NativeLibraryCache.commonLinuxFolder(linux, false, false)).contains("Linux/aarch64");
        assertThat(NativeLibraryCache.commonLinuxFolder(linux, true, false)).as("Alpine: musl").isEmpty();
        assertThat(NativeLibraryCache.commonLinuxFolder(linux, false, true)).as("Android").isEmpty();
        linux.setProperty("os.arch", "riscv64");
        assertThat(NativeLibraryCache.commonLinuxFolder(linux, false, false)).isEmpty();
        java.util.Properties mac = new java.util.Properties();
        mac.setProperty("os.name", "Mac OS X");
        mac.setProperty("os.arch", "aarch64");
        assertThat(NativeLibraryCache.commonLinuxFolder(mac, false, false)).isEmpty();
        // on this machine, where it answers, it answers what sqlite-jdbc would
        NativeLibraryCache.commonLinuxFolder(System.getProperties(), Files.exists(Path.of("/etc/alpine-release")),
                System.getenv("ANDROID_ROOT") != null)
                .ifPresent(folder -> assertThat(folder).isEqualTo(org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS()));
    }

    @Test
    void theCacheIsTheUsersCacheDirectory() {
        assertThat(NativeLibraryCache.cacheRoot(Map.of("XDG_CACHE_HOME", "/somewhere/cache"))).isEqualTo(Path.of("/somewhere/cache/gryt"));
        assertThat(NativeLibraryCache.cacheRoot(Map.of("XDG_CACHE_HOME", "relative")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "gryt"));
    }

    @Test
    void withTheLibraryCachedSqliteLeavesTheTemporaryDirectoryAlone() throws Exception {
        // sqlite-jdbc deletes, at every start, what looks like a library it unpacked into its temporary directory
        // earlier; with the library cached it lists the cache's small directory instead of java.io.tmpdir (/tmp)
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path stale = Files.writeString(tmp.resolve("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-0-libsqlitejdbc.so"), "x");
        Path project = Files.createDirectories(dir.resolve("project"));
        assertThat(CliRun.in(project, "init").exitCode()).isZero();

        try (io.gryt.testing.ChildJvm gryt = io.gryt.testing.ChildJvm.of(Main.class)
                .jvmOptions("-Djava.io.tmpdir=" + tmp)
                .env("XDG_CACHE_HOME", dir.resolve("cache").toString())
                .args("-C", project.toString(), "evolution", "list").start()) {
            assertThat(gryt.waitFor(java.time.Duration.ofMinutes(2))).as(gryt.output()).isZero();
        }
        assertThat(stale).as("not listed, so not deleted").exists();
        assertThat(dir.resolve("cache/gryt/native")).isDirectory();
    }
}
