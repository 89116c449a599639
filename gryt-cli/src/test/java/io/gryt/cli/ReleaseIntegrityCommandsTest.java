package io.gryt.cli;

import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Release integrity through the command line: the contract must be committed before it is proven or released,
 * and {@code --push} / {@code release.push} share the tags, with exit code 4 when only the push failed.
 */
class ReleaseIntegrityCommandsTest {
    static final String CONTRACT = ".gryt/generations/v2.2.0.yaml";

    @TempDir
    Path dir;

    private TempGitRepo project(String gitignore) {
        TempGitRepo git = TempGitRepo.init(dir.resolve("project"));
        git.write(".gitignore", gitignore);
        git.commit("gitignore");
        CliRun init = CliRun.in(git.dir(), "init");
        assertThat(init.exitCode()).as(init.all()).isZero();
        git.write(".gryt/pipelines/release-pipeline.yaml", "steps:\n  - name: prove\n    run: \"echo proving $GRYT_CHANGES\"\n");
        CliRun created = CliRun.in(git.dir(), "generation", "new", "v2.2.0", "--pipeline", "release-pipeline",
                "--change", "fix:PAY-001:Race condition in refund webhook");
        assertThat(created.exitCode()).as(created.all()).isZero();
        return git;
    }

    @Test
    void anIgnoredGrytDirectoryIsCaughtAtInitAndRefusedAtEvolutionStart() {
        TempGitRepo git = TempGitRepo.init(dir.resolve("project"));
        git.write(".gitignore", ".gryt/\n");
        git.commit("gitignore");
        CliRun init = CliRun.in(git.dir(), "init");
        assertThat(init.exitCode()).isZero();
        assertThat(init.err()).contains("gryt: warning: a .gitignore rule ignores .gryt/pipelines/ci.yaml");
        git.write(".gryt/pipelines/release-pipeline.yaml", "steps:\n  - name: prove\n    run: \"true\"\n");
        assertThat(CliRun.in(git.dir(), "generation", "new", "v2.2.0", "--pipeline", "release-pipeline",
                "--change", "fix:PAY-001:Race").exitCode()).isZero();
        // the README's release workflow: git add .gryt fails, the commit holds no contract
        assertThatThrownBy(() -> git.git("add", ".gryt")).hasMessageContaining("ignored");
        git.commit("release v2.2.0");

        CliRun start = CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001");

        assertThat(start.exitCode()).as(start.all()).isEqualTo(2);
        assertThat(start.err().lines()).containsExactly("gryt: error: " + CONTRACT + " is not committed: .gitignore ignores it"
                + " (git check-ignore -v " + CONTRACT + " shows the rule); commit it anyway: git add -f " + CONTRACT
                + " && git commit");
        assertThat(git.git("tag", "-l")).isBlank();
    }

    @Test
    void initsGitignoreKeepsRunTimeFilesOutAndTheContractIn() {
        TempGitRepo git = project("");
        assertThat(CliRun.in(git.dir(), "run", "release-pipeline").exitCode()).isZero();

        git.git("add", ".gryt");

        assertThat(git.git("ls-files", ".gryt").lines()).containsExactlyInAnyOrder(".gryt/.gitignore",
                ".gryt/pipelines/ci.yaml", ".gryt/pipelines/release-pipeline.yaml", CONTRACT);
        assertThat(git.dir().resolve(".gryt/gryt.db")).exists();
    }

    @Test
    void aProjectThatGitDoesNotIgnoreGetsNoWarning() {
        TempGitRepo git = TempGitRepo.init(dir.resolve("project"));
        CliRun init = CliRun.in(git.dir(), "init");
        assertThat(init.exitCode()).isZero();
        assertThat(init.err()).doesNotContain("warning");
    }

    @Test
    void aContractLeftUncommittedIsRefusedAtPromotion() {
        TempGitRepo git = project(".gryt/\n");
        CliRun start = CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001", "--allow-dirty");
        assertThat(start.exitCode()).as(start.all()).isZero();

        CliRun promote = CliRun.in(git.dir(), "generation", "promote", "v2.2.0");

        assertThat(promote.exitCode()).as(promote.all()).isEqualTo(2);
        assertThat(promote.err()).startsWith("gryt: error: " + CONTRACT + " is not committed: .gitignore ignores it")
                .contains("git add -f " + CONTRACT + " && git commit, then prove the changes again");
        assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();
    }

    @Test
    void pushSendsTheTagsToTheRemote() {
        TempGitRepo git = project("");
        git.commit("v2.2.0 contract");
        Path bare = bare(git);

        CliRun start = CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001", "--push", "origin");
        assertThat(start.exitCode()).as(start.all()).isZero();
        CliRun promote = CliRun.in(git.dir(), "generation", "promote", "v2.2.0", "--push");
        assertThat(promote.exitCode()).as(promote.all()).isZero();

        assertThat(git.git("--git-dir", bare.toString(), "tag", "-l").lines()).containsExactly("v2.2.0", "v2.2.0-rc.1");
    }

    @Test
    void theReleasePushSettingPushesAndNoPushKeepsTheTagLocal() {
        TempGitRepo git = project("");
        Path bare = bare(git);
        CliRun set = CliRun.in(git.dir(), "config", "set", "release.push", "origin");
        assertThat(set.exitCode()).as(set.all()).isZero();
        git.commit("v2.2.0 contract, release.push");

        assertThat(CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001", "--no-push").exitCode()).isZero();
        assertThat(git.git("--git-dir", bare.toString(), "tag", "-l")).isBlank();
        assertThat(CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001").exitCode()).isZero();
        assertThat(git.git("--git-dir", bare.toString(), "tag", "-l")).isEqualTo("v2.2.0-rc.2");
    }

    @Test
    void aFailedPushExitsWithFourAfterTheReleaseAndSaysHowToRetry() {
        TempGitRepo git = project("");
        git.commit("v2.2.0 contract");
        bare(git);
        assertThat(CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001").exitCode()).isZero();

        CliRun promote = CliRun.in(git.dir(), "generation", "promote", "v2.2.0", "--push", "upstream");

        assertThat(promote.exitCode()).as(promote.all()).isEqualTo(4);
        assertThat(promote.out()).contains("promoted").contains("tagged v2.2.0");
        assertThat(promote.err().lines()).singleElement().asString()
                .startsWith("gryt: error: tag v2.2.0 was created locally but not pushed to upstream: ")
                .endsWith("; push it with: git push upstream v2.2.0");
        assertThat(git.git("cat-file", "-t", "v2.2.0")).isEqualTo("tag");
    }

    @Test
    void aFailedEvolutionPushExitsWithFour() {
        TempGitRepo git = project("");
        git.commit("v2.2.0 contract");

        CliRun start = CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001", "--push", "upstream");

        assertThat(start.exitCode()).as(start.all()).isEqualTo(4);
        assertThat(start.out()).contains("evolution v2.2.0-rc.1: pass");
        assertThat(start.err()).contains("push it with: git push upstream v2.2.0-rc.1");
    }

    @Test
    void pushAndNoPushTogetherAreBadInput() {
        TempGitRepo git = project("");
        git.commit("v2.2.0 contract");

        CliRun start = CliRun.in(git.dir(), "evolution", "start", "v2.2.0", "--change", "PAY-001", "--push", "--no-push");

        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err()).contains("--push and --no-push cannot be used together");
    }

    private Path bare(TempGitRepo git) {
        Path bare = dir.resolve("remote.git");
        git.git("init", "-q", "--bare", bare.toString());
        git.git("remote", "add", "origin", bare.toUri().toString());
        return bare;
    }
}
