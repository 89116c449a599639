package io.gryt.sqlite;

import io.gryt.api.Artifact;
import io.gryt.api.StepStatus;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.ReleaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static io.gryt.sqlite.Contracts.PAY_001;
import static io.gryt.sqlite.Contracts.PAY_002;
import static io.gryt.sqlite.Contracts.PAY_003;
import static io.gryt.sqlite.Contracts.draft;
import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;
import static io.gryt.sqlite.Samples.artifact;
import static io.gryt.sqlite.Samples.metric;
import static io.gryt.sqlite.Samples.passed;
import static io.gryt.sqlite.Samples.result;
import static io.gryt.sqlite.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;

/** What the record proves about each change, as the promotion gates read it. */
class EvidenceTest {
    static final Change PAY_004 = new Change("PAY-004", ChangeType.REFINE, "Faster checkout", null);

    @TempDir
    Path dir;
    SqliteStore store;
    ReleaseStore releases;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gryt.db"));
        releases = store.releases();
        releases.syncGeneration(draft("v2.2.0", PAY_003, PAY_001, PAY_002, PAY_004), file("v2.2.0"), T0);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eachChangeGetsItsLatestFinishedAndLatestPassingEvolutionInFileOrder() {
        evolve(EvolutionStatus.FAIL, "PAY-001");               // rc.1: an old failure...
        evolve(EvolutionStatus.PASS, "PAY-001", "PAY-002");    // rc.2: ...fixed later
        evolve(EvolutionStatus.FAIL, "PAY-002");               // rc.3: a new failure after a pass
        evolve(EvolutionStatus.RUNNING, "PAY-001", "PAY-002"); // rc.4: still running, proves nothing yet
        evolve(EvolutionStatus.INTERRUPTED, "PAY-003");        // rc.5: interrupted, proves nothing
        evolve(EvolutionStatus.PENDING, "PAY-003");            // rc.6: not started

        List<ChangeEvidence> evidence = releases.evidence("v2.2.0");

        assertThat(evidence).extracting(ChangeEvidence::change).containsExactly(PAY_003, PAY_001, PAY_002, PAY_004);
        assertThat(evidence.get(0)).isEqualTo(new ChangeEvidence(PAY_003, null, null));
        assertThat(evidence.get(1)).isEqualTo(new ChangeEvidence(PAY_001, ref(2, EvolutionStatus.PASS), ref(2, EvolutionStatus.PASS)));
        assertThat(evidence.get(2)).isEqualTo(new ChangeEvidence(PAY_002, ref(3, EvolutionStatus.FAIL), ref(2, EvolutionStatus.PASS)));
        assertThat(evidence.get(3)).isEqualTo(new ChangeEvidence(PAY_004, null, null));
        assertThat(evidence).extracting(ChangeEvidence::proven).containsExactly(false, true, false, false);
    }

    @Test
    void evidenceIsEachChangesHighestFinishedAndPassingRcWhateverTheOrderEvolutionsEndIn() {
        releases.syncGeneration(draft("v2.3.0", PAY_001, PAY_002), file("v2.3.0"), T0);
        Random random = new Random(15);
        List<String> ids = List.of("PAY-001", "PAY-002", "PAY-003", "PAY-004");
        EvolutionStatus[] ends = {EvolutionStatus.PASS, EvolutionStatus.FAIL, EvolutionStatus.INTERRUPTED, EvolutionStatus.RUNNING};
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // the two generations' evolutions interleave, and each ends some time after it was created
            String version = random.nextInt(3) == 0 ? "v2.3.0" : "v2.2.0";
            List<String> changes = ids.subList(0, version.equals("v2.3.0") ? 2 : 4).stream()
                    .filter(c -> random.nextBoolean()).toList();
            String tag = releases.createEvolution(version, changes.isEmpty() ? List.of("PAY-001") : changes, "c" + i,
                    false, OWNER, T0).tag();
            store.runs().runStarted(run("run-" + i, T0));
            releases.evolutionRunning(tag, "run-" + i);
            open.add(tag);
            if (random.nextInt(3) > 0) {
                String ending = open.remove(random.nextInt(open.size()));
                EvolutionStatus end = ends[random.nextInt(ends.length)];
                if (end.isFinal()) releases.evolutionFinished(ending, end, T0);
            }
        }

