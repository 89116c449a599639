package io.gryt.core.internal.yaml;

import io.gryt.testing.SampleGenerations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the generation files users write, and writing new ones. */
@ExtendWith(TempProjectExtension.class)
class GenerationFilesTest {
    static final String SEED_EXAMPLE = SampleGenerations.SEED_V2_2_0;

    private TempProject project;

    @BeforeEach
    void setUp(TempProject project) {
        this.project = project;
        project.writePipeline("release-pipeline", "steps: [{name: test, run: [true]}]\n");
        project.write(".gryt/pipelines/go.release.yaml", "steps: [{name: test, run: [true]}]\n");
    }

    private Path write(String version, String yaml) {
        return project.write(".gryt/generations/" + version + ".yaml", yaml);
    }

    private Generation parse(Path file) {
        return GenerationFiles.parse(file);
    }

    private Generation roundTrip(Generation g) {
        return parse(write(g.version(), GenerationFiles.render(g)));
    }

    @Test
    void theSeedExampleIsADraftContract() {
        Generation g = parse(write("v2.2.0", SEED_EXAMPLE));

        assertThat(g.version()).isEqualTo("v2.2.0");
        assertThat(g.description()).isEqualTo("Payment gateway overhaul");
        assertThat(g.changes()).containsExactly(
                new Change("PAY-001", ChangeType.FIX, "Race condition in refund webhook", null),
                new Change("PAY-002", ChangeType.REFINE, "Reduce latency of status polling", null),
                new Change("PAY-003", ChangeType.ADD, "Support Apple Pay", null));
        assertThat(g.pipelineTemplate()).isEqualTo("release-pipeline");
        assertThat(g.hotfixOf()).isNull();
        assertThat(g.status()).isEqualTo(GenerationStatus.DRAFT);
        assertThat(g.promotedAt()).isNull();
        assertThat(g.contractHash()).isEqualTo(GenerationFiles.contractHash(g)).matches("[0-9a-f]{64}");
    }

    @Test
    void descriptionsAndHotfixOfAreRead() {
        Generation g = parse(write("v2.1.1", """
                version: v2.1.1
                changes:
                  - type: fix
                    id: SEC-2024-17
                    title: "Patch the token check"
                    description: "Tokens issued before the rotation were still accepted."
                pipeline_template: release-pipeline
                hotfix_of: v2.1.0
                """));

        assertThat(g.description()).isEmpty();
        assertThat(g.changes().get(0).description()).isEqualTo("Tokens issued before the rotation were still accepted.");
        assertThat(g.hotfixOf()).isEqualTo("v2.1.0");
        assertThat(g.isHotfix()).isTrue();
    }

    @Test
    void theSecondSeedExampleWithoutDescriptionAndADottedPipelineIsValid() {
        Generation g = parse(write("v1.0.0", """
                version: v1.0.0
                changes:
                  - type: add
                    id: FEAT-001
                    title: "User login"
                pipeline_template: go.release
                """));
        assertThat(g.pipelineTemplate()).isEqualTo("go.release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAY-001", "TEAM-A-1", "SEC-2024-17", "fix_42", "v1.2", "42"})
    void idsOfLettersDigitsDashesDotsAndUnderscoresAreValid(String id) {
        Generation g = parse(write("v2.2.0", """
                version: v2.2.0
                changes:
                  - {type: remove, id: %s, title: "Drop the v1 API"}
                pipeline_template: release-pipeline
                """.formatted(id)));
        assertThat(g.changes()).extracting(Change::id).containsExactly(id);
    }

    @Test
    void scalarsAreReadAsTheTextTheyAreWrittenAs() {
        Generation g = parse(write("v2.2.0", """
                version: v2.2.0
                description: 2024
                changes:
                  - {type: fix, id: 0017, title: yes}
                  - {type: fix, id: "1.10", title: 1.10}
                pipeline_template: release-pipeline
                """));
        assertThat(g.description()).isEqualTo("2024");
        assertThat(g.changes()).extracting(Change::id, Change::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0017", "yes"),
                        org.assertj.core.groups.Tuple.tuple("1.10", "1.10"));
    }

