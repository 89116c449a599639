package io.gryt.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gryt.testing.TempProject;
import io.gryt.testing.TempProjectExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mistake in a generation file is one line naming the file, line, column and field; all are listed. */
@ExtendWith(TempProjectExtension.class)
class GenerationFileErrorsTest {
    private TempProject project;

    @BeforeEach
    void setUp(TempProject project) {
        this.project = project;
        project.writePipeline("release-pipeline", "steps: [{name: test, run: [true]}]\n");
        project.writePipeline("ci", "steps: [{name: test, run: [true]}]\n");
    }

    /** The message for {@code yaml} written as {@code v2.2.0.yaml}, from just after the file name. */
    private String error(String yaml) {
        return error("v2.2.0.yaml", yaml);
    }

    private String error(String fileName, String yaml) {
        Path file = project.write(".gryt/generations/" + fileName, yaml);
        YamlException e = catchThrowableOfType(YamlException.class,
                () -> GenerationFiles.parse(file));
        assertThat(e).as("parsing should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith(file + ":");
        assertThat(e.file()).isEqualTo(file.toString());
        return e.getMessage().substring(file.toString().length());
    }

    /** Every problem line for {@code yaml} written as {@code v2.2.0.yaml}, each from just after the file name. */
    private List<String> errors(String yaml) {
        Path file = project.write(".gryt/generations/v2.2.0.yaml", yaml);
        YamlException e = catchThrowableOfType(YamlException.class, () -> GenerationFiles.parse(file));
        assertThat(e).as("parsing should fail").isNotNull();
        assertThat(e.getMessage().lines()).containsExactlyElementsOf(e.problems());
        assertThat(e.problems()).allSatisfy(line -> assertThat(line).startsWith(file + ":"));
        return e.problems().stream().map(line -> line.substring(file.toString().length())).toList();
    }

    @Test
    void anUnknownChangeTypeListsTheTypes() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    title: "Race condition in refund webhook"
                  - type: bugfix
                    id: PAY-002
                    title: "Reduce latency"
                pipeline_template: release-pipeline
                """)).isEqualTo(":6:11: changes[1].type: 'bugfix' is not a change type (use fix, refine, add or remove)");
    }

    @Test
    void anIdWithASpaceIsNotAChangeId() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY 001
                    title: "Race condition in refund webhook"
                pipeline_template: release-pipeline
                """)).isEqualTo(":4:9: changes[0].id: 'PAY 001' is not a valid change id (letters, digits, '-', '.', '_')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAY 001", "PAY;DROP", "$(x)", "`x`", "a'b", "x|y", "-PAY", ".hidden", "PAY\\n001"})
    void shellAndSqlMetacharactersAreRefusedInIds(String id) {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: "%s"
                    title: "t"
                pipeline_template: release-pipeline
                """.formatted(id))).startsWith(":4:9: changes[0].id: ").contains("is not a valid change id");
    }

    @Test
    void anIdWithATrailingLineBreakIsRefusedThoughTheSchemaRegexLetsItThrough() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - {type: fix, id: "PAY-001\\n", title: t}
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:21: changes[0].id: 'PAY-001\\n' is not a valid change id (letters, digits, '-', '.', '_')");
    }

    @Test
    void anIdLongerThan64CharactersIsRefused() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - {type: fix, id: %s, title: t}
                pipeline_template: release-pipeline
                """.formatted("A".repeat(65)))).startsWith(":3:21: changes[0].id: 'AAAA")
                .endsWith("is not a valid change id (at most 64 characters)");
    }

    @Test
    void aDuplicateIdNamesTheLineOfTheFirst() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    title: "Race condition in refund webhook"
                  - type: refine
                    id: PAY-001
                    title: "Reduce latency"
                pipeline_template: release-pipeline
                """)).isEqualTo(":7:9: changes[1].id: duplicate change id 'PAY-001' (first at line 4)");
    }

    @Test
    void aVersionThatDiffersFromTheFileNameIsReportedAtTheVersion() {
        assertThat(error("""
                # a comment first
                version: v2.3.0
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":2:10: version: 'v2.3.0' differs from the file name 'v2.2.0.yaml'; a generation is"
                + " written in <version>.yaml (rename the file or fix the version)");
    }

    @Test
    void aVersionWithoutTheVPrefixIsNotAVersion() {
        assertThat(error("""
                version: 2.2.0
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":1:10: version: '2.2.0' is not a version (use vMAJOR.MINOR.PATCH, e.g. v2.2.0)");
    }

    @Test
    void aVersionWithLeadingZerosIsNotSemVer() {
        assertThat(error("v02.2.0.yaml", """
                version: v02.2.0
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":1:10: version: 'v02.2.0' is not a SemVer version (vMAJOR.MINOR.PATCH with no"
                + " leading zeros, e.g. v2.2.0)");
    }

    @Test
    void aPipelineTemplateThatDoesNotExistIsNotAProblemOfTheContract() {
        Path file = project.write(".gryt/generations/v2.2.0.yaml", """
                version: v2.2.0
                changes: []
                pipeline_template: relase-pipeline
                """);
        assertThat(GenerationFiles.parse(file).pipelineTemplate()).isEqualTo("relase-pipeline");
    }

    @Test
    void aPipelineTemplateIsFoundWithTheYmlExtensionToo() {
        project.write(".gryt/pipelines/nightly.yml", "steps: [{name: test, run: [true]}]\n");
        Path file = project.write(".gryt/generations/v2.2.0.yaml", """
                version: v2.2.0
                changes: []
                pipeline_template: nightly
                """);
        assertThat(GenerationFiles.parse(file).pipelineTemplate()).isEqualTo("nightly");
    }

    @Test
    void aPipelineTemplateThatIsAPathIsRefused() {
        assertThat(error("""
                version: v2.2.0
                changes: []
                pipeline_template: ../../etc/passwd
                """)).isEqualTo(":3:20: pipeline_template: '../../etc/passwd' is not a pipeline name (letters, digits,"
                + " '.', '_', '-', starting with a letter or digit)");
    }

    @Test
    void aHotfixOfThatIsNotAVersionIsRefused() {
        assertThat(error("""
                version: v2.2.0
                changes: []
                pipeline_template: release-pipeline
                hotfix_of: latest
                """)).isEqualTo(":4:12: hotfix_of: 'latest' is not a version (use vMAJOR.MINOR.PATCH, e.g. v2.2.0)");
    }

    @Test
    void aHotfixOfALaterVersionIsRefused() {
        assertThat(error("""
                version: v2.2.0
                changes: []
                pipeline_template: release-pipeline
                hotfix_of: v2.2.0
                """)).isEqualTo(":4:12: hotfix_of: 'v2.2.0' is not earlier than this generation's version v2.2.0;"
                + " a hot-fix patches an earlier release");
    }

    @Test
    void aMissingRequiredFieldIsNamedAtTheMapThatLacksIt() {
        assertThat(error("""
                version: v2.2.0
                pipeline_template: release-pipeline
                """)).isEqualTo(":1:1: missing 'changes' (the list of changes this release promises, or [] for none yet)");
    }

    @Test
    void aChangeWithoutATitleIsNamed() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:5: changes[0]: missing 'title' (a one-line title) in this change");
    }

    @Test
    void anUnknownKeySuggestsTheOneItResembles() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    titel: "Race condition"
                pipeline_template: release-pipeline
                """)).isEqualTo(":5:5: changes[0]: unknown key 'titel' (did you mean 'title'?)"); // not also "missing 'title'"
    }

    @Test
    void anUnknownTopLevelKeyFarFromAnyKnownOneListsThem() {
        assertThat(error("""
                version: v2.2.0
                colour: blue
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":2:1: unknown key 'colour' (expected one of version, description, changes,"
                + " pipeline_template, hotfix_of)");
    }

    @Test
    void anEmptyTitleIsOneProblemNotTwo() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - {type: fix, id: PAY-001, title: ""}
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:37: changes[0].title: the title is empty");
    }

    @Test
    void aBlankOrMultiLineTitleIsRefused() {
        assertThat(errors("""
                version: v2.2.0
                changes:
                  - {type: fix, id: PAY-001, title: "   "}
                  - {type: fix, id: PAY-002, title: "two\\nlines"}
                pipeline_template: release-pipeline
                """)).containsExactly(":3:37: changes[0].title: the title is blank",
                ":4:37: changes[1].title: the title must be one line (put more in the change's description)");
        assertThat(error("""
                version: v2.2.0
                changes:
                  - {type: fix, id: PAY-002, title: "two\\nlines"}
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:37: changes[0].title: the title must be one line (put more in the change's description)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ends with a break\\n", "line\\u2028separator", "next\\Nline", "carriage\\rreturn"})
    void aTitleWithAnyLineBreakIsRefused(String title) {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - {type: fix, id: PAY-001, title: "%s"}
                pipeline_template: release-pipeline
                """.formatted(title))).isEqualTo(":3:37: changes[0].title: the title must be one line (put more in the"
                + " change's description)");
    }

    @Test
    void aVersionWithATrailingLineBreakIsRefusedAsNotSemVer() {
        assertThat(error("""
                version: "v2.2.0\\n"
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":1:10: version: 'v2.2.0\\n' is not a SemVer version (vMAJOR.MINOR.PATCH with no"
                + " leading zeros, e.g. v2.2.0)");
    }

    @Test
    void everyProblemIsListedOnItsOwnLineInFileOrder() {
        assertThat(errors("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    title: "ok"
                  - type: bugfix
                    id: "PAY 002"
                    title: ""
                pipeline_template: release-pipeline
                extra: 1
                """)).containsExactly(
                ":6:11: changes[1].type: 'bugfix' is not a change type (use fix, refine, add or remove)",
                ":7:9: changes[1].id: 'PAY 002' is not a valid change id (letters, digits, '-', '.', '_')",
                ":8:12: changes[1].title: the title is empty",
                ":10:1: unknown key 'extra' (expected one of version, description, changes, pipeline_template, hotfix_of)");
    }

    @Test
    void problemsOfShapeAndOfRulesTheSchemaCannotExpressAreListedTogether() {
        assertThat(errors("""
                version: v2.3.0
                changes:
                  - {type: fix, id: PAY-001, title: a}
                  - {type: fix, id: PAY-001, title: b}
                  - {type: bugfix, id: PAY-003, title: c}
                hotfix_of: v9.0.0
                """)).containsExactly(
                ":1:10: version: 'v2.3.0' differs from the file name 'v2.2.0.yaml'; a generation is written in"
                        + " <version>.yaml (rename the file or fix the version)",
                ":4:21: changes[1].id: duplicate change id 'PAY-001' (first at line 3)",
                ":5:12: changes[2].type: 'bugfix' is not a change type (use fix, refine, add or remove)",
                ":6:12: hotfix_of: 'v9.0.0' is not earlier than this generation's version v2.3.0; a hot-fix patches an"
                        + " earlier release");
    }

    @Test
    void aWrongTypeIsNamedWithWhatWasFound() {
        assertThat(error("""
                version: v2.2.0
                changes: PAY-001
                pipeline_template: release-pipeline
                """)).isEqualTo(":2:10: changes: expected a list of changes, got the text 'PAY-001'");
        assertThat(error("""
                version: v2.2.0
                changes:
                  - PAY-001
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:5: changes[0]: expected a change (a map with type, id and title), got the text 'PAY-001'");
        assertThat(error("""
                version: v2.2.0
                description: [a, b]
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":2:14: description: expected text, got a list");
    }

    @Test
    void aTitleThatIsNotTextIsOneProblem() {
        assertThat(error("""
                version: v2.2.0
                changes:
                  - {type: fix, id: PAY-001, title: [a, b]}
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:37: changes[0].title: expected text, got a list");
        assertThat(error("""
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    title:
                pipeline_template: release-pipeline
                """)).isEqualTo(":5:11: changes[0].title: no value; give one");
    }

    @Test
    void anEmptyValueIsNamed() {
        assertThat(error("""
                version: v2.2.0
                changes:
                pipeline_template: release-pipeline
                """)).isEqualTo(":2:9: changes: no value; list the changes, or write [] for none yet");
        assertThat(error("""
                version: v2.2.0
                description:
                changes: []
                pipeline_template: release-pipeline
                """)).isEqualTo(":2:13: description: no value; give one or remove the key");
    }

    @Test
    void aTopLevelListIsNotAGeneration() {
        assertThat(error("""
                - version: v2.2.0
                """)).isEqualTo(":1:1: expected a map of generation fields (version, changes, pipeline_template, ...)"
                + " at the top level, got a list");
    }

    @Test
    void anEmptyFileIsNamed() {
        assertThat(error("# nothing yet\n")).isEqualTo(":1:1: the file is empty; a generation needs version and changes");
    }

    @Test
    void yamlLevelErrorsAreReportedAsForAnyGrytFile() {
        assertThat(error("""
                version: v2.2.0
                changes: []
                version: v2.2.0
                pipeline_template: release-pipeline
                """)).isEqualTo(":3:1: duplicate key 'version' (first at line 1)");
        assertThat(error("""
                version: &v v2.2.0
                changes: []
                pipeline_template: *v
                """)).startsWith(":3:20: YAML aliases");
        assertThat(error("""
                version: v2.2.0
                changes: [
                pipeline_template: release-pipeline
                """)).contains("invalid YAML");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = project.grytDir().resolve("generations/v9.9.9.yaml");
        YamlException e = catchThrowableOfType(YamlException.class,
                () -> GenerationFiles.parse(file));
        assertThat(e).hasMessage(file + ": no such file");
    }
}
