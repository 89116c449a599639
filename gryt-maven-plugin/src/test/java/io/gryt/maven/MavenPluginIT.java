package io.gryt.maven;

import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.TestProof;
import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.core.testreport.ProofRows;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged plugin run by real Maven ({@code mvn} on the PATH) on the sample project in {@code src/it/sample}: a
 * local repository under {@code target/it-repo} gets gryt's artifacts from this build, and everything else from
 * {@code ~/.m2/repository} read as a file repository (nothing is downloaded, nothing is written to {@code ~/.m2}).
 */
class MavenPluginIT {
    private static final String VERSION = System.getProperty("gryt.version", "0.1.0-SNAPSHOT");
    private static final Path ROOT = Path.of(System.getProperty("gryt.root", "..")).toAbsolutePath().normalize();
    private static final Path REPO = Path.of(System.getProperty("gryt.it.repo", "target/it-repo")).toAbsolutePath();
    private static final List<String> MODULES = List.of("gryt-api", "gryt-core", "gryt-sqlite", "gryt-git", "gryt-maven-plugin");

    @TempDir
    Path dir;

    @TempDir
    static Path settingsDir;

    static Path settings;

    /** The output and exit code of one {@code mvn} run. */
    record Build(int code, String log) {
    }

    @BeforeAll
    static void localRepository() throws Exception {
        Assumptions.assumeTrue(onPath("mvn"), "mvn is not on the PATH: the Maven plugin cannot be tried on a sample project");
        for (String module : MODULES) {
            Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
            Assumptions.assumeTrue(Files.exists(jar), jar + " is not built: run through the reactor's package phase");
            Path to = REPO.resolve("io/gryt").resolve(module).resolve(VERSION);
            Files.createDirectories(to);
            Files.copy(jar, to.resolve(module + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(ROOT.resolve(module).resolve("pom.xml"), to.resolve(module + "-" + VERSION + ".pom"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path parent = REPO.resolve("io/gryt/gryt-parent").resolve(VERSION);
        Files.createDirectories(parent);
        Files.copy(ROOT.resolve("pom.xml"), parent.resolve("gryt-parent-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        settings = settingsDir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>machine</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(m2.toUri()));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    /** The sample project in a fresh git repository with a gryt project, committed. */
    private TempGitRepo sample() throws IOException {
        Path source = Path.of("src/it/sample").toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(source.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(f).replace("@gryt.version@", VERSION));
            }
        }
        TempGitRepo git = TempGitRepo.empty(dir);
        ProjectInit.init(dir, false);
        git.commit("payments with gryt");
        return git;
    }

    private Build mvn(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "--no-transfer-progress", "-s", settings.toString(),
                "-Dmaven.repo.local=" + REPO));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GRYT_") || k.startsWith("GIT_") || k.equals("GITHUB_ACTIONS"));
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
        return new Build(p.exitValue(), log);
    }

    @Test
    void theBuildsTestsProveAChangeThenGoalsEvolveAndPromoteTheGeneration() throws Exception {
        TempGitRepo git = sample();

        Build verify = mvn("verify", "-Dgryt.generation=v1.0.0");

        assertThat(verify.code()).as(verify.log()).isZero();
        assertThat(verify.log()).contains("gryt: evolution v1.0.0-rc.1 proving PAY-001 with 2 test(s): pass");
        try (Gryt gryt = Gryt.open(dir)) {
            Evolution rc1 = gryt.evolution("v1.0.0-rc.1").orElseThrow();
            assertThat(rc1.changes()).containsExactly("PAY-001");
            assertThat(rc1.commit()).isEqualTo(git.head());
            assertThat(ProofRows.of(gryt.dataRows(rc1.runId())))
                    .extracting(TestProof::change, TestProof::test, TestProof::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("PAY-001", "sample.RefundsTest.refundsOnce", TestProof.Outcome.PASSED),
                            org.assertj.core.groups.Tuple.tuple("PAY-001", "sample.RefundsTest.refundsTheWholeAmount", TestProof.Outcome.PASSED));
        }

        Build blocked = mvn("gryt:promote", "-Dgryt.generation=v1.0.0", "-Dgryt.dryRun=true");

        assertThat(blocked.code()).as(blocked.log()).isEqualTo(1);
        assertThat(blocked.log()).contains("FAIL  all-changes-proven: 1 of 2 changes proven")
                .contains("gryt: promotion of v1.0.0 would be blocked: 1 gate(s) failed").contains("BUILD FAILURE");

        Build release = mvn("gryt:run", "-Dgryt.pipeline=ci", "gryt:evolve", "-Dgryt.generation=v1.0.0",
                "-Dgryt.changes=PAY-002", "gryt:promote");

        assertThat(release.code()).as(release.log()).isZero();
        assertThat(release.log()).contains("gryt: run ", " of ci: pass")
                .contains("gryt: evolution v1.0.0-rc.2 proving PAY-002: pass")
                .contains("gryt: promoted: tagged v1.0.0 on " + git.head());
        assertThat(git.git("tag", "-l")).isEqualTo("v1.0.0\nv1.0.0-rc.1\nv1.0.0-rc.2");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.recentRuns(10)).extracting(PipelineRun::pipelineName).contains("ci", "maven-verify");
            assertThat(gryt.evolutions("v1.0.0")).extracting(Evolution::status)
                    .containsExactly(EvolutionStatus.PASS, EvolutionStatus.PASS);
        }
    }
}
