package io.gryt.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract hash follows the contract's content, not the way the file is written. */
@ExtendWith(TempProjectExtension.class)
class ContractHashTest {
    private static final Generation SEED = new Generation("v2.2.0", "Payment gateway overhaul", List.of(
            new Change("PAY-001", ChangeType.FIX, "Race condition in refund webhook", null),
            new Change("PAY-002", ChangeType.REFINE, "Reduce latency of status polling", null)),
            "release-pipeline", null, GenerationStatus.DRAFT, null, null);

    private TempProject project;

    @BeforeEach
    void setUp(TempProject project) {
        this.project = project;
        project.writePipeline("release-pipeline", "steps: [{name: test, run: [true]}]\n");
        project.writePipeline("ci", "steps: [{name: test, run: [true]}]\n");
    }

    private String hashOfFile(String yaml) {
        return GenerationFiles.parse(project.write(".gryt/generations/v2.2.0.yaml", yaml))
                .contractHash();
    }

    @Test
    void theCanonicalFormIsTheDocumentedOne() throws Exception {
        Generation g = new Generation("v2.2.0", "Payment gateway overhaul",
                List.of(new Change("PAY-001", ChangeType.FIX, "Race condition in refund webhook", null)),
                "release-pipeline", null, GenerationStatus.DRAFT, null, null);
        String canonical = """
                gryt-generation-contract 1
                version 6:v2.2.0
                description 24:Payment gateway overhaul
                hotfix_of 0:
                pipeline_template 16:release-pipeline
                changes 1
                type 3:fix
                id 7:PAY-001
                title 32:Race condition in refund webhook
                description 0:
                """;

        assertThat(ContractHash.canonicalForm(g)).isEqualTo(canonical);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(GenerationFiles.contractHash(g)).isEqualTo(HexFormat.of().formatHex(sha));
    }

    @Test
    void lengthsCountUtf8BytesSoValuesCannotBleedIntoEachOther() {
        Generation g = new Generation("v2.2.0", "é\nid 3:X", List.of(), "ci", null, GenerationStatus.DRAFT, null, null);
        assertThat(ContractHash.canonicalForm(g)).contains("description 9:é\nid 3:X\n");
    }

    @Test
    void layoutQuotingAndCommentsDoNotChangeTheHash() {
        String plain = hashOfFile(GenerationFilesTest.SEED_EXAMPLE.replace("""
                  - type: add
                    id: PAY-003
                    title: "Support Apple Pay"
                """, ""));
        String reformatted = hashOfFile("""
                # The payments release.
                pipeline_template: "release-pipeline"   # keys in another order
                changes: [
                  {title: 'Race condition in refund webhook', id: "PAY-001", type: fix},
                  {id: PAY-002, type: "refine",
                   title: Reduce latency of status polling}]
                description: >-
                  Payment gateway
                  overhaul
                version: 'v2.2.0'
                """);

        assertThat(reformatted).isEqualTo(plain).isEqualTo(GenerationFiles.contractHash(SEED));
    }

    @Test
    void statusHashAndPromotionTimeAreNotPartOfTheContract() {
        Generation promoted = new Generation(SEED.version(), SEED.description(), SEED.changes(), SEED.pipelineTemplate(),
                null, GenerationStatus.PROMOTED, "abc", Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(GenerationFiles.contractHash(promoted)).isEqualTo(GenerationFiles.contractHash(SEED));
    }

    @Test
    void anAbsentDescriptionIsTheEmptyOne() {
        Generation absent = with(g -> new Generation(g.version(), null, List.of(new Change("A-1", ChangeType.FIX, "t", null)),
                g.pipelineTemplate(), null, g.status(), null, null));
        Generation empty = with(g -> new Generation(g.version(), "", List.of(new Change("A-1", ChangeType.FIX, "t", "")),
                g.pipelineTemplate(), null, g.status(), null, null));
        assertThat(GenerationFiles.contractHash(absent)).isEqualTo(GenerationFiles.contractHash(empty));
    }

    static Stream<Arguments> contentChanges() {
        Change first = SEED.changes().get(0);
        Change second = SEED.changes().get(1);
        return Stream.of(
                Arguments.of("version", with(g -> copy(g, "v2.2.1", g.description(), g.changes(), g.pipelineTemplate(), null))),
                Arguments.of("description", with(g -> copy(g, g.version(), "Payment gateway overhaul!", g.changes(), g.pipelineTemplate(), null))),
                Arguments.of("pipeline", with(g -> copy(g, g.version(), g.description(), g.changes(), "ci", null))),
                Arguments.of("hotfix_of", with(g -> copy(g, g.version(), g.description(), g.changes(), g.pipelineTemplate(), "v2.1.0"))),
                Arguments.of("a change's type", changes(new Change("PAY-001", ChangeType.REFINE, first.title(), null), second)),
                Arguments.of("a change's id", changes(new Change("PAY-009", ChangeType.FIX, first.title(), null), second)),
                Arguments.of("a change's title", changes(new Change("PAY-001", ChangeType.FIX, first.title() + ".", null), second)),
                Arguments.of("a change's description", changes(new Change("PAY-001", ChangeType.FIX, first.title(), "x"), second)),
                Arguments.of("the order of changes", changes(second, first)),
                Arguments.of("a change removed", changes(first)),
                Arguments.of("a change added", changes(first, second, new Change("PAY-003", ChangeType.ADD, "Apple Pay", null))),
                Arguments.of("text moved between fields", changes(
                        new Change("PAY-001", ChangeType.FIX, "Race condition in refund", "webhook"), second)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentChanges")
    void anyContentChangeChangesTheHash(String what, Generation changed) {
        assertThat(GenerationFiles.contractHash(changed)).isNotEqualTo(GenerationFiles.contractHash(SEED));
    }

    @Test
    void editingTheFileChangesTheHash() {
        String before = hashOfFile(GenerationFilesTest.SEED_EXAMPLE);
        String after = hashOfFile(GenerationFilesTest.SEED_EXAMPLE.replace("Support Apple Pay", "Support Apple Pay and Google Pay"));
        assertThat(after).isNotEqualTo(before);
    }

    private static Generation with(UnaryOperator<Generation> edit) {
        return edit.apply(SEED);
    }

    private static Generation changes(Change... changes) {
        return copy(SEED, SEED.version(), SEED.description(), List.of(changes), SEED.pipelineTemplate(), null);
    }

    private static Generation copy(Generation g, String version, String description, List<Change> changes,
                                   String template, String hotfixOf) {
        return new Generation(version, description, changes, template, hotfixOf, g.status(), null, null);
    }
}
