package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.Versioning.FileInCommit;
import io.gryt.testing.TempGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a commit holds of a work-tree file, in a real repository: the answer the release checks rely on. */
class FileInCommitTest {
    @TempDir
    Path dir;

    private TempGitRepo repo;
    private Versioning git;

    @BeforeEach
    void setUp() {
        repo = TempGitRepo.init(dir.resolve("project"));
        git = new JGitVersioningProvider().open(repo.dir()).orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        ((AutoCloseable) git).close();
    }

    @Test
    void aCommittedFileWithTheSameContentIsCommitted() {
        Path file = repo.write(".gryt/generations/v2.2.0.yaml", "version: v2.2.0\n");
        String commit = repo.commit("contract");

        assertThat(git.fileInCommit(commit, file)).isEqualTo(FileInCommit.COMMITTED);
        assertThat(git.fileInCommit(commit, Path.of(".gryt/generations/v2.2.0.yaml"))).isEqualTo(FileInCommit.COMMITTED);
    }

    @Test
    void aFileModifiedAfterTheCommitIsChanged() {
        Path file = repo.write(".gryt/generations/v2.2.0.yaml", "version: v2.2.0\n");
        String commit = repo.commit("contract");
        repo.write(".gryt/generations/v2.2.0.yaml", "version: v2.2.0\ndescription: edited\n");

        assertThat(git.fileInCommit(commit, file)).isEqualTo(FileInCommit.CHANGED);
    }

    @Test
    void aFileDeletedAfterTheCommitIsChanged() throws Exception {
        Path file = repo.write("pipeline.yaml", "steps: []\n");
        String commit = repo.commit("pipeline");
        Files.delete(file);

        assertThat(git.fileInCommit(commit, file)).isEqualTo(FileInCommit.CHANGED);
    }

    @Test
    void anUntrackedFileIsNotCommitted() {
        String commit = repo.head();
        Path file = repo.write(".gryt/generations/v2.2.0.yaml", "version: v2.2.0\n");

        assertThat(git.fileInCommit(commit, file)).isEqualTo(FileInCommit.NOT_COMMITTED);
    }

    @Test
    void aFileAddedInALaterCommitIsNotInTheEarlierOne() {
        String before = repo.head();
        Path file = repo.write("a.txt", "a");
        String after = repo.commit("a");

        assertThat(git.fileInCommit(before, file)).isEqualTo(FileInCommit.NOT_COMMITTED);
        assertThat(git.fileInCommit(after, file)).isEqualTo(FileInCommit.COMMITTED);
    }

    @Test
    void aFileInAnIgnoredDirectoryIsIgnored() {
        repo.write(".gitignore", ".gryt/\n");
        String commit = repo.commit("ignore .gryt");
        Path file = repo.write(".gryt/generations/v2.2.0.yaml", "version: v2.2.0\n");

        assertThat(repo.git("status", "--porcelain")).as("git itself sees nothing to add").isBlank();
        assertThat(git.fileInCommit(commit, file)).isEqualTo(FileInCommit.IGNORED);
    }

    @Test
    void anIgnoredFileThatWasForceAddedIsCommitted() {
        repo.write(".gitignore", ".gryt/\n");
        Path file = repo.write(".gryt/generations/v2.2.0.yaml", "version: v2.2.0\n");
        repo.git("add", "-f", ".gryt/generations/v2.2.0.yaml");
        String commit = repo.commit("contract, forced");

        assertThat(git.fileInCommit(commit, file)).isEqualTo(FileInCommit.COMMITTED);
    }

    @Test
    void aFileOutsideTheWorkTreeIsRefused() {
        assertThatThrownBy(() -> git.fileInCommit(repo.head(), dir.resolve("elsewhere.txt")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a file in the work tree");
    }
}
