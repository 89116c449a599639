package io.gryt.postgres;

import io.gryt.api.BadInputException;
import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.Store;
import io.gryt.sqlite.SqliteStore;
import io.gryt.testing.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A project's SQLite trail copied into PostgreSQL verifies there, entry for entry, and the store goes on from it. */
class TrailMigrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");

    @TempDir
    Path dir;

    @Test
    void aCopiedTrailVerifiesWithTheSameHeadAndNewRecordsFollowIt() {
        Path file = dir.resolve("gryt.db");
        VerifyReport before;
        try (SqliteStore sqlite = SqliteStore.open(file, () -> "alice")) {
            record(sqlite);
            before = sqlite.audit().verify();
        }
        assertThat(before.intact()).isTrue();
        String url = PostgresCluster.shared().newDatabase("migrate");

        TrailMigration.Copied copied = TrailMigration.copy(file, url, PostgresOptions.forCommand());

        assertThat(copied.rows()).containsEntry("audit_log", before.entries()).containsEntry("data_rows", 2L)
                .containsEntry("evolutions", 2L);
        try (Store pg = open(url)) {
            VerifyReport after = pg.audit().verify();
            assertThat(after.problems()).isEmpty();
            assertThat(after.entries()).isEqualTo(before.entries());
            assertThat(after.head()).isEqualTo(before.head());
            assertThat(pg.releases().evolutions("v1.0.0")).hasSize(2);
            // new rows get ids after the copied ones, and the chain goes on
            pg.releases().syncGeneration(new Generation("v1.1.0", "next", List.of(new Change("c2", ChangeType.ADD,
                    "Add it", null)), null, null, GenerationStatus.DRAFT, null, null), "v1.1.0.yaml", T0);
            assertThat(pg.releases().createEvolution("v1.1.0", List.of("c2"), "beef", false, null, T0).rc()).isEqualTo(1);
            assertThat(pg.audit().verify().problems()).isEmpty();
        }
    }

    @Test
    void aTargetThatHoldsRecordsIsRefusedAndLeftAsItWas() {
        Path file = dir.resolve("gryt.db");
        try (SqliteStore sqlite = SqliteStore.open(file)) {
            record(sqlite);
        }
        String url = PostgresCluster.shared().newDatabase("migrate");
        TrailMigration.copy(file, url, PostgresOptions.forCommand());
        long entries;
        try (Store pg = open(url)) {
            entries = pg.audit().verify().entries();
        }

        assertThatThrownBy(() -> TrailMigration.copy(file, url, PostgresOptions.forCommand()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("already holds records").hasMessageContaining("empty database only");
        try (Store pg = open(url)) {
            assertThat(pg.audit().verify().entries()).isEqualTo(entries);
        }
    }

    private static Store open(String url) {
        return PostgresStore.open(url, PostgresOptions.forCommand(), () -> "bob", Map.of());
    }

    /** A generation with an evolution that ran (steps, data rows with a fractional number) and a completed promotion. */
    private static void record(Store store) {
        store.releases().syncGeneration(new Generation("v1.0.0", "first", List.of(new Change("c1", ChangeType.FIX,
                "Fix it", "why")), "release", null, GenerationStatus.DRAFT, null, null), "v1.0.0.yaml", T0);
        var e = store.releases().createEvolution("v1.0.0", List.of("c1"), "c0ffee", true,
                new ProcessOwner(7, "laptop", T0), T0);
        store.runs().runStarted(new PipelineRun("r1", "release", RunStatus.RUNNING, T0, null,
                new ProcessOwner(7, "laptop", T0), "/work"));
        store.releases().evolutionRunning(e.tag(), "r1");
        store.runs().stepStarted("r1", "test", T0, 99L);
        store.runs().stepFinished("r1", new StepResult("test", StepStatus.PASS, 0, 1, T0, T0.plusMillis(1500), null,
                null, List.of(), List.of(), Map.of()), List.of(
                new DataRow("r1", "test", DataRow.Kind.METRIC, "coverage", null, 0.8125, null, T0),
                new DataRow("r1", "test", DataRow.Kind.ARTIFACT, "app.jar", null, 2048.0, "ab".repeat(32), T0)));
        store.runs().runFinished("r1", RunStatus.PASS, T0.plusSeconds(2));
        store.releases().evolutionFinished(e.tag(), EvolutionStatus.PASS, T0.plusSeconds(2));
        store.releases().evolutionTagged(e.tag(), T0.plusSeconds(3));
        var failed = store.releases().createEvolution("v1.0.0", List.of("c1"), "c0ffee", false, null, T0.plusSeconds(4));
        store.releases().evolutionFinished(failed.tag(), EvolutionStatus.FAIL, T0.plusSeconds(5));
        long id = store.releases().recordPromotion("v1.0.0", "c0ffee", "v1.0.0", PromotionStatus.PENDING,
                "{\"status\":\"pending\",\"gates\":[]}", T0.plusSeconds(6));
        store.releases().completePromotion(id, "hash", T0.plusSeconds(7));
    }
}
