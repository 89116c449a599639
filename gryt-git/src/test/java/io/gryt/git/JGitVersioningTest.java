package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.Versioning.Tag;
import io.gryt.testing.TempGitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitVersioningTest {
    @TempDir
    Path dir;

    private TempGitRepo repo;
    private Versioning git;

    @BeforeEach
    void setUp() {
        repo = TempGitRepo.init(dir.resolve("project"));
        git = open(repo.dir());
    }

    @AfterEach
    void tearDown() throws Exception {
        ((AutoCloseable) git).close();
    }

    private static Versioning open(Path projectDir) {
        return new JGitVersioningProvider().open(projectDir).orElseThrow();
    }

    @Test
    void headIsTheCommitGitReports() {
        assertThat(git.head()).isEqualTo(repo.head()).hasSize(40);

        String next = repo.commit("second");

        assertThat(git.head()).isEqualTo(next);
    }

    @Test
    void resolveNamesBranchesTagsAndShortIds() {
        String first = repo.head();
        repo.branch("feature");
        repo.git("tag", "light");
        repo.git("tag", "-a", "annotated", "-m", "an annotated tag");
        repo.commit("second");

        assertThat(git.resolve("feature")).isEqualTo(first);
        assertThat(git.resolve("light")).isEqualTo(first);
        assertThat(git.resolve("annotated")).isEqualTo(first);
        assertThat(git.resolve(first.substring(0, 10))).isEqualTo(first);
        assertThat(git.resolve("HEAD~1")).isEqualTo(first);
        assertThat(git.resolve("main")).isEqualTo(repo.head());
    }

    @Test
    void resolveOfAMissingRevisionNamesIt() {
        assertThatThrownBy(() -> git.resolve("no-such-branch"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("git repository " + git.root() + " has no revision 'no-such-branch'");
    }

    @Test
    void resolveOfSomethingThatIsNotACommitSaysSo() {
        repo.write("a.txt", "a");
        repo.commit("a file");
        String blob = repo.git("rev-parse", "HEAD:a.txt");

        assertThatThrownBy(() -> git.resolve(blob))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a commit");
    }

    @Test
    void anEmptyRepositoryHasNoHead() throws Exception {
        TempGitRepo empty = TempGitRepo.empty(dir.resolve("empty"));
        Versioning v = open(empty.dir());
        try {
            assertThatThrownBy(v::head)
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("git repository " + v.root() + " has no commit yet");
        } finally {
            ((AutoCloseable) v).close();
        }
    }

    @Test
    void cleanUntilATrackedFileChanges() {
        repo.write("src/App.java", "class App {}");
        repo.commit("app");
        assertThat(git.isClean()).isTrue();

        repo.write("src/App.java", "class App { int x; }");
        assertThat(git.isClean()).isFalse();

        repo.git("add", "-A");
        assertThat(git.isClean()).as("staged but not committed").isFalse();

        repo.commit("change");
        assertThat(git.isClean()).isTrue();
    }

    @Test
    void anUntrackedFileMakesTheWorkTreeDirtyButAnIgnoredOneDoesNot() {
        repo.write(".gitignore", ".gryt/\n*.log\n");
        repo.commit("ignore gryt's files");

        repo.write(".gryt/gryt.db", "data");
        repo.write(".gryt/runs/1/build.log", "log");
        repo.write("debug.log", "log");
        assertThat(git.isClean()).isTrue();

        repo.write("notes.txt", "untracked");
        assertThat(git.isClean()).isFalse();
    }

    @Test
    void anAnnotatedTagIsCreatedThatGitSees() {
        String commit = repo.head();
        repo.commit("later");

        git.createAnnotatedTag("v1.0.0-rc.1", commit, "Evolution v1.0.0-rc.1\n\nproves PAY-001, PAY-002");

        assertThat(repo.git("cat-file", "-t", "v1.0.0-rc.1")).isEqualTo("tag");
        assertThat(repo.git("rev-parse", "v1.0.0-rc.1^{commit}")).isEqualTo(commit);
        assertThat(repo.git("tag", "-n99", "-l", "v1.0.0-rc.1"))
                .contains("v1.0.0-rc.1", "Evolution v1.0.0-rc.1", "proves PAY-001, PAY-002");
        assertThat(repo.git("cat-file", "-p", "v1.0.0-rc.1"))
                .contains("tagger " + TempGitRepo.USER_NAME + " <" + TempGitRepo.USER_EMAIL + ">");
        assertThat(git.tag("v1.0.0-rc.1")).contains(
                new Tag("v1.0.0-rc.1", commit, "Evolution v1.0.0-rc.1\n\nproves PAY-001, PAY-002", true));
    }

    @Test
    void anExistingTagIsNotOverwritten() {
        String first = repo.head();
        git.createAnnotatedTag("v1.0.0", first, "first");
        repo.git("tag", "-a", "v2.0.0", "-m", "made by git");
        String second = repo.commit("second");

        assertThatThrownBy(() -> git.createAnnotatedTag("v1.0.0", second, "again"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("git tag 'v1.0.0' already exists in " + git.root());
        assertThatThrownBy(() -> git.createAnnotatedTag("v2.0.0", second, "again"))
                .isInstanceOf(BadInputException.class);
        assertThat(repo.git("rev-parse", "v1.0.0^{commit}")).isEqualTo(first);
        assertThat(git.tag("v1.0.0").orElseThrow().message()).isEqualTo("first");
    }

    @Test
    void concurrentAttemptsToCreateOneTagLeaveExactlyOneWinner() throws Exception {
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Versioning> opened = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Versioning v = i % 2 == 0 ? git : open(repo.dir()); // shared and separate repositories
                if (v != git) opened.add(v);
                String message = "attempt " + i;
                Callable<String> create = () -> {
                    start.await();
                    try {
                        v.createAnnotatedTag("v3.0.0-rc.1", "HEAD", message);
                        return message;
                    } catch (BadInputException e) {
                        return "refused";
                    }
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) outcomes.add(f.get());

            assertThat(outcomes).filteredOn(o -> !o.equals("refused")).hasSize(1);
            String winner = outcomes.stream().filter(o -> !o.equals("refused")).findFirst().orElseThrow();
            assertThat(repo.git("tag", "-n99", "-l", "v3.0.0-rc.1")).contains(winner);
        } finally {
            pool.shutdownNow();
            for (Versioning v : opened) ((AutoCloseable) v).close();
        }
    }

    @Test
    void anInvalidTagNameIsRefused() {
        assertThatThrownBy(() -> git.createAnnotatedTag("bad name..", repo.head(), "x"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("'bad name..' is not a valid git tag name");
    }

    @Test
    void tagsWithAPrefixAreListedByName() {
        String first = repo.head();
        git.createAnnotatedTag("v1.0.0-rc.2", first, "rc 2");
        git.createAnnotatedTag("v1.0.0-rc.1", first, "rc 1");
        String second = repo.commit("second");
        repo.git("tag", "v1.0.0");
        git.createAnnotatedTag("v2.0.0-rc.1", second, "other generation");

        assertThat(git.tags("v1.0.0-rc.")).containsExactly(
                new Tag("v1.0.0-rc.1", first, "rc 1", true),
                new Tag("v1.0.0-rc.2", first, "rc 2", true));
        assertThat(git.tags("v1.")).extracting(Tag::name).containsExactly("v1.0.0", "v1.0.0-rc.1", "v1.0.0-rc.2");
        assertThat(git.tag("v1.0.0")).contains(new Tag("v1.0.0", second, null, false));
        assertThat(git.tags("v9")).isEmpty();
        assertThat(git.tag("v9.9.9")).isEmpty();
        assertThat(git.tagNames("v1.")).containsExactly("v1.0.0", "v1.0.0-rc.1", "v1.0.0-rc.2");
        assertThat(git.tagNames("v1.0.0-rc.")).containsExactly("v1.0.0-rc.1", "v1.0.0-rc.2");
        assertThat(git.tagNames("v9")).isEmpty();
    }

    @Test
    void aDeletedTagIsGoneForGitToo() {
        git.createAnnotatedTag("v1.0.0-rc.1", repo.head(), "to undo");

        git.deleteTag("v1.0.0-rc.1");
        git.deleteTag("never-existed");

        assertThat(repo.git("tag", "-l")).isEmpty();
        assertThat(git.tag("v1.0.0-rc.1")).isEmpty();
    }

    @Test
    void isAncestorFollowsTheHistory() {
        String base = repo.head();
        repo.branch("feature");
        repo.checkout("feature");
        String feature = repo.commit("on feature");
        repo.checkout("main");
        String main = repo.commit("on main");

        assertThat(git.isAncestor(base, feature)).isTrue();
        assertThat(git.isAncestor("main", "feature")).isFalse();
        assertThat(git.isAncestor(feature, main)).isFalse();
        assertThat(git.isAncestor(main, main)).isTrue();

        repo.git("merge", "-q", "--no-edit", "feature");
        assertThat(git.isAncestor("feature", "main")).isTrue();
    }

    @Test
    void userIsTheConfiguredIdentity() {
        assertThat(git.user()).contains(TempGitRepo.USER_NAME + " <" + TempGitRepo.USER_EMAIL + ">");

        repo.git("config", "user.name", "Ada Lovelace");

        assertThat(git.user()).contains("Ada Lovelace <" + TempGitRepo.USER_EMAIL + ">");
    }
}