    @Test
    void aGenerationWithNoChangesIsValid() {
        Generation g = parse(write("v3.0.0", """
                version: v3.0.0
                changes: []
                pipeline_template: release-pipeline
                """));
        assertThat(g.changes()).isEmpty();
    }

    @Test
    void theSkeletonOfAGenerationWithNoChangesIsValidAndExplainsTheFormat() {
        Generation empty = new Generation("v3.0.0", "", List.of(), "release-pipeline", null,
                GenerationStatus.DRAFT, null, null);
        String yaml = GenerationFiles.render(empty);

        assertThat(yaml).startsWith("# ").contains("changes: []").contains("#  - type: fix").contains("#    id: PAY-001");
        Generation parsed = parse(write("v3.0.0", yaml));
        assertThat(parsed.changes()).isEmpty();
        assertThat(parsed.version()).isEqualTo("v3.0.0");
        assertThat(parsed.pipelineTemplate()).isEqualTo("release-pipeline");
    }

    @Test
    void theSkeletonsCommentedExampleIsValidOnceUncommented() {
        Generation empty = new Generation("v3.0.0", "", List.of(), "release-pipeline", null,
                GenerationStatus.DRAFT, null, null);
        String skeleton = GenerationFiles.render(empty);
        int changes = skeleton.indexOf("changes: []");
        String filledIn = skeleton.substring(0, changes) + skeleton.substring(changes)
                .replace("changes: []", "changes:")
                .replaceAll("(?m)^#(  - |    )", "$1");

        Generation parsed = parse(write("v3.0.0", filledIn));
        assertThat(parsed.changes()).extracting(Change::id).containsExactly("PAY-001", "PAY-002");
    }

    @Test
    void renderWritesTheFieldsInTheDocumentedOrder() {
        Generation g = new Generation("v2.1.1", "Hot-fix of v2.1.0",
                List.of(new Change("PAY-009", ChangeType.FIX, "Refund twice", "details")),
                "release-pipeline", "v2.1.0", GenerationStatus.DRAFT, null, null);
        String yaml = GenerationFiles.render(g);
        String body = yaml.substring(yaml.indexOf("\nversion:") + 1);

        assertThat(body).isEqualTo("""
                version: v2.1.1
                description: "Hot-fix of v2.1.0"
                changes:
                  - type: fix
                    id: PAY-009
                    title: "Refund twice"
                    description: "details"
                pipeline_template: release-pipeline
                hotfix_of: v2.1.0
                """);
    }

