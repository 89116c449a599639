package io.gryt.core.release;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.SampleGenerations;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What ships is what was committed: an evolution refuses to run, and a promotion to tag, when the contract or a
 * YAML pipeline the proof runs is not in the commit, unchanged. Real git repositories, real SQLite stores.
 */
class CommittedContractTest {
    static final String CONTRACT = ".gryt/generations/v2.2.0.yaml";
    static final String PIPELINE = ".gryt/pipelines/release-pipeline.yaml";

    @TempDir
    Path dir;

    /** A repository whose own .gitignore ignores .gryt/, with the contract and pipeline written but not committable. */
    private TempGitRepo ignoringGryt() {
        TempGitRepo git = TempGitRepo.init(dir);
        git.write(".gitignore", ".gryt/\ndist/\n");
        ProjectInit.init(dir);
        git.write(PIPELINE, ReleaseProject.PIPELINE);
        git.write(CONTRACT, SampleGenerations.SEED_V2_2_0);
        git.commit("ignore .gryt");
        assertThat(git.git("ls-files", ".gryt")).as("git add -A left .gryt out").isBlank();
        return git;
    }

    @Test
    void anEvolutionIsRefusedWhenGitignoreIgnoresTheContract() {
        ignoringGryt();
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(CONTRACT + " is not committed: .gitignore ignores it (git check-ignore -v " + CONTRACT
                            + " shows the rule); commit it anyway: git add -f " + CONTRACT + " && git commit");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).as("nothing recorded").isEmpty();
        }
    }

    @Test
    void anEvolutionIsRefusedWhenItsPipelineFileIsIgnored() {
        TempGitRepo git = ignoringGryt();
        git.git("add", "-f", CONTRACT);
        git.commit("the contract, forced");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(PIPELINE + " is not committed: .gitignore ignores it")
                    .hasMessageContaining("git add -f " + PIPELINE);
        }
    }

    @Test
    void anEvolutionIsRefusedWhenTheContractIsUntracked() {
        TempGitRepo git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(PIPELINE, ReleaseProject.PIPELINE);
        git.write(".gitignore", "dist/\n");
        git.commit("the pipeline");
        git.write(CONTRACT, SampleGenerations.SEED_V2_2_0);
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(CONTRACT + " is not committed (not in HEAD (")
                    .hasMessageEndingWith("): git add " + CONTRACT + " && git commit");
        }
    }

    @Test
    void anEvolutionIsRefusedWhenTheContractChangedAfterTheCommit() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Files.writeString(dir.resolve(CONTRACT), SampleGenerations.SEED_V2_2_0.replace("Payment", "Payments"));
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(CONTRACT + " has changes not in HEAD (")
                    .hasMessageContaining("git add " + CONTRACT + " && git commit")
                    .hasMessageContaining("git checkout -- " + CONTRACT);
        }
    }

    @Test
    void aCommittedContractAndPipelinePass() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").start().passed()).isTrue();
        }
    }

    @Test
    void aPromotionIsRefusedWhenTheContractIsNotInTheTestedCommit() {
        TempGitRepo git = ignoringGryt();
        try (Gryt gryt = Gryt.open(dir)) {
            Evolution rc1 = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").allowDirty(true).start();
            assertThat(rc1.passed()).isTrue();

            assertThatThrownBy(() -> gryt.promote("v2.2.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(CONTRACT + " is not committed: .gitignore ignores it (git check-ignore -v " + CONTRACT
                            + " shows the rule); commit it anyway: git add -f " + CONTRACT + " && git commit"
                            + ", then prove the changes again on that commit (gryt evolution start)");
            assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isFalse();
        }
    }

    @Test
    void aPromotionIsRefusedWhenTheContractChangedSinceTheTestedCommit() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            String tested = project.git.head();
            Files.writeString(dir.resolve(CONTRACT), SampleGenerations.SEED_V2_2_0.replace("Payment", "Payments"));

            assertThatThrownBy(() -> gryt.promote("v2.2.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(CONTRACT + " has changes not in the tested commit " + tested.substring(0, 12));
            assertThat(project.git.git("tag", "-l", "v2.2.0")).isBlank();
        }
    }

    @Test
    void aPromotionIsRefusedWhenThePipelineTheProofRanIsNotInTheTestedCommit() {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.write(".gryt/pipelines/extra.yaml", ReleaseProject.PIPELINE.replace("release-pipeline", "extra"));
        try (Gryt gryt = project.open()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").pipeline("extra")
                    .allowDirty(true).start().passed()).isTrue();

            assertThatThrownBy(() -> gryt.promote("v2.2.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(".gryt/pipelines/extra.yaml is not committed (not in the tested commit ")
                    .hasMessageContaining("git add .gryt/pipelines/extra.yaml && git commit");
        }
    }

    @Test
    void aPromotionPassesWithTheContractCommittedAndAJavaPipeline() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            Pipeline java = Pipeline.of(step("prove").sh("true")).withName("java-proof");
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(java).start();

            Promotion p = gryt.promote("v2.2.0");

            assertThat(p.status()).as(p.toString()).isEqualTo(PromotionStatus.COMPLETED);
        }
    }
}
