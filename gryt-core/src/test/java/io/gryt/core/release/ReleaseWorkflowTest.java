package io.gryt.core.release;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.EvolutionStarted;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionBlocked;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's whole workflow, in a real git repository with a real SQLite store. */
class ReleaseWorkflowTest {
    static final Pipeline FAILING = Pipeline.of(step("prove").sh("echo 'latency still 900 ms' >&2; exit 1")).withName("failing");

    @TempDir
    Path dir;

    @Test
    void threeChangesAreProvenThroughFailureToPromotion() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        List<GrytEvent> events = new CopyOnWriteArrayList<>();
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).eventListener(events::add).build()) {
            Evolution rc1 = gryt.evolve("v2.2.0").proving("PAY-001").start();
            assertThat(rc1.tag()).isEqualTo("v2.2.0-rc.1");
            assertThat(rc1.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(rc1.commit()).isEqualTo(project.git.head());

            Evolution rc2 = gryt.evolve("v2.2.0").proving("PAY-002").with(FAILING).start();
            assertThat(rc2.tag()).isEqualTo("v2.2.0-rc.2");
            assertThat(rc2.status()).isEqualTo(EvolutionStatus.FAIL);

            Promotion blocked = gryt.promote("v2.2.0");
            assertThat(blocked.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(blocked.failedGates()).extracting(GateResult::gate)
                    .contains("all-changes-proven", "no-failed-evolutions");
            GateResult proven = gate(blocked, "all-changes-proven");
            assertThat(String.join("\n", proven.problems())).contains("PAY-002").contains("PAY-003").doesNotContain("PAY-001");
            assertThat(project.git.git("tag", "-l", "v2.2.0")).isBlank();

            gryt.evolve("v2.2.0").proving("PAY-002").start();
            Promotion stillBlocked = gryt.promote("v2.2.0");
            assertThat(stillBlocked.failedGates()).extracting(GateResult::gate).containsExactly("all-changes-proven");
            assertThat(gate(stillBlocked, "all-changes-proven").problems()).singleElement().asString()
                    .contains("PAY-003").contains("Support Apple Pay");

            Evolution rc4 = gryt.evolve("v2.2.0").proving("PAY-003").start();
            assertThat(rc4.tag()).isEqualTo("v2.2.0-rc.4");

            Promotion promoted = gryt.promote("v2.2.0");
            assertThat(promoted.status()).as(promoted.toString()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(promoted.commit()).isEqualTo(project.git.head());
            assertThat(promoted.artifacts()).singleElement().satisfies(a -> assertThat(a.path()).isEqualTo("dist/app.bin"));

            Generation g = gryt.generations().load("v2.2.0");
            assertThat(g.isPromoted()).isTrue();
            assertThat(g.contractHash()).hasSize(64);
            assertThat(events).extracting(GrytEvent::type).contains(EvolutionStarted.TYPE,
                    EvolutionFinished.TYPE, PromotionBlocked.TYPE, PromotionCompleted.TYPE);
        }

        // checked with plain git: annotated tags rc.1..4 and the release tag on the tested commit
        for (int rc = 1; rc <= 4; rc++) {
            assertThat(project.git.git("cat-file", "-t", "v2.2.0-rc." + rc).strip()).isEqualTo("tag");
        }
        assertThat(project.git.git("cat-file", "-t", "v2.2.0").strip()).isEqualTo("tag");
        assertThat(project.git.git("rev-parse", "v2.2.0^{commit}").strip()).isEqualTo(project.git.head());
        String message = project.git.git("tag", "-l", "--format=%(contents)", "v2.2.0");
        assertThat(message).contains("gryt release v2.2.0").contains("PAY-003").contains("dist/app.bin")
                .contains("contract-sha256:");
        String rc2 = project.git.git("tag", "-l", "--format=%(contents)", "v2.2.0-rc.2");
        assertThat(rc2).contains("status: fail").contains("changes: PAY-002");
    }

    @Test
    void stepsSeeTheEvolutionInTheirEnvironment() {
        ReleaseProject project = new ReleaseProject(dir);
        Map<String, String> seen = new ConcurrentHashMap<>();
        Pipeline capture = Pipeline.of(step("capture").action(ctx -> {
            for (String k : List.of("GRYT_GENERATION", "GRYT_CHANGES", "GRYT_EVOLUTION_TAG", "GRYT_RUN_ID")) {
                seen.put(k, ctx.env().getOrDefault(k, "<missing>"));
            }
        }));
        try (Gryt gryt = project.open()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001", "PAY-003").with(capture).start();
            assertThat(seen).containsEntry("GRYT_GENERATION", "v2.2.0").containsEntry("GRYT_CHANGES", "PAY-001,PAY-003")
                    .containsEntry("GRYT_EVOLUTION_TAG", "v2.2.0-rc.1").containsEntry("GRYT_RUN_ID", e.runId());
        }
    }

    @Test
    void refusalsNameWhatIsWrongAndRecordNothing() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v9.9.9").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("unknown generation v9.9.9");
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-404").start())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("PAY-404").hasMessageContaining("PAY-001");
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").start())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("at least one change");

            Files.writeString(dir.resolve("uncommitted.txt"), "work in progress");
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("uncommitted changes")
                    .hasMessageContaining("--allow-dirty");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();

            Evolution dirty = gryt.evolve("v2.2.0").proving("PAY-001").allowDirty(true).start();
            assertThat(dirty.allowDirty()).isTrue();
            assertThat(dirty.tag()).as("refusals consumed no RC number").isEqualTo("v2.2.0-rc.1");
        }
    }

    @Test
    void aProjectOutsideGitCannotEvolve() throws Exception {
        io.gryt.core.project.ProjectInit.init(dir);
        Files.writeString(dir.resolve(".gryt/pipelines/release-pipeline.yaml"), ReleaseProject.PIPELINE);
        Files.writeString(dir.resolve(".gryt/generations/v2.2.0.yaml"), ReleaseProject.GENERATION);
        try (Gryt gryt = Gryt.open(dir)) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("no git repository");
        }
    }

    @Test
    void aPromotedGenerationIsImmutable() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);

            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("promoted");
            assertThatThrownBy(() -> gryt.promote("v2.2.0"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("already promoted");

            project.git.write(".gryt/generations/v2.2.0.yaml", ReleaseProject.GENERATION.replace("Support Apple Pay", "Support Google Pay"));
            assertThatThrownBy(() -> gryt.generations().load("v2.2.0"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("v2.2.0.yaml").hasMessageContaining("frozen");
        }
    }

    @Test
    void aProofOnAnUnmergedBranchIsRejectedByTheReachabilityGate() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            project.git.branch("experiment");
            project.git.checkout("experiment");
            project.git.write("feature.txt", "apple pay experiment");
            project.git.commit("experiment");
            gryt.evolve("v2.2.0").proving("PAY-003").start();

            project.git.checkout("main");
            project.git.write("other.txt", "mainline work");
            project.git.commit("mainline");
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002").start();

            Promotion p = gryt.promote("v2.2.0");
            assertThat(p.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(p.failedGates()).extracting(GateResult::gate).containsExactly("proven-on-this-commit");
            assertThat(gate(p, "proven-on-this-commit").problems()).singleElement().asString().contains("PAY-003");
        }
    }

    @Test
    void onlyATestedCommitCanBePromotedExplicitly() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            String tested = project.git.head();
            project.git.write("later.txt", "untested");
            project.git.commit("untested change");

            assertThatThrownBy(() -> gryt.promotion("v2.2.0").commit("HEAD").promote())
                    .isInstanceOf(BadInputException.class).hasMessageContaining("no evolution of v2.2.0 passed on HEAD");
            Promotion p = gryt.promote("v2.2.0");
            assertThat(p.commit()).as("what ships is what was tested").isEqualTo(tested);
            assertThat(project.git.git("rev-parse", "v2.2.0^{commit}").strip()).isEqualTo(tested);
        }
    }

    @Test
    void dryRunReportsEveryGateAndChangesNothing() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            Promotion dry = gryt.promotion("v2.2.0").dryRun(true).promote();
            assertThat(dry.status()).isEqualTo(PromotionStatus.DRY_RUN);
            assertThat(dry.gatesPassed()).isTrue();
            assertThat(dry.gates()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(project.git.git("tag", "-l", "v2.2.0")).isBlank();
            assertThat(gryt.generations().load("v2.2.0").isPromoted()).isFalse();
            assertThat(gryt.store().releases().promotions("v2.2.0")).isEmpty();
        }
    }

    @Test
    void userGatesRunWithTheBuiltInOnesAndAFailingGateOrListenerCannotCorruptTheRelease() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = Gryt.builder().projectDir(project.dir())
                .eventListener(e -> { throw new IllegalStateException("listener bug"); })
                .gate(ctx -> GateResult.block("change-freeze", "release freeze until Monday", List.of("freeze")))
                .build()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            Promotion p = gryt.promotion("v2.2.0").minimumEvolutions(2)
                    .gate(ctx -> { throw new IllegalStateException("gate bug"); }).promote();
            assertThat(p.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(p.failedGates()).hasSize(3);
            assertThat(p.gates()).anySatisfy(g -> assertThat(g.problems()).anySatisfy(s -> assertThat(s).contains("gate bug")));
            assertThat(gate(p, "minimum-evolutions").passed()).isFalse();
            assertThat(gryt.store().releases().evolutions("v2.2.0")).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(EvolutionStatus.PASS));
        }
    }

    @Test
    void aHotfixTakesTheFastPathForFixesOnTopOfTheRelease() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            gryt.promote("v2.2.0");

            assertThatThrownBy(() -> gryt.generations().hotfix("v2.2.0",
                    List.of(new io.gryt.api.release.Change("PAY-010", io.gryt.api.release.ChangeType.ADD, "feature", null)), null))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("only contain fix");

            Generation hotfix = gryt.generations().hotfix("v2.2.0",
                    List.of(new io.gryt.api.release.Change("PAY-009", io.gryt.api.release.ChangeType.FIX, "Refund rounding", null)), null);
            assertThat(hotfix.version()).isEqualTo("v2.2.1");
            assertThat(hotfix.hotfixOf()).isEqualTo("v2.2.0");
            assertThat(hotfix.pipelineTemplate()).isEqualTo("release-pipeline");

            project.git.commit("v2.2.1 hot-fix contract");
            gryt.evolve("v2.2.1").proving("PAY-009").start();
            Promotion p = gryt.promote("v2.2.1");
            assertThat(p.status()).as(p.toString()).isEqualTo(PromotionStatus.COMPLETED);
            assertThat(p.gates()).extracting(GateResult::gate).contains("hotfix-only-fixes", "hotfix-contains-release")
                    .doesNotContain("minimum-evolutions");
            assertThat(project.git.git("cat-file", "-t", "v2.2.1").strip()).isEqualTo("tag");

            assertThat(gryt.generations().hotfix("v2.2.0",
                    List.of(new io.gryt.api.release.Change("PAY-011", io.gryt.api.release.ChangeType.FIX, "Another", null)), null)
                    .version()).as("next free patch").isEqualTo("v2.2.2");
        }
    }

    @Test
    void aHotfixProvenOnACommitWithoutTheReleaseIsBlocked() {
        ReleaseProject project = new ReleaseProject(dir);
        String before = project.git.head();
        project.git.write("release.txt", "v2.2.0 work");
        project.git.commit("release work");
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            gryt.promote("v2.2.0");
            gryt.generations().hotfix("v2.2.0",
                    List.of(new io.gryt.api.release.Change("PAY-009", io.gryt.api.release.ChangeType.FIX, "Refund rounding", null)), null);
            String hotfixFile = project.git.dir().resolve(".gryt/generations/v2.2.1.yaml").toString();
            project.git.git("stash", "-u");
            project.git.checkout(before);
            project.git.git("stash", "pop");
            project.git.commit("hot-fix contract on an old commit");
            assertThat(Path.of(hotfixFile)).exists();
            gryt.evolve("v2.2.1").proving("PAY-009").start();
            Promotion p = gryt.promote("v2.2.1");
            assertThat(p.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(p.failedGates()).extracting(GateResult::gate).contains("hotfix-contains-release");
        }
    }

    static GateResult gate(Promotion p, String name) {
        return p.gates().stream().filter(g -> g.gate().equals(name)).findFirst().orElseThrow();
    }
}