        for (String version : List.of("v2.2.0", "v2.3.0")) {
            List<Evolution> evolutions = releases.evolutions(version);
            for (ChangeEvidence ev : releases.evidence(version)) {
                assertThat(ev.latest()).as(version + " " + ev.change().id()).isEqualTo(highest(evolutions, ev.change().id(),
                        e -> e.status() == EvolutionStatus.PASS || e.status() == EvolutionStatus.FAIL));
                assertThat(ev.latestPass()).as(version + " " + ev.change().id()).isEqualTo(highest(evolutions, ev.change().id(),
                        e -> e.status() == EvolutionStatus.PASS));
            }
        }
    }

    /** The reference: the highest-RC evolution of {@code change} that {@code counts}, or null. */
    private static EvolutionRef highest(List<Evolution> evolutions, String change, Predicate<Evolution> counts) {
        return evolutions.stream().filter(e -> e.changes().contains(change)).filter(counts)
                .max(Comparator.comparingInt(Evolution::rc))
                .map(e -> new EvolutionRef(e.tag(), e.rc(), e.status(), e.commit(), e.runId())).orElse(null);
    }

    @Test
    void aChangeThatOnlyFailedHasNoPass() {
        evolve(EvolutionStatus.FAIL, "PAY-003");
        evolve(EvolutionStatus.FAIL, "PAY-003");

        assertThat(releases.evidence("v2.2.0").get(0))
                .isEqualTo(new ChangeEvidence(PAY_003, ref(2, EvolutionStatus.FAIL), null));
    }

    @Test
    void evidenceBelongsToItsGeneration() {
        releases.syncGeneration(draft("v2.3.0", PAY_001), file("v2.3.0"), T0);
        store.runs().runStarted(run("other", T0));
        releases.createEvolution("v2.3.0", List.of("PAY-001"), "c", false, OWNER, T0);
        releases.evolutionRunning("v2.3.0-rc.1", "other");
        releases.evolutionFinished("v2.3.0-rc.1", EvolutionStatus.PASS, T0);

        assertThat(releases.evidence("v2.2.0")).allSatisfy(ev -> assertThat(ev.latest()).isNull());
        assertThat(releases.evidence("v2.3.0")).singleElement()
                .satisfies(ev -> assertThat(ev.latestPass().tag()).isEqualTo("v2.3.0-rc.1"));
        assertThat(releases.evidence("v9.9.9")).isEmpty();
    }

    @Test
    void evolutionsAreCountedByStatus() {
        evolve(EvolutionStatus.PASS, "PAY-001");
        evolve(EvolutionStatus.PASS, "PAY-002");
        evolve(EvolutionStatus.FAIL, "PAY-001");
        evolve(EvolutionStatus.INTERRUPTED, "PAY-001");
        releases.syncGeneration(draft("v2.3.0", PAY_001), file("v2.3.0"), T0);
        releases.createEvolution("v2.3.0", List.of("PAY-001"), "c", false, OWNER, T0);
        releases.evolutionFinished("v2.3.0-rc.1", EvolutionStatus.PASS, T0);

        assertThat(releases.countEvolutions("v2.2.0", EvolutionStatus.PASS)).isEqualTo(2);
        assertThat(releases.countEvolutions("v2.2.0", EvolutionStatus.FAIL)).isEqualTo(1);
        assertThat(releases.countEvolutions("v2.2.0", EvolutionStatus.INTERRUPTED)).isEqualTo(1);
        assertThat(releases.countEvolutions("v2.2.0", EvolutionStatus.PENDING)).isZero();
        assertThat(releases.countEvolutions("v9.9.9", EvolutionStatus.PASS)).isZero();
    }

    @Test
    void artifactsOfTheGivenRunsComeOnceEachByPath() {
        String oddId = "run \"quoted\" \\ and\ttab";
        record(oddId, artifact(oddId, "build", "lib/pay.so", 20, "bb".repeat(32), T0),
                artifact(oddId, "build", "app.jar", 10, "aa".repeat(32), T0),
                metric(oddId, "build", "tests", 12, T0));
        record("r2", artifact("r2", "build", "app.jar", 10, "aa".repeat(32), T0),
                artifact("r2", "build", "app.jar", 11, "cc".repeat(32), T0));
        record("r3", artifact("r3", "build", "other.txt", 1, "dd".repeat(32), T0));

        assertThat(releases.artifacts(List.of(oddId, "r2", "unknown"))).containsExactly(
                new Artifact("app.jar", 10, "aa".repeat(32)),
                new Artifact("app.jar", 11, "cc".repeat(32)),
                new Artifact("lib/pay.so", 20, "bb".repeat(32)));
        assertThat(releases.artifacts(List.of())).isEmpty();
    }

    @Test
    void artifactsOfManyRunsAreReadInOneStatement() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            ids.add("run-" + i); // more than SQLite's limit of bound parameters
        }
        record("run-39999", artifact("run-39999", "build", "app.jar", 10, "aa".repeat(32), T0));

        assertThat(releases.artifacts(ids)).containsExactly(new Artifact("app.jar", 10, "aa".repeat(32)));
    }

    private void record(String runId, DataRow... rows) {
        store.runs().runStarted(run(runId, T0));
        List<DataRow> all = new ArrayList<>(List.of(rows));
        all.add(result(runId, "build", StepStatus.PASS, 5, T0));
        store.runs().stepFinished(runId, passed("build", T0, T0.plusSeconds(1)), all);
    }

    /** Records the next evolution of v2.2.0 proving {@code changes}, with a run, ending in {@code status}. */
    private void evolve(EvolutionStatus status, String... changes) {
        int rc = releases.createEvolution("v2.2.0", List.of(changes), commit(releases.evolutions("v2.2.0").size() + 1),
                false, OWNER, Instant.now()).rc();
        String tag = "v2.2.0-rc." + rc;
        if (status == EvolutionStatus.PENDING) {
            return;
        }
        store.runs().runStarted(run("run-" + rc, T0));
        releases.evolutionRunning(tag, "run-" + rc);
        if (status.isFinal()) {
            releases.evolutionFinished(tag, status, Instant.now());
        }
    }

    private static EvolutionRef ref(int rc, EvolutionStatus status) {
        return new EvolutionRef("v2.2.0-rc." + rc, rc, status, commit(rc), "run-" + rc);
    }

    private static String commit(int rc) {
        return "c0mm1t" + rc;
    }
}
