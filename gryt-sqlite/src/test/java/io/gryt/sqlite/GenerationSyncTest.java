package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gryt.sqlite.Contracts.PAY_001;
import static io.gryt.sqlite.Contracts.PAY_002;
import static io.gryt.sqlite.Contracts.PAY_003;
import static io.gryt.sqlite.Contracts.draft;
import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keeping stored generations in agreement with their contract files. */
class GenerationSyncTest extends ReleaseStoreTest {

    @Test
    void theSqliteStoreRecordsReleases() {
        assertThat(store.recordsReleases()).isTrue();
        assertThat(store.releases()).isSameAs(releases);
    }

    @Test
    void aNewContractIsInsertedAsADraftWithItsChangesInFileOrder() throws Exception {
        Generation contract = new Generation("v2.2.0", "Payments", List.of(PAY_003, PAY_001, PAY_002), "release",
                null, GenerationStatus.PROMOTED, "abc123", null);

        Generation stored = releases.syncGeneration(contract, file("v2.2.0"), T0);

        assertThat(stored.status()).isEqualTo(GenerationStatus.DRAFT);
        assertThat(stored.changes()).containsExactly(PAY_003, PAY_001, PAY_002);
        assertThat(stored.contractHash()).isEqualTo("abc123");
        assertThat(stored.promotedAt()).isNull();
        assertThat(releases.generation("v2.2.0")).contains(stored);
        assertThat(PlainJdbc.column(file, "SELECT file_path || ' ' || created_at FROM generations"))
                .containsExactly(".gryt/generations/v2.2.0.yaml 2025-03-01T10:00:00.123456789Z");
    }

    @Test
    void aDraftFollowsItsEditedContract() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        Change retitled = new Change("PAY-002", ChangeType.REFINE, "Round cents to even", null);
        Change added = new Change("PAY-004", ChangeType.ADD, "Support iDEAL", "NL");
        Generation edited = new Generation("v2.2.0", "Payments, reworked", List.of(added, PAY_003, retitled),
                "release-full", "v2.1.0", GenerationStatus.DRAFT, null, null);

        Generation stored = releases.syncGeneration(edited, "generations/v2.2.0.yaml", T0.plusSeconds(60));

        assertThat(stored).isEqualTo(edited);
        assertThat(releases.generation("v2.2.0")).contains(edited);
    }

    @Test
    void aRemovedChangeThatNoEvolutionProvesIsDeleted() throws Exception {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, T0);

        Generation stored = releases.syncGeneration(draft("v2.2.0", PAY_001, PAY_003), file("v2.2.0"), T0);

        assertThat(stored.changes()).containsExactly(PAY_001, PAY_003);
        assertThat(PlainJdbc.column(file, "SELECT change_id FROM generation_changes ORDER BY position"))
                .containsExactly("PAY-001", "PAY-003");
    }

    @Test
    void removingAChangeThatEvolutionsProveIsRefusedAndChangesNothing() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        releases.createEvolution("v2.2.0", List.of("PAY-001", "PAY-002"), "c1", false, OWNER, T0);
        releases.createEvolution("v2.2.0", List.of("PAY-003"), "c1", false, OWNER, T0);
        releases.createEvolution("v2.2.0", List.of("PAY-002"), "c2", false, OWNER, T0);
        Generation dropsPay002 = new Generation("v2.2.0", "Edited", List.of(PAY_001, PAY_003,
                new Change("PAY-009", ChangeType.ADD, "New", null)), "other", null, GenerationStatus.DRAFT, null, null);

        assertThatThrownBy(() -> releases.syncGeneration(dropsPay002, file("v2.2.0"), T0))
                .isInstanceOf(BadInputException.class)
                .hasMessage(".gryt/generations/v2.2.0.yaml: change PAY-002 cannot be removed from v2.2.0: evolutions "
                        + "v2.2.0-rc.1, v2.2.0-rc.3 already prove it");

        assertThat(releases.generation("v2.2.0")).contains(payments());
    }

    @Test
    void removingAChangeThatOneEvolutionProvesNamesIt() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        releases.createEvolution("v2.2.0", List.of("PAY-003"), "c1", false, OWNER, T0);

        assertThatThrownBy(() -> releases.syncGeneration(draft("v2.2.0", PAY_001, PAY_002), "g.yaml", T0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("g.yaml: change PAY-003 cannot be removed from v2.2.0: evolution v2.2.0-rc.1 already proves it");
    }

    @Test
    void aPromotedGenerationIsLeftExactlyAsItWas() throws Exception {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        long id = releases.recordPromotion("v2.2.0", "c1", "v2.2.0", PromotionStatus.PENDING, "{}", T0);
        releases.completePromotion(id, "frozen-hash", T0.plusSeconds(5));
        Generation before = releases.generation("v2.2.0").orElseThrow();

        Generation returned = releases.syncGeneration(draft("v2.2.0", PAY_003), "edited.yaml", T0.plusSeconds(60));

        assertThat(returned).isEqualTo(before);
        assertThat(returned.status()).isEqualTo(GenerationStatus.PROMOTED);
        assertThat(returned.contractHash()).isEqualTo("frozen-hash");
        assertThat(returned.promotedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(returned.changes()).containsExactly(PAY_001, PAY_002, PAY_003);
        assertThat(PlainJdbc.column(file, "SELECT file_path FROM generations"))
                .containsExactly(".gryt/generations/v2.2.0.yaml");
    }

    @Test
    void changeIdsAreScopedToTheirGeneration() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        Change reused = new Change("PAY-001", ChangeType.FIX, "SEPA follow-up", null);
        releases.syncGeneration(draft("v2.3.0", reused), file("v2.3.0"), T0.plusSeconds(1));

        releases.createEvolution("v2.3.0", List.of("PAY-001"), "c9", false, OWNER, T0);
        releases.syncGeneration(draft("v2.2.0", PAY_002), file("v2.2.0"), T0); // PAY-001 of v2.2.0 is unproven

        assertThat(releases.generation("v2.2.0").orElseThrow().changes()).containsExactly(PAY_002);
        assertThat(releases.generation("v2.3.0").orElseThrow().changes()).containsExactly(reused);
        assertThat(releases.evolution("v2.3.0-rc.1").orElseThrow().changes()).containsExactly("PAY-001");
    }

    @Test
    void aChangeDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> releases.syncGeneration(draft("v2.2.0", PAY_001, PAY_002, PAY_001), "g.yaml", T0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("g.yaml: change PAY-001 is declared twice in v2.2.0");
        assertThat(releases.generation("v2.2.0")).isEmpty();
    }

    @Test
    void generationsAreListedByCreationTime() {
        releases.syncGeneration(draft("v3.0.0"), file("v3.0.0"), T0.plusSeconds(10));
        releases.syncGeneration(draft("v2.10.0", PAY_001), file("v2.10.0"), T0);
        releases.syncGeneration(draft("v2.9.0"), file("v2.9.0"), T0.plusSeconds(5));

        assertThat(releases.generations()).extracting(Generation::version).containsExactly("v2.10.0", "v2.9.0", "v3.0.0");
        assertThat(releases.generations().get(0).changes()).containsExactly(PAY_001);
        assertThat(releases.generation("v9.9.9")).isEmpty();
    }
}
