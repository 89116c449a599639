package io.gryt.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gryt.api.spi.Versioning;
import io.gryt.testing.TempGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag lookups answered from {@code packed-refs} by binary search ({@link PackedRefs}) give exactly what git says:
 * lightweight and annotated tags, names missing between, before and after the packed ones, a loose ref that
 * overrides a packed one, and a file that is not sorted (read by JGit instead).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackedTagsTest {
    private static final int TAGS = 300;
    @TempDir
    static Path dir;
    private TempGitRepo repo;
    private Versioning git;
    private String first;
    private String second;

    @BeforeAll
    void setUp() {
        repo = TempGitRepo.init(dir.resolve("project"));
        first = repo.head();
        second = repo.commit("second");
        // lightweight tags on both commits (every fifth RC missing), written as loose refs and packed below
        for (int rc = 1; rc <= TAGS; rc++) {
            if (rc % 5 == 0) continue;
            repo.write(".git/refs/tags/v1.0.0-rc." + rc, (rc % 2 == 0 ? first : second) + "\n");
        }
        repo.git("tag", "-a", "-m", "annotated one", "v1.0.0-rc.7a", first);
        repo.git("tag", "-a", "-m", "annotated two", "v2.0.0", second);
        repo.git("tag", "-a", "-m", "on a tag", "v2.0.0-again", "v2.0.0");
        repo.git("pack-refs", "--all");
        git = new JGitVersioningProvider().open(repo.dir()).orElseThrow();
    }

    @AfterAll
    void tearDown() throws Exception {
        ((AutoCloseable) git).close();
    }

    /** Every tag git lists, with the commit it peels to, and names that are not tags. */
    private Map<String, String> whatGitSays() {
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> names = List.of(repo.git("for-each-ref", "--format=%(refname:strip=2)", "refs/tags").trim().split("\n"));
        List<String> args = new ArrayList<>(List.of("rev-parse"));
        names.forEach(n -> args.add(n + "^{}")); // peeled all the way, through a tag on a tag
        String[] ids = repo.git(args.toArray(String[]::new)).trim().split("\n");
        for (int i = 0; i < names.size(); i++) expected.put(names.get(i), ids[i].trim());
        return expected;
    }

    private List<String> namesToAsk(Map<String, String> tags) {
        List<String> names = new ArrayList<>(tags.keySet());
        for (int rc = 0; rc <= TAGS + 5; rc += 5) names.add("v1.0.0-rc." + rc); // missing, between and after
        names.addAll(List.of("a", "v0", "v1.0.0-rc.", "v1.0.0-rc.7", "v1.0.0-rc.70b", "v2.0.0-", "zz", "v9.9.9"));
        return names;
    }

    @Test
    void packedRefsAreSortedAndPeeledAsGitWritesThem() throws Exception {
        String header = Files.readAllLines(repo.dir().resolve(".git/packed-refs"), StandardCharsets.UTF_8).get(0);
        assertThat(header).startsWith("# pack-refs with:").contains("sorted").contains("peeled");
        assertThat(repo.dir().resolve(".git/refs/tags/v1.0.0-rc.1")).doesNotExist();
        assertThat(whatGitSays()).hasSize(TAGS - TAGS / 5 + 3);
    }

    @Test
    void everyLookupAnswersWhatGitSays() {
        Map<String, String> expected = whatGitSays();
        List<String> names = namesToAsk(expected);
        for (String name : names) {
            assertThat(git.tag(name).map(Versioning.Tag::commit)).as(name).isEqualTo(java.util.Optional.ofNullable(expected.get(name)));
        }
        assertThat(git.tagCommits(names)).isEqualTo(expected);
        assertThat(git.tag("v2.0.0").orElseThrow().message()).isEqualTo("annotated two");
    }

    @Test
    void anOpenRepositorySeesWhatGitPacksOrDeletesAfterItsFirstLookup() throws Exception {
        TempGitRepo other = TempGitRepo.init(dir.resolve("repacked"));
        String a = other.head();
        String b = other.commit("b");
        other.git("tag", "t1", a);
        other.git("pack-refs", "--all");
        try (JGitVersioning v = open(other)) {
            assertThat(v.tag("t1").orElseThrow().commit()).isEqualTo(a);
            assertThat(v.tag("t2")).isEmpty();
            // git writes a new packed-refs and renames it over the old one, whatever its size
            other.git("tag", "t2", b);
            other.git("pack-refs", "--all");
            assertThat(v.tag("t2").orElseThrow().commit()).isEqualTo(b);
            assertThat(v.tagCommits(List.of("t1", "t2"))).isEqualTo(Map.of("t1", a, "t2", b));
            other.git("tag", "-d", "t1");
            assertThat(v.tag("t1")).isEmpty();
            assertThat(v.tagCommits(List.of("t1", "t2"))).isEqualTo(Map.of("t2", b));
        }
    }

    @Test
    void aLooseRefOverridesThePackedOneAndAnUnsortedFileIsReadByJGit() throws Exception {
        TempGitRepo other = TempGitRepo.init(dir.resolve("other"));
        String a = other.head();
        String b = other.commit("b");
        other.git("tag", "t1", a);
        other.git("tag", "t2", a);
        other.git("pack-refs", "--all");
        other.git("update-ref", "refs/tags/t2", b); // now loose, on b; packed-refs still says a
        Path packed = other.dir().resolve(".git/packed-refs");
        assertThat(Files.readString(packed)).contains(a + " refs/tags/t2");
        try (JGitVersioning v = open(other)) {
            assertThat(v.tag("t2").orElseThrow().commit()).isEqualTo(b);
            assertThat(v.tagCommits(List.of("t1", "t2", "t3"))).isEqualTo(Map.of("t1", a, "t2", b));
        }
        // a file without the sorted trait, its lines out of order: JGit reads it whole
        other.git("update-ref", "-d", "refs/tags/t2");
        Files.writeString(packed, "# pack-refs with: peeled\n" + b + " refs/tags/zz\n" + a + " refs/tags/t1\n");
        try (JGitVersioning v = open(other)) {
            assertThat(v.tag("t1").orElseThrow().commit()).isEqualTo(a);
            assertThat(v.tagCommits(List.of("zz", "t1", "t2"))).isEqualTo(Map.of("zz", b, "t1", a));
        }
    }

    private static JGitVersioning open(TempGitRepo repo) {
        return (JGitVersioning) new JGitVersioningProvider().open(repo.dir()).orElseThrow();
    }
}
