package io.gryt.core.release;

import io.gryt.api.BadInputException;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.audit.AuditVerifier;
import io.gryt.core.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A generation's history stays readable whatever happens to the pipelines; the pipeline matters when an evolution
 * runs. A draft without evidence can be deleted; one with evidence cannot. Syncing says what changed.
 */
class GenerationRecordsLifecycleTest {
    @TempDir
    Path dir;

    private static final List<Change> ONE = List.of(new Change("NEW-1", ChangeType.ADD, "Something new", null));

    @Test
    void aPromotedGenerationStaysReadableAfterItsPipelineFileIsRenamed() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
        }
        Path pipelines = dir.resolve(".gryt/pipelines");
        Files.move(pipelines.resolve("release-pipeline.yaml"), pipelines.resolve("renamed.yaml"));
        try (Gryt gryt = project.open()) {
            Generation g = gryt.generations().load("v2.2.0");
            assertThat(g.isPromoted()).isTrue();
            assertThat(g.pipelineTemplate()).isEqualTo("release-pipeline");
            Generations.Survey survey = gryt.generations().survey();
            assertThat(survey.problems()).isEmpty();
            assertThat(survey.generations()).extracting(Generation::version).containsExactly("v2.2.0");
        }
    }

    @Test
    void aDraftNamingAMissingPipelineReadsAndEvolutionStartSaysWhatIsMissing() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Files.delete(dir.resolve(".gryt/pipelines/release-pipeline.yaml"));
        project.git.commit("drop the pipeline");
        try (Gryt gryt = project.open()) {
            assertThat(gryt.generations().load("v2.2.0").changes()).hasSize(3);
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("pipeline 'release-pipeline' (its pipeline_template)")
                    .hasMessageContaining("--pipeline NAME");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();
        }
    }

    @Test
    void aGenerationWithoutPipelineTemplateIsProvenByTheProjectSetting() {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.write(".gryt/generations/v3.0.0.yaml", """
                version: v3.0.0
                changes:
                  - type: add
                    id: FEAT-001
                    title: "User login"
                """);
        project.git.commit("v3.0.0 without a pipeline_template");
        try (Gryt gryt = project.open()) {
            // the default is ci, which gryt init wrote
            Evolution byCi = gryt.evolve("v3.0.0").proving("FEAT-001").start();
            assertThat(gryt.store().runs().run(byCi.runId()).orElseThrow().pipelineName()).isEqualTo("ci");
        }
        ConfigFile.set(dir.resolve(".gryt/config.yaml"), "pipeline_template", "release-pipeline");
        project.git.commit("prove with the release pipeline by default");
        try (Gryt gryt = project.open()) {
            Evolution byDefault = gryt.evolve("v3.0.0").proving("FEAT-001").start();
            assertThat(byDefault.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.store().runs().run(byDefault.runId()).orElseThrow().pipelineName())
                    .isEqualTo("release-pipeline");
        }
        ConfigFile.set(dir.resolve(".gryt/config.yaml"), "pipeline_template", "nightly");
        project.git.commit("a default pipeline that does not exist");
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v3.0.0").proving("FEAT-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("default pipeline 'nightly' does not exist")
                    .hasMessageContaining("gryt config set pipeline_template NAME");
        }
    }

    @Test
    void aDraftWithoutEvidenceIsDeletedFileAndRecordsAndTheTrailStillVerifies() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.generations().create("v3.0.0", "to be dropped", ONE, null);
            Path file = dir.resolve(".gryt/generations/v3.0.0.yaml");
            assertThat(file).exists();

            gryt.generations().delete("v3.0.0");

            assertThat(file).doesNotExist();
            assertThat(gryt.store().releases().generation("v3.0.0")).isEmpty();
            assertThat(gryt.generations().survey().generations()).extracting(Generation::version).containsExactly("v2.2.0");
            assertThat(events(gryt)).contains("generation.deleted");
            assertThat(AuditVerifier.verify(gryt.store(), gryt.versioning()).intact()).isTrue();
            // the version is free again
            assertThat(gryt.generations().create("v3.0.0", "again", ONE, null).description()).isEqualTo("again");
            assertThat(AuditVerifier.verify(gryt.store(), gryt.versioning()).intact()).isTrue();
        }
    }

    @Test
    void aGenerationWithEvidenceIsNotDeleted() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001").start();
            assertThatThrownBy(() -> gryt.generations().delete("v2.2.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("generation v2.2.0 cannot be deleted: it has 1 evolution (v2.2.0-rc.1), which are"
                            + " evidence; only a draft with no evolutions can be deleted");
            assertThat(dir.resolve(".gryt/generations/v2.2.0.yaml")).exists();
            assertThat(gryt.store().releases().generation("v2.2.0")).isPresent();

            gryt.evolve("v2.2.0").proving("PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
            assertThatThrownBy(() -> gryt.generations().delete("v2.2.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("generation v2.2.0 is promoted");
            assertThat(dir.resolve(".gryt/generations/v2.2.0.yaml")).exists();
            assertThatThrownBy(() -> gryt.generations().delete("v9.9.9"))
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith("unknown generation v9.9.9");
        }
    }

    @Test
    void aDraftWhoseFileWasDeletedByHandIsListedAsSuchAndCanBeDeleted() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.generations().create("v3.0.0", "", ONE, null);
        }
        Files.delete(dir.resolve(".gryt/generations/v3.0.0.yaml"));
        try (Gryt gryt = project.open()) {
            Generations.Survey survey = gryt.generations().survey();
            assertThat(survey.missingFiles()).containsExactly("v3.0.0");
            assertThat(survey.problems()).isEmpty();
            assertThatThrownBy(() -> gryt.generations().create("v3.0.0", "", ONE, null))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("is missing")
                    .hasMessageContaining("gryt generation delete v3.0.0");

            gryt.generations().delete("v3.0.0");

            assertThat(gryt.generations().survey().missingFiles()).isEmpty();
            gryt.generations().create("v3.0.0", "", ONE, null);
        }
    }

    @Test
    void aRecordedDraftWhoseFileHoldsAMistakeIsNotCalledMissing() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.generations().load("v2.2.0");
        }
        Files.writeString(dir.resolve(".gryt/generations/v2.2.0.yaml"), "version: v2.2.0\nchanges: [oops\n");
        try (Gryt gryt = project.open()) {
            Generations.Survey survey = gryt.generations().survey();
            assertThat(survey.problems()).hasSize(1);
            assertThat(survey.missingFiles()).isEmpty();
            assertThat(survey.generations()).extracting(Generation::version).containsExactly("v2.2.0");
        }
    }

    @Test
    void syncSaysWhatChanged() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            GenerationSync first = gryt.generations().sync("v2.2.0");
            assertThat(first.created()).isTrue();
            assertThat(first.added()).extracting(Change::id).containsExactly("PAY-001", "PAY-002", "PAY-003");
            assertThat(gryt.generations().sync("v2.2.0").changed()).isFalse();

            Path file = dir.resolve(".gryt/generations/v2.2.0.yaml");
            Files.writeString(file, """
                    version: v2.2.0
                    description: "Payment gateway overhaul, phase 1"
                    changes:
                      - type: fix
                        id: PAY-001
                        title: "Race condition in refund webhooks"
                      - type: refine
                        id: PAY-002
                        title: "Reduce latency of status polling"
                      - type: add
                        id: PAY-004
                        title: "Support Google Pay"
                    pipeline_template: release-pipeline
                    """);
            GenerationSync sync = gryt.generations().sync("v2.2.0");

            assertThat(sync.changed()).isTrue();
            assertThat(sync.added()).extracting(Change::id).containsExactly("PAY-004");
            assertThat(sync.removed()).extracting(Change::id).containsExactly("PAY-003");
            assertThat(sync.edited()).extracting(Change::title).containsExactly("Race condition in refund webhooks");
            assertThat(sync.descriptionChanged()).isTrue();
            assertThat(sync.pipelineTemplateChanged()).isFalse();
            assertThat(sync.reordered()).isFalse();
        }
    }

    private static List<String> events(Gryt gryt) {
        List<String> events = new ArrayList<>();
        gryt.store().audit().entries(1, (AuditEntry e) -> events.add(e.event()));
        return events;
    }
}
