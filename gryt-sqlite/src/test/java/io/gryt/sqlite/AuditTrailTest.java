package io.gryt.sqlite;

import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.testing.AuditTamperer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.History.t;
import static io.gryt.sqlite.Samples.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

/** Every write appends a hash-chained entry in its own transaction, and verification passes on an untouched trail. */
class AuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void everyStateChangeAppendsOneEntryInOrder() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            History.record(store);

            List<AuditEntry> entries = all(store.audit());
            assertThat(entries).extracting(AuditEntry::event).containsExactly(
                    "generation.created", "evolution.created", "run.started", "evolution.running",
                    "step.started", "step.finished", "step.started", "step.finished", "run.finished",
                    "evolution.finished", "evolution.tagged", "generation.synced", "promotion.recorded");
            assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
            assertThat(store.audit().head()).contains(entries.get(12));
            assertThat(store.audit().entry(6)).contains(entries.get(5));
        }
    }

    @Test
    void eachHashIsTheDocumentedSha256OverTheEntryAndThePreviousHash() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"), () -> "Ada Lovelace <ada@example.org>")) {
            History.record(store);

            String previous = AuditEntry.GENESIS;
            for (AuditEntry e : all(store.audit())) {
                String expected = AuditTamperer.sha256("gryt-audit-v1\n" + e.seq() + "\n" + Timestamps.format(e.at())
                        + "\n" + e.actor() + "\n" + e.event() + "\n" + e.payload() + "\n" + previous);
                assertThat(e.prevHash()).isEqualTo(previous);
                assertThat(e.hash()).as("entry %d", e.seq()).isEqualTo(expected);
                assertThat(e.actor()).isEqualTo("Ada Lovelace <ada@example.org>");
                previous = e.hash();
            }
        }
    }

    @Test
    void aStepFinishedEntryCarriesTheStepRowAndEveryDataRowWithItsId() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            History.record(store);

            AuditEntry lint = store.audit().entry(6).orElseThrow();
            assertThat(lint.event()).isEqualTo("step.finished");
            assertThat(lint.payload())
                    .startsWith("{\"rows\":{\"data_rows\":[{\"id\":1,\"kind\":\"result\",\"name\":\"result\",\"number\":1000.0,")
                    .contains("{\"id\":3,\"kind\":\"artifact\",\"name\":\"dist/app.jar\",\"number\":2048.0,")
                    .contains("\"step_runs\":[{\"attempts\":1,\"duration_ms\":1000,\"error\":null,\"exit_code\":0,\"finished_at\":\"2025-03-01T10:00:04.123456789Z\"")
                    .doesNotContain(" ").doesNotContain("\n");
        }
    }

    @Test
    void writesThatChangeNothingAppendNothing() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            History.record(store);
            long head = store.audit().head().orElseThrow().seq();
            ReleaseStore releases = store.releases();

            releases.syncGeneration(Contracts.draft("v2.2.0", Contracts.PAY_001, new io.gryt.api.release.Change(
                    "PAY-002", io.gryt.api.release.ChangeType.FIX, "Round cents half-even, always", null)), file("v2.2.0"), t(20));
            releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.PASS, t(21));
            releases.evolutionTagged("v2.2.0-rc.1", t(22));
            store.runs().runFinished(History.RUN, io.gryt.api.RunStatus.PASS, t(23));
            assertThat(store.runs().markInterrupted(History.RUN, t(24))).isFalse();

            assertThat(store.audit().head().orElseThrow().seq()).isEqualTo(head);
        }
    }

    @Test
    void anUntouchedTrailVerifiesAfterHundredsOfEvents() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            History.record(store);
            StoreWriter.writeRuns(store.runs(), "bulk", 100); // four entries each
            ReleaseStore releases = store.releases();
            releases.syncGeneration(payments(), file("v2.2.0"), t(30));
            for (int i = 0; i < 20; i++) {
                String tag = releases.createEvolution("v2.2.0", List.of("PAY-001", "PAY-003"), "c0ffee", false, OWNER, t(31)).tag();
                releases.evolutionRunning(tag, "bulk-" + i);
                releases.evolutionFinished(tag, EvolutionStatus.PASS, t(32));
                releases.evolutionTagged(tag, t(33));
            }
            long id = releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", PromotionStatus.PENDING, "{}", t(34));
            releases.completePromotion(id, "contract-hash", t(35));

            VerifyReport report = store.audit().verify();

            assertThat(report.problems()).isEmpty();
            assertThat(report.intact()).isTrue();
            assertThat(report.entries()).isEqualTo(13 + 400 + 1 + 80 + 2).isEqualTo(store.audit().head().orElseThrow().seq());
            assertThat(report.head()).isEqualTo(store.audit().head().orElseThrow().hash());
        }
    }

    @Test
    void entriesStreamFromASequenceNumber() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            History.record(store);
            List<Long> seqs = new ArrayList<>();
            store.audit().entries(11, e -> seqs.add(e.seq()));
            assertThat(seqs).containsExactly(11L, 12L, 13L);
        }
    }

    @Test
    void anEmptyTrailIsIntact() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gryt.db"))) {
            VerifyReport report = store.audit().verify();
            assertThat(report.intact()).isTrue();
            assertThat(report.entries()).isZero();
            assertThat(report.head()).isNull();
            assertThat(store.audit().head()).isEmpty();
        }
    }

    private static List<AuditEntry> all(AuditStore audit) {
        List<AuditEntry> entries = new ArrayList<>();
        audit.entries(1, entries::add);
        return entries;
    }
}
