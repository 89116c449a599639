package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.PromotionStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.gryt.sqlite.Contracts.draft;
import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleting a draft generation without evidence, recorded in the audit trail; and the newest evolutions of all. */
class GenerationDeleteTest extends ReleaseStoreTest {

    @Test
    void aDraftWithoutEvidenceIsDeletedWithItsChangesAndTheTrailStillVerifies() throws Exception {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);

        assertThat(releases.deleteGeneration("v2.2.0")).isTrue();

        assertThat(releases.generation("v2.2.0")).isEmpty();
        assertThat(PlainJdbc.column(file, "SELECT COUNT(*) FROM generation_changes")).containsExactly("0");
        List<String> events = new ArrayList<>();
        store.audit().entries(1, e -> events.add(e.event()));
        assertThat(events).containsExactly("generation.created", "generation.deleted");
        assertThat(store.audit().verify().intact()).as(store.audit().verify().toString()).isTrue();

        releases.syncGeneration(payments(), file("v2.2.0"), T0.plusSeconds(1));
        assertThat(releases.generation("v2.2.0")).isPresent();
        assertThat(store.audit().verify().intact()).isTrue();
        assertThat(releases.deleteGeneration("v9.9.9")).isFalse();
    }

    @Test
    void aGenerationWithEvolutionsOrPromotionAttemptsIsNotDeleted() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, T0);
        assertThatThrownBy(() -> releases.deleteGeneration("v2.2.0"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("generation v2.2.0 cannot be deleted: it has 1 evolution (v2.2.0-rc.1), which are evidence;"
                        + " only a draft with no evolutions can be deleted");

        releases.syncGeneration(draft("v2.3.0", Contracts.PAY_001), file("v2.3.0"), T0);
        releases.recordPromotion("v2.3.0", "c1", "v2.3.0", PromotionStatus.BLOCKED, "{}", T0);
        assertThatThrownBy(() -> releases.deleteGeneration("v2.3.0"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("generation v2.3.0 cannot be deleted: 1 promotion attempt is recorded for it, which are evidence");
        assertThat(releases.generation("v2.2.0")).isPresent();
        assertThat(releases.generation("v2.3.0")).isPresent();
        assertThat(store.audit().verify().intact()).isTrue();
    }

    @Test
    void recentEvolutionsAreTheNewestOfEveryGenerationNewestFirst() {
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        releases.syncGeneration(draft("v2.3.0", Contracts.PAY_001), file("v2.3.0"), T0);
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c1", false, OWNER, T0);
        releases.createEvolution("v2.3.0", List.of("PAY-001"), "c1", false, OWNER, T0.plusSeconds(1));
        releases.createEvolution("v2.2.0", List.of("PAY-002"), "c1", false, OWNER, T0.plusSeconds(2));

        assertThat(store.reads().recentEvolutions(10)).extracting(Evolution::tag)
                .containsExactly("v2.2.0-rc.2", "v2.3.0-rc.1", "v2.2.0-rc.1");
        assertThat(store.reads().recentEvolutions(2)).extracting(Evolution::tag).containsExactly("v2.2.0-rc.2", "v2.3.0-rc.1");
    }
}
