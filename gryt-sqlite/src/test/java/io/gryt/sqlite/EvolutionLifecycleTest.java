package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.ReleaseStore.OwnedEvolution;
import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.gryt.sqlite.Contracts.draft;
import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;
import static io.gryt.sqlite.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** An evolution from its RC allocation to its tag, and what recovery asks about it. */
class EvolutionLifecycleTest extends ReleaseStoreTest {
    @BeforeEach
    void contract() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
    }

    @Test
    void anEvolutionGoesFromPendingToRunningToPassAndIsTagged() {
        Evolution pending = releases.createEvolution("v2.2.0", List.of("PAY-003", "PAY-001"), "c0ffee", true, OWNER, t(1));

        assertThat(pending).isEqualTo(new Evolution("v2.2.0-rc.1", "v2.2.0", 1, List.of("PAY-001", "PAY-003"),
                EvolutionStatus.PENDING, "c0ffee", null, true, t(1), null));
        assertThat(releases.evolution("v2.2.0-rc.1")).contains(pending);

        store.runs().runStarted(run("run-1", t(2)));
        releases.evolutionRunning("v2.2.0-rc.1", "run-1");
        assertThat(releases.evolution("v2.2.0-rc.1").orElseThrow()).satisfies(e -> {
            assertThat(e.status()).isEqualTo(EvolutionStatus.RUNNING);
            assertThat(e.runId()).isEqualTo("run-1");
        });

        releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.PASS, t(3));
        Evolution passed = releases.evolution("v2.2.0-rc.1").orElseThrow();
        assertThat(passed.status()).isEqualTo(EvolutionStatus.PASS);
        assertThat(passed.finishedAt()).isEqualTo(t(3));
        assertThat(releases.untaggedEvolutions()).containsExactly(passed);

        releases.evolutionTagged("v2.2.0-rc.1", t(4));
        assertThat(releases.untaggedEvolutions()).isEmpty();
        assertThat(releases.evolution("v2.2.0-rc.1")).contains(passed);
    }

    @Test
    void rcNumbersCountPerGeneration() {
        releases.syncGeneration(draft("v2.3.0", Contracts.PAY_001), file("v2.3.0"), T0);

        assertThat(releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(1)).tag()).isEqualTo("v2.2.0-rc.1");
        assertThat(releases.createEvolution("v2.3.0", List.of("PAY-001"), "c1", false, OWNER, t(2)).tag()).isEqualTo("v2.3.0-rc.1");
        assertThat(releases.createEvolution("v2.2.0", List.of("PAY-002"), "c1", false, OWNER, t(3)).tag()).isEqualTo("v2.2.0-rc.2");

        assertThat(releases.evolutions("v2.2.0")).extracting(Evolution::rc, Evolution::changes)
                .containsExactly(tuple(1, List.of("PAY-001")),
                        tuple(2, List.of("PAY-002")));
        assertThat(releases.evolutions("v9.9.9")).isEmpty();
    }

    @Test
    void anUnknownChangeIsRefusedAndNoRcNumberIsUsedUp() {
        assertThatThrownBy(() -> releases.createEvolution("v2.2.0", List.of("PAY-001", "PAY-009"), "c1", false, OWNER, t(1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown change PAY-009 in generation v2.2.0 (declared: PAY-001, PAY-002, PAY-003)");

        assertThat(releases.evolutions("v2.2.0")).isEmpty();
        assertThat(releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(2)).rc()).isEqualTo(1);
    }

    @Test
    void anUnknownOrPromotedGenerationTakesNoEvolution() {
        assertThatThrownBy(() -> releases.createEvolution("v9.9.9", List.of("PAY-001"), "c1", false, OWNER, t(1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown generation v9.9.9: it is not recorded in " + file + " (load its file first)");
        assertThatThrownBy(() -> releases.createEvolution("v2.2.0", List.of(), "c1", false, OWNER, t(1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("an evolution of v2.2.0 proves at least one change");

        long id = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, "{}", t(2));
        releases.completePromotion(id, "hash", t(3));
        assertThatThrownBy(() -> releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(4)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("generation v2.2.0 is promoted and takes no more evolutions");
    }

    @Test
    void anEvolutionThatEndedIsNotEndedAgain() {
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(1));
        releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.INTERRUPTED, t(2));

        releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.PASS, t(3));

        Evolution e = releases.evolution("v2.2.0-rc.1").orElseThrow();
        assertThat(e.status()).isEqualTo(EvolutionStatus.INTERRUPTED);
        assertThat(e.finishedAt()).isEqualTo(t(2));
        store.runs().runStarted(run("late-run", t(4)));
        assertThatThrownBy(() -> releases.evolutionRunning("v2.2.0-rc.1", "late-run"))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot record evolution v2.2.0-rc.1 as running: it already ended (interrupted)");
    }

    @Test
    void anUnknownEvolutionOrANonFinalEndIsRefused() {
        assertThatThrownBy(() -> releases.evolutionFinished("v2.2.0-rc.7", EvolutionStatus.PASS, t(1)))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot record the end of evolution v2.2.0-rc.7: no such evolution");
        assertThatThrownBy(() -> releases.evolutionTagged("v2.2.0-rc.7", t(1)))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot record the tag of evolution v2.2.0-rc.7: no such evolution");
        assertThatThrownBy(() -> releases.evolutionRunning("v2.2.0-rc.7", "r"))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot record evolution v2.2.0-rc.7 as running: no such evolution");
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(1));
        assertThatThrownBy(() -> releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.RUNNING, t(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(releases.evolution("v2.2.0-rc.7")).isEmpty();
    }

    @Test
    void aRunningEvolutionMustNameARecordedRun() {
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(1));

        assertThatThrownBy(() -> releases.evolutionRunning("v2.2.0-rc.1", "no-such-run"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(file + ": cannot record evolution v2.2.0-rc.1 as running: ")
                .hasMessageContaining("FOREIGN KEY");
        assertThat(releases.evolution("v2.2.0-rc.1").orElseThrow().status()).isEqualTo(EvolutionStatus.PENDING);
    }

    @Test
    void unfinishedEvolutionsComeWithTheirOwners() {
        ProcessOwner other = new ProcessOwner(99, "other-host", null);
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(1));
        releases.createEvolution("v2.2.0", List.of("PAY-002"), "c1", false, other, t(2));
        releases.createEvolution("v2.2.0", List.of("PAY-003"), "c1", false, null, t(3));
        releases.createEvolution("v2.2.0", List.of("PAY-003"), "c1", false, OWNER, t(4));
        store.runs().runStarted(run("run-2", t(5)));
        releases.evolutionRunning("v2.2.0-rc.2", "run-2");
        releases.evolutionFinished("v2.2.0-rc.4", EvolutionStatus.FAIL, t(6));

        assertThat(releases.unfinishedEvolutions())
                .extracting(o -> o.evolution().tag(), o -> o.evolution().status(), OwnedEvolution::owner)
                .containsExactly(
                        tuple("v2.2.0-rc.1", EvolutionStatus.PENDING, OWNER),
                        tuple("v2.2.0-rc.2", EvolutionStatus.RUNNING, other),
                        tuple("v2.2.0-rc.3", EvolutionStatus.PENDING, null));
        assertThat(releases.untaggedEvolutions()).extracting(Evolution::tag).containsExactly("v2.2.0-rc.4");
    }

    @Test
    void everyFinalStatusWithoutATagIsUntagged() throws Exception {
        for (int i = 0; i < 4; i++) {
            releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, t(i));
        }
        releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.PASS, t(10));
        releases.evolutionFinished("v2.2.0-rc.2", EvolutionStatus.FAIL, t(10));
        releases.evolutionFinished("v2.2.0-rc.3", EvolutionStatus.INTERRUPTED, t(10));
        releases.evolutionTagged("v2.2.0-rc.2", t(11));
        releases.evolutionTagged("v2.2.0-rc.2", t(12)); // the first time counts

        assertThat(releases.untaggedEvolutions()).extracting(Evolution::tag).containsExactly("v2.2.0-rc.1", "v2.2.0-rc.3");
        assertThat(PlainJdbc.column(file, "SELECT tagged_at FROM evolutions WHERE rc_number = 2"))
                .containsExactly("2025-03-01T10:00:11.123456789Z");
    }

    @Test
    void duplicateChangeIdsAreProvenOnce() throws Exception {
        Evolution e = releases.createEvolution("v2.2.0", List.of("PAY-002", "PAY-002"), "c1", false, OWNER, t(1));

        assertThat(e.changes()).containsExactly("PAY-002");
        assertThat(PlainJdbc.column(file, "SELECT count(*) FROM evolution_changes")).containsExactly("1");
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
