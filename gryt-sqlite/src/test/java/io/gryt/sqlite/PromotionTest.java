package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.ReleaseStore.OwnedEvolution;
import io.gryt.api.spi.ReleaseStore.StoredPromotion;
import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.Samples.T0;
import static io.gryt.sqlite.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Promotion records and the generation state they drive. */
class PromotionTest extends ReleaseStoreTest {
    @BeforeEach
    void contract() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
    }

    @Test
    void aPendingPromotionCompletesTogetherWithItsGeneration() throws Exception {
        long id = releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", PromotionStatus.PENDING, "{\"gates\":[]}", t(1));

        assertThat(releases.generation("v2.2.0").orElseThrow().status()).isEqualTo(GenerationStatus.DRAFT);
        assertThat(releases.pendingPromotions()).containsExactly(new StoredPromotion(id, "v2.2.0", "c0ffee", "v2.2.0",
                PromotionStatus.PENDING, "{\"gates\":[]}", t(1)));

        releases.completePromotion(id, "sha-of-contract", t(2));

        Generation promoted = releases.generation("v2.2.0").orElseThrow();
        assertThat(promoted.status()).isEqualTo(GenerationStatus.PROMOTED);
        assertThat(promoted.contractHash()).isEqualTo("sha-of-contract");
        assertThat(promoted.promotedAt()).isEqualTo(t(2));
        assertThat(releases.pendingPromotions()).isEmpty();
        assertThat(releases.promotions("v2.2.0")).extracting(StoredPromotion::status).containsExactly(PromotionStatus.COMPLETED);
        assertThat(PlainJdbc.column(file, "SELECT finished_at FROM promotions")).containsExactly("2025-03-01T10:00:02.123456789Z");
    }

    @Test
    void noReleaseIsRecordedWhileAnEvolutionIsPendingOrRunning() {
        ProcessOwner owner = new ProcessOwner(4242, "build-01", null);
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c0ffee", false, owner, t(1));
        releases.createEvolution("v2.2.0", List.of("PAY-002"), "c0ffee", false, owner, t(2));
        store.runs().runStarted(run("run-2", t(2)));
        releases.evolutionRunning("v2.2.0-rc.2", "run-2");

        for (PromotionStatus releasing : List.of(PromotionStatus.PENDING, PromotionStatus.COMPLETED)) {
            assertThatThrownBy(() -> releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", releasing, "{}", t(3)))
                    .isInstanceOfSatisfying(EvolutionsInProgressException.class, e -> assertThat(e.inProgress())
                            .extracting(o -> o.evolution().tag(), OwnedEvolution::owner)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("v2.2.0-rc.1", owner),
                                    org.assertj.core.groups.Tuple.tuple("v2.2.0-rc.2", owner)))
                    .hasMessage("generation v2.2.0 has 2 evolution(s) in progress: v2.2.0-rc.1 (pending, pid 4242@build-01),"
                            + " v2.2.0-rc.2 (running, pid 4242@build-01)");
        }
        assertThat(releases.promotions("v2.2.0")).isEmpty();
        releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", PromotionStatus.BLOCKED, "{}", t(4));

        releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.INTERRUPTED, t(5));
        releases.evolutionFinished("v2.2.0-rc.2", EvolutionStatus.PASS, t(6));
        long id = releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", PromotionStatus.PENDING, "{}", t(7));
        assertThat(releases.pendingPromotions()).extracting(StoredPromotion::id).containsExactly(id);
    }

    @Test
    void theStoredReportSaysHowThePromotionEnded() {
        String report = "{\"gates\":[{\"gate\":\"g\",\"passed\":true}],\"status\":\"pending\"}";
        long completed = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, report, t(1));
        releases.endPromotion(completed, PromotionStatus.ROLLED_BACK, t(2));
        long second = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, report, t(3));
        releases.completePromotion(second, "h", t(4));

        assertThat(releases.promotions("v2.2.0")).extracting(StoredPromotion::reportJson).containsExactly(
                "{\"gates\":[{\"gate\":\"g\",\"passed\":true}],\"status\":\"rolled_back\"}",
                "{\"gates\":[{\"gate\":\"g\",\"passed\":true}],\"status\":\"completed\"}");
    }

    @Test
    void noEvolutionStartsWhileAPromotionIsPendingButOneMayAfterItsRollback() {
        long id = releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", PromotionStatus.PENDING, "{}", t(1));

        assertThatThrownBy(() -> releases.createEvolution("v2.2.0", List.of("PAY-001"), "c0ffee", false, null, t(2)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("generation v2.2.0 is being promoted");
        assertThat(releases.evolutions("v2.2.0")).isEmpty();

        releases.endPromotion(id, PromotionStatus.ROLLED_BACK, t(3));
        assertThat(releases.createEvolution("v2.2.0", List.of("PAY-001"), "c0ffee", false, null, t(4)).tag())
                .isEqualTo("v2.2.0-rc.1");
    }

    @Test
    void completingAgainChangesNothingAndANullHashKeepsTheSyncedOne() {
        releases.syncGeneration(withHash("synced-hash"), file("v2.2.0"), T0);
        long id = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, "{}", t(1));

        releases.completePromotion(id, null, t(2));
        releases.completePromotion(id, "other", t(3));

        Generation promoted = releases.generation("v2.2.0").orElseThrow();
        assertThat(promoted.contractHash()).isEqualTo("synced-hash");
        assertThat(promoted.promotedAt()).isEqualTo(t(2));
    }

    @Test
    void aRolledBackPromotionLeavesTheGenerationADraftAndCanBeRetried() {
        long first = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, "{}", t(1));

        releases.endPromotion(first, PromotionStatus.ROLLED_BACK, t(2));

        assertThat(releases.generation("v2.2.0").orElseThrow().status()).isEqualTo(GenerationStatus.DRAFT);
        assertThat(releases.pendingPromotions()).isEmpty();
        assertThatThrownBy(() -> releases.completePromotion(first, "h", t(3)))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot complete promotion " + first + " of v2.2.0: it is rolled_back, not pending");
        long second = releases.recordPromotion("v2.2.0", "c2", "v2.2.0", PromotionStatus.PENDING, "{}", t(4));
        releases.completePromotion(second, "h", t(5));
        releases.endPromotion(second, PromotionStatus.ROLLED_BACK, t(6)); // a completed promotion stays completed

        assertThat(releases.promotions("v2.2.0")).extracting(StoredPromotion::id, StoredPromotion::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, PromotionStatus.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple(second, PromotionStatus.COMPLETED));
    }

    @Test
    void onlyOnePromotionOfAGenerationIsInProgressOrCompleted() {
        releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.BLOCKED, "{}", t(1));
        releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.BLOCKED, "{}", t(2));
        long pending = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, "{}", t(3));

        assertThatThrownBy(() -> releases.recordPromotion("v2.2.0", "c2", "v2.2.0", PromotionStatus.PENDING, "{}", t(4)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a promotion of v2.2.0 is already in progress or completed");
        releases.completePromotion(pending, "h", t(5));
        assertThatThrownBy(() -> releases.recordPromotion("v2.2.0", "c2", "v2.2.0", PromotionStatus.PENDING, "{}", t(6)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a promotion of v2.2.0 is already in progress or completed");
        assertThat(releases.promotions("v2.2.0")).hasSize(3);
    }

    @Test
    void concurrentPromotionsOfOneGenerationLetExactlyOneThrough() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> attempts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Long> attempt = () -> {
                    start.await();
                    return releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, "{}", Instant.now());
                };
                attempts.add(pool.submit(attempt));
            }
            start.countDown();
            int succeeded = 0;
            int refused = 0;
            for (Future<Long> attempt : attempts) {
                try {
                    attempt.get(60, TimeUnit.SECONDS);
                    succeeded++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(BadInputException.class);
                    refused++;
                }
            }
            assertThat(succeeded).isEqualTo(1);
            assertThat(refused).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(releases.pendingPromotions()).hasSize(1);
    }

    @Test
    void recordingACompletedPromotionPromotesTheGeneration() {
        releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.COMPLETED, "{}", t(1));

        assertThat(releases.generation("v2.2.0").orElseThrow().promotedAt()).isEqualTo(t(1));
    }

    @Test
    void unknownPromotionsAndGenerationsAreNamed() {
        assertThatThrownBy(() -> releases.recordPromotion("v9.9.9", "c1", "v9.9.9", PromotionStatus.BLOCKED, "{}", t(1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("cannot record a promotion of unknown generation v9.9.9: it is not recorded in " + file);
        assertThatThrownBy(() -> releases.completePromotion(77, "h", t(1)))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot complete promotion 77: no such promotion");
        assertThatThrownBy(() -> releases.endPromotion(77, PromotionStatus.ROLLED_BACK, t(1)))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + ": cannot end promotion 77: no such promotion");
        assertThatThrownBy(() -> releases.endPromotion(1, PromotionStatus.COMPLETED, t(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(releases.promotions("v9.9.9")).isEmpty();
    }

    private static Generation withHash(String hash) {
        Generation g = payments();
        return new Generation(g.version(), g.description(), g.changes(), g.pipelineTemplate(), null, g.status(), hash, null);
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
