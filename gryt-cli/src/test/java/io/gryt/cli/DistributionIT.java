package io.gryt.cli;

import io.gryt.cli.GrytLauncherIT.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.gryt.cli.GrytLauncherIT.REPO;
import static io.gryt.cli.GrytLauncherIT.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The installable distribution {@code gryt-<version>.tar.gz} that {@code package} builds, unpacked and installed.
 * The tests run at once: each unpacks its own copy.
 */
@Execution(ExecutionMode.CONCURRENT)
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
        Path home = unpacked();
        String name = home.getFileName().toString();
        assertThat(home.resolve("lib/gryt.jar")).isRegularFile();
        Path gryt = home.resolve("bin/gryt");
        assertThat(Files.isExecutable(gryt)).isTrue();

        // this JDK (a JDK 25+ found on the machine would make an ahead-of-time cache instead: see below); the first
        // command runs at once, the archive is made in the background
        Result version = run(onThisJdk(new ProcessBuilder(gryt.toString(), "--version").directory(dir.toFile())));
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("gryt " + name.substring("gryt-".length()));
        awaitArchive(home);
        assertThat(home.resolve("lib/gryt.jsa")).as("the class-data-sharing archive made after the first start").isRegularFile();
        assertThat(home.resolve("lib/gryt.jsa.lock")).as("its training ended").doesNotExist();

        // a jar replaced in place (a new version unpacked over this one) gets its own archive, even when older
        Files.writeString(home.resolve("lib/gryt.jsa"), "an archive of another jar");
        Files.setLastModifiedTime(home.resolve("lib/gryt.jar"), java.nio.file.attribute.FileTime.fromMillis(0));
        Result replaced = run(onThisJdk(new ProcessBuilder(gryt.toString(), "--version").directory(dir.toFile())));
        assertThat(replaced.code()).as(replaced.output()).isZero();
        awaitArchive(home);
        assertThat(Files.readString(home.resolve("lib/gryt.jsa"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isNotEqualTo("an archive of another jar");

        // (on this JDK: on a JDK 25+ found by the launcher, each distribution would train a cache in the background)
        Path project = Files.createDirectories(dir.resolve("project"));
        assertThat(run(onThisJdk(new ProcessBuilder(gryt.toString(), "init").directory(project.toFile()))).code()).isZero();
        Result ci = run(onThisJdk(new ProcessBuilder(gryt.toString(), "run", "ci").directory(project.toFile())));
        assertThat(ci.code()).as(ci.output()).isZero();
        assertThat(ci.output()).contains("gryt run ci");
        assertThat(project.resolve(".gryt/gryt.db")).isRegularFile();
    }

    @Test
    void aBrokenStartupArchiveOrCacheNeverBreaksACommandNorShowsAWarning() throws Exception {
        Path home = unpacked();
        String gryt = home.resolve("bin/gryt").toString();

        // this JDK's class-data-sharing archive, made after the first start, then broken (newer than the jar: kept)
        assertThat(run(onThisJdk(new ProcessBuilder(gryt, "--version"))).code()).isZero();
        awaitArchive(home);
        Files.writeString(home.resolve("lib/gryt.jsa"), "not an archive");
        // (-C: a lone --version is answered without the archive, see bin/gryt)
        Result broken = run(onThisJdk(new ProcessBuilder(gryt, "-C", dir.toString(), "--version")));
        assertThat(broken.code()).isZero();
        assertThat(broken.output().lines()).as(broken.output()).hasSize(2).first().asString().startsWith("gryt ");

        // GRYT_AOT=0 with this JDK: no ahead-of-time cache is made
        ProcessBuilder plain = new ProcessBuilder(gryt, "--version");
        plain.environment().put("GRYT_AOT", "0");
        assertThat(run(onThisJdk(plain)).code()).isZero();
        assertThat(home.resolve("lib/gryt.aot")).doesNotExist();

        // a JDK 25+, found by the launcher under /usr/lib/jvm: the command runs at once without the cache (made in the
        // background), then with a broken one
        Path newer = newerJdk();
        if (newer == null) return; // no JDK 25+ on this machine
        ProcessBuilder first = new ProcessBuilder(gryt, "--version");
        first.environment().remove("GRYT_JAVA");
        first.environment().remove("GRYT_AOT");
        Result withoutCache = run(first);
        assertThat(withoutCache.code()).as(withoutCache.output()).isZero();
        assertThat(withoutCache.output()).contains("Java " + feature(newer));
        for (int i = 0; i < 240 && Files.exists(home.resolve("lib/gryt.aot.lock")); i++) Thread.sleep(500);
        Files.writeString(home.resolve("lib/gryt.aot"), "not a cache");
        ProcessBuilder again = new ProcessBuilder(gryt, "-C", dir.toString(), "--version");
        again.environment().put("GRYT_JAVA", newer.toString());
        Result withBrokenCache = run(again);
        assertThat(withBrokenCache.code()).isZero();
        assertThat(withBrokenCache.output().lines()).as(withBrokenCache.output()).hasSize(2)
                .first().asString().startsWith("gryt ");
    }

    @Test
    void aTrainingThatDiedLeavesNoLockThatStopsTheNextFromMakingTheCache() throws Exception {
        Path newer = newerJdk();
        assumeTrue(newer != null, "no JDK 25+ under /usr/lib/jvm: the launcher makes no ahead-of-time cache here");
        Path home = unpacked();
        // the lock of a training killed a moment ago (its process id is no longer alive), as a killed test or terminal leaves it
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path lock = Files.createDirectories(home.resolve("lib/gryt.aot.lock"));
        Files.writeString(lock.resolve("pid"), dead.pid() + "\n");

        ProcessBuilder first = new ProcessBuilder(home.resolve("bin/gryt").toString(), "-C", dir.toString(), "--version");
        first.environment().put("GRYT_JAVA", newer.toString());
        Result result = run(first);
        assertThat(result.code()).as(result.output()).isZero();
        awaitCache(home);
        assertThat(home.resolve("lib/gryt.aot")).as("the cache, made although a dead training's lock was there").isRegularFile();
        assertThat(lock).doesNotExist();
    }

    @Test
    void switchingBetweenAnOlderAndANewerJdkKeepsWhatEachMade() throws Exception {
        Path newer = newerJdk();
        assumeTrue(newer != null, "no JDK 25+ under /usr/lib/jvm: nothing to switch to");
        assumeTrue(Runtime.version().feature() < 25, "this test's JDK makes an ahead-of-time cache itself");
        Path home = unpacked();
        String gryt = home.resolve("bin/gryt").toString();
        Path jsa = home.resolve("lib/gryt.jsa");
        Path aot = home.resolve("lib/gryt.aot");

        assertThat(run(onThisJdk(new ProcessBuilder(gryt, "--version"))).code()).isZero();
        awaitArchive(home);
        assertThat(jsa).isRegularFile();
        var archiveMade = Files.getLastModifiedTime(jsa);
        ProcessBuilder onNewer = new ProcessBuilder(gryt, "--version");
        onNewer.environment().put("GRYT_JAVA", newer.toString());
        assertThat(run(onNewer).code()).isZero();
        awaitCache(home);
        assertThat(aot).isRegularFile();
        var cacheMade = Files.getLastModifiedTime(aot);

        // back and forth: neither is made again
        assertThat(run(onThisJdk(new ProcessBuilder(gryt, "-C", dir.toString(), "--version"))).code()).isZero();
        ProcessBuilder again = new ProcessBuilder(gryt, "-C", dir.toString(), "--version");
        again.environment().put("GRYT_JAVA", newer.toString());
        assertThat(run(again).code()).isZero();
        assertThat(Files.getLastModifiedTime(jsa)).as("the older JDK's archive").isEqualTo(archiveMade);
        assertThat(Files.getLastModifiedTime(aot)).as("the newer JDK's cache").isEqualTo(cacheMade);
        assertThat(home.resolve("lib/gryt.aot.lock")).as("no training started again").doesNotExist();
        assertThat(home.resolve("lib/gryt.jsa.lock")).as("no training started again").doesNotExist();
    }

    /** The distribution unpacked into this test's directory: its home ({@code gryt-<version>}). */
    private Path unpacked() throws Exception {
        Path tarball = tarball();
        assertThat(run(new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())).code()).isZero();
        return dir.resolve(tarball.getFileName().toString().replace(".tar.gz", ""));
    }

    /** Waits up to 2 minutes for the ahead-of-time cache a launcher on JDK 25+ makes in the background. */
    private static void awaitCache(Path home) throws InterruptedException {
        awaitTraining(home, "gryt.aot");
    }

    /** Waits up to 2 minutes for the class-data-sharing archive a launcher on an older JDK makes in the background. */
    private static void awaitArchive(Path home) throws InterruptedException {
        awaitTraining(home, "gryt.jsa");
    }

    /** Waits for {@code lib/<file>}, made in the background, and for its training to end (its lock gone). */
    private static void awaitTraining(Path home, String file) throws InterruptedException {
        Path made = home.resolve("lib").resolve(file);
        Path lock = home.resolve("lib").resolve(file + ".lock");
        for (int i = 0; i < 240 && (!Files.isRegularFile(made) || Files.exists(lock)); i++) Thread.sleep(500);
    }

    /** Runs the launcher on the JDK that runs this test, whatever other JDK is installed. */
    static ProcessBuilder onThisJdk(ProcessBuilder builder) {
        builder.environment().put("GRYT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return builder;
    }

    /** A JDK 25 or newer under /usr/lib/jvm, as the launcher looks for one; null when there is none. */
    static Path newerJdk() throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return null;
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.sorted().map(d -> d.resolve("bin/java")).filter(Files::isExecutable)
                    .filter(j -> feature(j) >= 25).findFirst().orElse(null);
        }
    }

    /** A JDK's feature version (17, 25...), from its release file; 0 when unknown. */
    static int feature(Path java) {
        try {
            for (String line : Files.readAllLines(java.toRealPath().getParent().getParent().resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return Integer.parseInt(line.substring("JAVA_VERSION=\"".length()).split("[.\"_]")[0]);
                }
            }
        } catch (Exception e) {
            // unknown
        }
        return 0;
    }

    @Test
    void aCommandThatRunsAPipelineKeepsAnOlderJdkWhereOtherCommandsTakeTheNewerOne() throws Exception {
        Path newer = newerJdk();
        assumeTrue(newer != null, "no JDK 25+ under /usr/lib/jvm: the launcher has nothing to choose");
        assumeTrue(Runtime.version().feature() < 25, "this test's JDK is the newer kind itself");
        Path home = unpacked();
        Path gryt = home.resolve("bin/gryt");
        Path project = Files.createDirectories(dir.resolve("project"));
        assertThat(run(new ProcessBuilder("git", "init", "-q", project.toString())).code()).isZero();
        // made on this JDK, as the run below: one training (the archive), not also the newer JDK's cache
        Result init = run(onThisJdk(new ProcessBuilder(gryt.toString(), "-C", project.toString(), "init")));
        assertThat(init.code()).as(init.output()).isZero();
        // the step prints the program of the process that started it: the JVM running the pipeline
        Files.writeString(project.resolve(".gryt/pipelines/who.yaml"),
                "name: who\nsteps:\n  - name: jvm\n    run: [\"sh\", \"-c\", \"readlink /proc/$PPID/exe\"]\n");

        Result run = run(asInstalled(new ProcessBuilder(gryt.toString(), "-C", project.toString(), "run", "who")));
        assertThat(run.code()).as(run.output()).isZero();
        Path log;
        try (Stream<Path> logs = Files.find(project.resolve(".gryt/runs"), 2, (p, a) -> p.endsWith("jvm.log"))) {
            log = logs.findFirst().orElseThrow();
        }
        Path thisJava = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        assertThat(Path.of(Files.readString(log).strip())).as("the JVM that ran the steps").isEqualTo(thisJava);
        // (that other commands take the newer JDK: aBrokenStartupArchiveOrCacheNeverBreaksACommandNorShowsAWarning)
        awaitArchive(home);
    }

    /** The launcher as an installed gryt runs: this test's JDK as {@code JAVA_HOME}, nothing chosen for it. */
    private static ProcessBuilder asInstalled(ProcessBuilder builder) {
        builder.environment().remove("GRYT_JAVA");
        builder.environment().remove("GRYT_AOT");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
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
