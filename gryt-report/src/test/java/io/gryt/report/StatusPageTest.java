package io.gryt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page of the seed's release: what each generation's status and progress read as, in every format. */
class StatusPageTest {
    @TempDir
    Path dir;

    @Test
    void aPromotedReleaseAndItsHotfixReadAsPromotedAndHotfixWithTheirProgress() throws Exception {
        SeedRelease seed = SeedRelease.promoted(dir.resolve("payments"));
        StatusPage page;
        try (Gryt gryt = seed.open()) {
            gryt.generations().hotfix("v2.2.0", List.of(new Change("PAY-009", ChangeType.FIX, "Refund rounding", null)),
                    "release-pipeline");
            page = StatusPage.read(gryt);
        }
        assertThat(page.generations()).extracting(StatusPage.GenerationLine::version, StatusPage.GenerationLine::status,
                StatusPage.GenerationLine::proven, StatusPage.GenerationLine::declared)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v2.2.0", "promoted", 3, 3),
                        org.assertj.core.groups.Tuple.tuple("v2.2.1", "hot-fix", 0, 1));
        assertThat(page.generation("v2.2.1").orElseThrow().hotfixOf()).isEqualTo("v2.2.0");
        assertThat(page.running()).isEmpty();
        assertThat(page.recent()).extracting(e -> e.tag())
                .containsExactly("v2.2.0-rc.4", "v2.2.0-rc.3", "v2.2.0-rc.2", "v2.2.0-rc.1");
        assertThat(page.stats().finishedRuns()).isEqualTo(4);
        assertThat(page.stats().passRate()).isEqualTo(0.75);
        assertThat(page.alerts()).as("a promoted release's old failure is no alert").noneMatch(a -> a.contains("failed in"));

        assertThat(page.text()).containsSubsequence("v2.2.0       promoted     3/3 proven",
                "v2.2.1       hot-fix      0/1 proven");
        JsonNode json = new ObjectMapper().readTree(page.json());
        assertThat(json.get("generations").get(1).get("status").asText()).isEqualTo("hot-fix");
        assertThat(json.get("generations").get(1).get("hotfix_of").asText()).isEqualTo("v2.2.0");
        assertThat(page.html()).contains("<span class=\"status hot_fix\">hot-fix</span>", "0/1 proven");
    }
}
