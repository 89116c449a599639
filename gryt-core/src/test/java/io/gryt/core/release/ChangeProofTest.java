package io.gryt.core.release;

import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What proves a change: steps added per change type ({@code on_change_type}) and a change's own pipeline. */
class ChangeProofTest {
    static final String GENERATION = """
            version: v2.2.0
            description: "Payment gateway overhaul"
            changes:
              - type: fix
                id: PAY-001
                title: "Race condition in refund webhook"
              - type: refine
                id: PAY-002
                title: "Reduce latency of status polling"
              - type: add
                id: PAY-003
                title: "Support Apple Pay"
                pipeline: e2e
            pipeline_template: ci
            """;
    static final String CI = """
            steps:
              - name: build
                run: "echo build"
              - name: unit
                run: "echo unit"
                depends_on: [build]
            """;
    static final String E2E = """
            steps:
              - name: build
                run: "echo build again"
              - name: browser
                run: "echo browser"
                depends_on: [build]
            """;
    static final String STEPS = """
            steps:
              security-scan:
                run: "echo scanning"
              smoke:
                run: "echo smoke"
            """;

    @TempDir
    Path dir;

    private TempGitRepo project(String hooks) {
        TempGitRepo git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(".gryt/pipelines/ci.yaml", CI);
        git.write(".gryt/pipelines/e2e.yaml", E2E);
        git.write(".gryt/steps.yaml", STEPS);
        git.write(".gryt/generations/v2.2.0.yaml", GENERATION);
        if (hooks != null) git.write(".gryt/hooks.yaml", hooks);
        git.commit("project");
        return git;
    }

    private static List<String> stepsRun(Gryt gryt, Evolution e) {
        return gryt.store().runs().steps(e.runId()).stream().map(StepRun::name).toList();
    }

    @Test
    void aChangeTypeHookAddsItsStepsOnlyToEvolutionsProvingThatType() {
        project("""
                on_change_type:
                  fix: [security-scan]
                  refine: [smoke, unit]
                """);
        try (Gryt gryt = Gryt.open(dir)) {
            Evolution fix = gryt.evolve("v2.2.0").proving("PAY-001").start();
            assertThat(fix.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(stepsRun(gryt, fix)).containsExactlyInAnyOrder("build", "unit", "security-scan");

            Evolution refine = gryt.evolve("v2.2.0").proving("PAY-002").start();
            assertThat(stepsRun(gryt, refine)).as("unit is in the pipeline already: it runs once")
                    .containsExactlyInAnyOrder("build", "unit", "smoke");

            Evolution both = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002").start();
            assertThat(stepsRun(gryt, both)).containsExactlyInAnyOrder("build", "unit", "security-scan", "smoke");
        }
    }

    @Test
    void aChangeTypeHookNamingAnUndefinedStepRefusesTheEvolutionBeforeAnythingRuns() {
        project("""
                on_change_type:
                  fix: [fuzz]
                """);
        try (Gryt gryt = Gryt.open(dir)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .hasMessageContaining("'fuzz' is not defined");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();
        }
    }

    @Test
    void aChangeNamesItsOwnPipelineAndAnEvolutionProvingSeveralRunsEachStepOnce() {
        project(null);
        try (Gryt gryt = Gryt.open(dir)) {
            Generation g = gryt.generations().load("v2.2.0");
            assertThat(g.change("PAY-003").orElseThrow().pipeline()).isEqualTo("e2e");
            assertThat(g.change("PAY-001").orElseThrow().pipeline()).isNull();

            Evolution fix = gryt.evolve("v2.2.0").proving("PAY-001").start();
            assertThat(gryt.store().runs().run(fix.runId()).orElseThrow().pipelineName()).isEqualTo("ci");
            assertThat(stepsRun(gryt, fix)).containsExactlyInAnyOrder("build", "unit");

            Evolution add = gryt.evolve("v2.2.0").proving("PAY-003").start();
            assertThat(gryt.store().runs().run(add.runId()).orElseThrow().pipelineName()).isEqualTo("e2e");
            assertThat(stepsRun(gryt, add)).containsExactlyInAnyOrder("build", "browser");

            Evolution all = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(all.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.store().runs().run(all.runId()).orElseThrow().pipelineName()).isEqualTo("ci+e2e");
            assertThat(stepsRun(gryt, all)).containsExactlyInAnyOrder("build", "unit", "browser");

            assertThat(gryt.promote("v2.2.0").status()).as("the merged proof's pipeline files are committed")
                    .isEqualTo(PromotionStatus.COMPLETED);
        }
    }

    @Test
    void anExplicitPipelineProvesEveryChange() {
        project(null);
        try (Gryt gryt = Gryt.open(dir)) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-003").pipeline("ci").start();
            assertThat(gryt.store().runs().run(e.runId()).orElseThrow().pipelineName()).isEqualTo("ci");
        }
    }
}