    @Test
    void aRenderedGenerationReadsBackExactly() {
        Generation g = new Generation("v2.2.0", "Payment gateway overhaul", List.of(
                new Change("PAY-001", ChangeType.FIX, "Race condition in refund webhook", "optional longer text"),
                new Change("PAY-002", ChangeType.REFINE, "Reduce latency of status polling", null),
                new Change("PAY-003", ChangeType.ADD, "Support Apple Pay", ""),
                new Change("PAY-004", ChangeType.REMOVE, "Drop the v1 API", "line one\nline two\n")),
                "release-pipeline", null, GenerationStatus.DRAFT, null, null);

        Generation back = roundTrip(g);

        assertThat(back.version()).isEqualTo(g.version());
        assertThat(back.description()).isEqualTo(g.description());
        assertThat(back.changes()).isEqualTo(g.changes());
        assertThat(back.pipelineTemplate()).isEqualTo(g.pipelineTemplate());
        assertThat(back.hotfixOf()).isNull();
        assertThat(back.contractHash()).isEqualTo(GenerationFiles.contractHash(g));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "He said \"no\"", "key: value", "a # not a comment", "#leading hash", "  leading spaces",
            "trailing spaces  ", "back\\slash", "'single' quotes", "- a list?", "[brackets] {braces}", "& * ! | > % @ `",
            "ünïcödé ✓ 日本語 🚀", "null", "true", "~", "123", "0x1F", "1e5", "tab\there", "bell\u0007",
            "nel\u0085 ls\u2028 ps\u2029", "bom\uFEFF", "nbsp\u00A0", "---", "...", "? question"})
    void awkwardTitlesAndDescriptionsReadBackExactly(String text) {
        String title = text.matches("(?s).*[\\n\\u0085\\u2028\\u2029\\p{Cntrl}].*") ? "one line" : text; // a title is one line of plain text
        Change change = new Change("PAY-001", ChangeType.FIX, title, text);
        Generation g = new Generation("v2.2.0", text, List.of(change), "release-pipeline", null,
                GenerationStatus.DRAFT, null, null);

        Generation back = roundTrip(g);

        assertThat(back.description()).isEqualTo(text);
        assertThat(back.changes()).containsExactly(change);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "No", "123", "1.10", "0x1F", "1e5", "007"})
    void idsThatYamlWouldReadAsOtherThingsAreQuotedAndReadBack(String id) {
        Generation g = new Generation("v2.2.0", "", List.of(new Change(id, ChangeType.FIX, "t", null)),
                "release-pipeline", null, GenerationStatus.DRAFT, null, null);
        assertThat(roundTrip(g).changes()).extracting(Change::id).containsExactly(id);
    }

    @Test
    void manyRandomTextsReadBackExactly() {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 200; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(4);
                int codePoint = switch (kind) {
                    case 0 -> 0x20 + random.nextInt(0x5F);       // ASCII, punctuation included
                    case 1 -> random.nextInt(0x20);              // control characters
                    case 2 -> 0xA0 + random.nextInt(0x3000);     // Latin-1 and beyond
                    default -> 0x1F300 + random.nextInt(0x100);  // astral symbols
                };
                text.appendCodePoint(codePoint);
            }
            String description = text.toString();
            Generation g = new Generation("v2.2.0", description, List.of(), "release-pipeline", null,
                    GenerationStatus.DRAFT, null, null);
            assertThat(roundTrip(g).description()).as("description %s", description.codePoints().boxed().toList())
                    .isEqualTo(description);
        }
    }

    @Test
    void aGenerationWithoutAPipelineTemplateIsWrittenWithoutTheKeyAndReadBackSo() {
        Generation g = new Generation("v2.2.0", "", List.of(), null, null, GenerationStatus.DRAFT, null, null);
        String yaml = GenerationFiles.render(g);
        assertThat(yaml.lines()).noneMatch(l -> l.startsWith("pipeline_template:"));
        assertThat(parse(write("v2.2.0", yaml)).pipelineTemplate()).isNull();
    }

    @Test
    void pipelineTemplateIsOptionalAsInTheOriginalFormat() {
        Generation g = parse(write("v1.0.0", """
                version: v1.0.0
                changes:
                  - type: add
                    id: FEAT-001
                    title: "User login"
                """));
        assertThat(g.pipelineTemplate()).isNull();
        assertThat(g.changes()).extracting(Change::id).containsExactly("FEAT-001");
    }

    @Test
    void readingAContractNeverLooksAtThePipelines() throws Exception {
        java.nio.file.Files.delete(project.pipelinesDir().resolve("release-pipeline.yaml"));
        Generation g = parse(write("v2.2.0", SEED_EXAMPLE));
        assertThat(g.pipelineTemplate()).isEqualTo("release-pipeline");
        assertThat(g.changes()).hasSize(3);
    }

    @Test
    void theSchemaIsShippedNextToTheClasses() {
        assertThat(GenerationFiles.class.getResource(GenerationSchema.RESOURCE)).isNotNull();
    }
}
