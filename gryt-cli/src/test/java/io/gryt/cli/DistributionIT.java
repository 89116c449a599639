package io.gryt.cli;

import io.gryt.cli.GrytLauncherIT.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.gryt.cli.GrytLauncherIT.REPO;
import static io.gryt.cli.GrytLauncherIT.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The installable distribution {@code gryt-<version>.tar.gz} that {@code package} builds, unpacked and installed. */
class DistributionIT {
    static final Path TARGET = REPO.resolve("gryt-cli/target");

    @TempDir
    Path dir;

    static Path tarball() throws Exception {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().matches("gryt-.+\\.tar\\.gz")).findFirst().orElseThrow();
        }
    }

    @Test
    void theUnpackedDistributionRunsAPipelineFromAnyDirectory() throws Exception {
        Path tarball = tarball();
        assertThat(run(new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())).code()).isZero();
        String name = tarball.getFileName().toString().replace(".tar.gz", "");
        Path home = dir.resolve(name);
        assertThat(home.resolve("lib/gryt.jar")).isRegularFile();
        Path gryt = home.resolve("bin/gryt");
        assertThat(Files.isExecutable(gryt)).isTrue();

        Result version = run(new ProcessBuilder(gryt.toString(), "--version").directory(dir.toFile()));
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("gryt " + name.substring("gryt-".length()));
        assertThat(home.resolve("lib/gryt.jsa")).as("the class-data-sharing archive made on first start").isRegularFile();

        // a jar replaced in place (a new version unpacked over this one) gets its own archive, even when older
        Files.writeString(home.resolve("lib/gryt.jsa"), "an archive of another jar");
        Files.setLastModifiedTime(home.resolve("lib/gryt.jar"), java.nio.file.attribute.FileTime.fromMillis(0));
        Result replaced = run(new ProcessBuilder(gryt.toString(), "--version").directory(dir.toFile()));
        assertThat(replaced.code()).as(replaced.output()).isZero();
        assertThat(Files.readString(home.resolve("lib/gryt.jsa"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isNotEqualTo("an archive of another jar");

        Path project = Files.createDirectories(dir.resolve("project"));
        assertThat(run(new ProcessBuilder(gryt.toString(), "init").directory(project.toFile())).code()).isZero();
        Result ci = run(new ProcessBuilder(gryt.toString(), "run", "ci").directory(project.toFile()));
        assertThat(ci.code()).as(ci.output()).isZero();
        assertThat(ci.output()).contains("gryt run ci");
        assertThat(project.resolve(".gryt/gryt.db")).isRegularFile();
    }

    @Test
    void installPutsTheDistributionUnderThePrefixWithACommandInBin() throws Exception {
        Path prefix = dir.resolve("prefix");
        Result install = run(new ProcessBuilder(REPO.resolve("gryt").toString(), "install", "--prefix", prefix.toString())
                .directory(dir.toFile()));
        assertThat(install.code()).as(install.output()).isZero();
        assertThat(install.output()).contains("installed gryt-").doesNotContain("building");
        assertThat(prefix.resolve("bin/gryt")).isSymbolicLink();

        Result version = run(new ProcessBuilder(prefix.resolve("bin/gryt").toString(), "--version").directory(dir.toFile()));
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("gryt 0.");
    }

    @Test
    void installRefusesAnUnknownOption() throws Exception {
        Result r = run(new ProcessBuilder(REPO.resolve("gryt").toString(), "install", "--prefx", "x").directory(dir.toFile()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output()).isEqualTo("gryt install: unknown option '--prefx' (usage: ./gryt install [--prefix DIR])\n");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
