package io.gryt.core.catalog;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.Catalog;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A generation whose {@code pipeline_template} names a catalog pipeline: a project catalog file must be committed
 * like a pipeline file; a registered (or built-in) catalog ships with the code and has no file to check.
 */
class CatalogPipelineReleaseTest {
    static final String CATALOG = ".gryt/catalogs/acme.yaml";

    @TempDir
    Path dir;

    private TempGitRepo project(String template) {
        TempGitRepo git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(".gryt/generations/v1.0.0.yaml", """
                version: v1.0.0
                changes:
                  - type: add
                    id: FEAT-001
                    title: "User login"
                pipeline_template: %s
                """.formatted(template));
        git.commit("contract");
        return git;
    }

    @Test
    void aProjectCatalogPipelineProvesAGenerationOnceItsFileIsCommitted() {
        TempGitRepo git = project("acme.release");
        git.write(CATALOG, """
                steps:
                  check: {run: "echo proving $GRYT_CHANGES"}
                pipelines:
                  release:
                    steps:
                      - name: check
                """);
        git.write(".gitignore", "nothing\n");
        git.git("add", ".gitignore");
        git.git("commit", "-q", "-m", "ignore nothing");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.evolve("v1.0.0").proving("FEAT-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(CATALOG + " is not committed");
            assertThat(gryt.evolutions("v1.0.0")).isEmpty();
        }
        git.commit("the catalog");
        try (Gryt gryt = Gryt.open(dir)) {
            Evolution e = gryt.evolve("v1.0.0").proving("FEAT-001").start();
            assertThat(e.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.recentRuns(1).get(0).pipelineName()).isEqualTo("acme.release");
            assertThat(gryt.promote("v1.0.0").status()).isEqualTo(PromotionStatus.COMPLETED);
        }
        assertThat(git.git("tag", "-l", "v1.0.0").strip()).isEqualTo("v1.0.0");
    }

    @Test
    void aPromotionIsRefusedWhenTheCatalogFileTheProofRanIsNotInTheTestedCommit() {
        project("acme.release");
        Path catalog = dir.resolve(CATALOG);
        TempGitRepo.open(dir).write(CATALOG, "pipelines:\n  release:\n    steps:\n      - name: prove\n        run: \"true\"\n");
        assertThat(catalog).exists();
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.evolve("v1.0.0").proving("FEAT-001").allowDirty(true).start().passed()).isTrue();
            assertThatThrownBy(() -> gryt.promote("v1.0.0"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(CATALOG + " is not committed (not in the tested commit ")
                    .hasMessageContaining("git add " + CATALOG + " && git commit");
        }
    }

    @Test
    void aRegisteredCatalogPipelineNeedsNoFile() {
        project("embedded.release");
        Catalog embedded = new Catalog() {
            @Override
            public String name() {
                return "embedded";
            }

            @Override
            public Map<String, Step> steps() {
                return Map.of();
            }

            @Override
            public Map<String, Pipeline> pipelines() {
                return Map.of("release", Pipeline.of(Step.step("prove").sh("echo $GRYT_GENERATION")));
            }
        };
        try (Gryt gryt = Gryt.builder().projectDir(dir).catalog(embedded).build()) {
            assertThat(gryt.evolve("v1.0.0").proving("FEAT-001").start().status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.recentRuns(1).get(0).pipelineName()).isEqualTo("embedded.release");
        }
    }

    @Test
    void anUnknownCatalogPipelineInATemplateListsTheValidOnes() {
        project("go.relase");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.evolve("v1.0.0").proving("FEAT-001").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("catalog 'go' has no pipeline 'relase'; did you mean 'go.release'? (pipelines: go.release, go.security)");
            assertThat(gryt.evolutions("v1.0.0")).isEmpty();
        }
    }
}
