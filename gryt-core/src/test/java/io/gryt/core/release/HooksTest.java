package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.VetoedException;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.EvolutionStarting;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionStarting;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.Hook;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lifecycle hooks: vetoes on "before" events, reported failures on "after" events, timeouts, command hooks. */
class HooksTest {
    static final Pipeline PASSING = Pipeline.of(step("prove").sh("echo proving")).withName("passing");

    @TempDir
    Path dir;

    private final List<String> reports = new CopyOnWriteArrayList<>();

    private Gryt.Builder builder(ReleaseProject project) {
        return Gryt.builder().projectDir(project.dir()).hookReports(reports::add);
    }

    private static Hook on(String type, java.util.function.Function<GrytEvent, Hook.Verdict> body, String name) {
        return new Hook() {
            @Override
            public Verdict on(GrytEvent event) {
                return body.apply(event);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> events() {
                return Set.of(type);
            }
        };
    }

    /**
     * A hook named {@code name} on {@code events} (every event when empty) that notes each event's type in
     * {@code seen} and vetoes an evolution proving PAY-003.
     */
    private static Hook payGuard(String name, List<String> seen, Set<String> events) {
        return new Hook() {
            @Override
            public Verdict on(GrytEvent event) {
                seen.add(event.type());
                return event instanceof EvolutionStarting s && s.changes().contains("PAY-003")
                        ? Verdict.veto("PAY-003 needs the e2e pipeline") : Verdict.proceed();
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> events() {
                return events;
            }
        };
    }

    private static List<AuditEntry> audit(Gryt gryt, String event) {
        List<AuditEntry> found = new ArrayList<>();
        gryt.store().audit().entries(1, e -> {
            if (e.event().equals(event)) found.add(e);
        });
        return found;
    }

    @Test
    void aVetoOnEvolutionStartingRefusesItBeforeAnythingIsRecordedAndTheAuditTrailSaysWhy() {
        ReleaseProject project = new ReleaseProject(dir);
        List<EvolutionStarting> seen = new CopyOnWriteArrayList<>();
        Hook freeze = on(EvolutionStarting.TYPE, e -> {
            seen.add((EvolutionStarting) e);
            return Hook.Verdict.veto("release freeze until Monday");
        }, "freeze");
        try (Gryt gryt = builder(project).hook(freeze).build()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start())
                    .isInstanceOf(VetoedException.class)
                    .hasMessage("evolution.starting vetoed by hook freeze: release freeze until Monday");

            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();
            assertThat(project.git.git("tag", "-l").strip()).isEmpty();
            assertThat(seen).singleElement().satisfies(s -> {
                assertThat(s.changes()).containsExactly("PAY-001");
                assertThat(s.pipeline()).isEqualTo("passing");
                assertThat(s.commit()).isEqualTo(project.git.head());
            });
            assertThat(audit(gryt, "hook.vetoed")).singleElement().satisfies(e -> assertThat(e.payload())
                    .contains("\"hook\":\"freeze\"", "\"reason\":\"release freeze until Monday\"",
                            "\"on\":\"evolution.starting\"", "\"generation\":\"v2.2.0\""));
            assertThat(gryt.store().audit().verify().problems()).isEmpty();
        }
    }

    @Test
    void aVetoOnPromotionStartingBlocksAPromotionWhoseGatesPassedAndTheGateReportNamesTheHook() {
        ReleaseProject project = new ReleaseProject(dir);
        List<PromotionStarting> seen = new CopyOnWriteArrayList<>();
        Hook approval = on(PromotionStarting.TYPE, e -> {
            seen.add((PromotionStarting) e);
            return Hook.Verdict.veto("no approval from release manager");
        }, "approval");
        try (Gryt gryt = builder(project).hook(approval).build()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(PASSING).start();

            Promotion dry = gryt.promotion("v2.2.0").dryRun(true).promote();
            assertThat(dry.status()).isEqualTo(PromotionStatus.DRY_RUN);
            assertThat(seen).as("a dry run starts nothing").isEmpty();

            Promotion p = gryt.promote("v2.2.0");
            assertThat(p.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(p.gates()).filteredOn(g -> !g.passed()).singleElement().satisfies(g -> {
                assertThat(g.gate()).isEqualTo("hook approval");
                assertThat(g.problems()).containsExactly("no approval from release manager");
            });
            assertThat(seen).singleElement().satisfies(s -> assertThat(s.gates()).allMatch(GateResult::passed));
            assertThat(project.git.git("tag", "-l", "v2.2.0").strip()).isEmpty();
            assertThat(gryt.store().releases().generation("v2.2.0").orElseThrow().isPromoted()).isFalse();
            assertThat(audit(gryt, "hook.vetoed")).singleElement()
                    .satisfies(e -> assertThat(e.payload()).contains("no approval from release manager"));
            assertThat(audit(gryt, "promotion.recorded")).last()
                    .satisfies(e -> assertThat(e.payload()).contains("no approval from release manager"));
        }
    }

    @Test
    void aHookThatLetsThingsProceedChangesNothing() {
        ReleaseProject project = new ReleaseProject(dir);
        Hook yes = on(PromotionStarting.TYPE, e -> Hook.Verdict.proceed(), "yes");
        try (Gryt gryt = builder(project).hook(yes).build()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(PASSING).start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void aFailingAfterHookIsReportedAndAuditedButUndoesNothing() {
        ReleaseProject project = new ReleaseProject(dir);
        Hook notify = on(EvolutionFinished.TYPE, e -> {
            throw new IllegalStateException("chat server unreachable");
        }, "notify");
        try (Gryt gryt = builder(project).hook(notify).build()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start();

            assertThat(e.status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(reports).singleElement().asString()
                    .contains("hook notify failed on evolution.finished", "chat server unreachable");
            assertThat(audit(gryt, "hook.failed")).singleElement().satisfies(a -> assertThat(a.payload())
                    .contains("\"hook\":\"notify\"", "\"on\":\"evolution.finished\"", "\"tag\":\"v2.2.0-rc.1\""));
        }
    }

    @Test
    void aHangingCommandHookIsKilledAtItsTimeoutAndReportedAsAVeto() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Path pidFile = dir.resolve("hook.pid");
        Files.writeString(project.dir().resolve(".gryt/hooks.yaml"), """
                timeout: 500ms
                hooks:
                  - name: slow-check
                    on: evolution.starting
                    run: "echo $$ > %s; exec sleep 600"
                """.formatted(pidFile));
        project.git.commit("a hook that hangs");
        try (Gryt gryt = builder(project).build()) {
            Instant before = Instant.now();
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start())
                    .isInstanceOf(VetoedException.class)
                    .hasMessageContaining("slow-check")
                    .hasMessageContaining("timed out after");
            assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(60));
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> left = ProcessHandle.of(pid);
        for (int i = 0; i < 50 && left.map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
        assertThat(left.map(ProcessHandle::isAlive).orElse(false)).as("the hook's process was killed").isFalse();
    }

    @Test
    void aCommandHookGetsTheEventAsJsonOnStdinAndAsVariablesAndItsExitCodeVetoes() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Path seen = dir.resolve("seen.json");
        Files.writeString(project.dir().resolve(".gryt/hooks.yaml"), """
                hooks:
                  - name: log
                    on: [evolution.finished]
                    run: "cat > %s; echo \\"$GRYT_EVENT_TYPE $GRYT_EVENT_TAG $GRYT_EVENT_STATUS $GRYT_EVENT_CHANGES\\" >> %s"
                  - name: guard
                    on: promotion.starting
                    run: ["sh", "-c", "echo checking; echo 'change window closed' >&2; exit 7"]
                """.formatted(seen, seen));
        project.git.commit("hooks");
        try (Gryt gryt = builder(project).build()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(PASSING).start();
            String text = Files.readString(seen);
            assertThat(text).contains("\"type\":\"evolution.finished\"", "\"tag\":\"v2.2.0-rc.1\"", "\"status\":\"pass\"",
                    "\"changes\":[\"PAY-001\",\"PAY-002\",\"PAY-003\"]");
            assertThat(text).contains("evolution.finished v2.2.0-rc.1 pass PAY-001,PAY-002,PAY-003");

            Promotion p = gryt.promote("v2.2.0");
            assertThat(p.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(p.gates()).filteredOn(g -> g.gate().equals("hook guard")).singleElement()
                    .satisfies(g -> assertThat(g.problems()).containsExactly("change window closed"));
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void aCommandHookRunsWithTheEnvironmentGrytWasGivenAndItsReasonIsMaskedEvenSplitOverLines() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        String token = "hk-7d3f9a2c5e8b1d4f";
        Files.writeString(project.dir().resolve(".gryt/hooks.yaml"), """
                hooks:
                  - name: guard
                    on: promotion.starting
                    run: 'echo "window: $GRYT_ONLY_IN_BUILDER"; printf "%s\\n%s\\n" "${HOOK_TOKEN%?????????????}" "${HOOK_TOKEN#??????}"; exit 3'
                """);
        project.git.commit("hooks");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GRYT_ONLY_IN_BUILDER", "closed");
        env.put("HOOK_TOKEN", token);
        Pipeline withSecret = PASSING.secrets(secret("HOOK_TOKEN"));
        try (Gryt gryt = builder(project).environment(env).build()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").with(withSecret).start();

            Promotion p = gryt.promote("v2.2.0");

            assertThat(p.status()).isEqualTo(PromotionStatus.BLOCKED);
            assertThat(p.gates()).filteredOn(g -> g.gate().equals("hook guard")).singleElement()
                    .satisfies(g -> assertThat(g.problems()).containsExactly("***"));
            assertThat(audit(gryt, "hook.vetoed")).singleElement()
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(token.substring(6)));
        }
        Files.writeString(project.dir().resolve(".gryt/hooks.yaml"), """
                hooks:
                  - name: guard
                    on: promotion.starting
                    run: 'echo "window: $GRYT_ONLY_IN_BUILDER"; exit 3'
                """);
        project.git.commit("hooks that print the variable");
        try (Gryt gryt = builder(project).environment(env).build()) {
            assertThat(gryt.promote("v2.2.0").gates()).filteredOn(g -> g.gate().equals("hook guard")).singleElement()
                    .satisfies(g -> assertThat(g.problems()).containsExactly("window: closed"));
        }
    }

    @Test
    void aPipelineHookSeesOnlyThatPipelinesEvolutions() {
        ReleaseProject project = new ReleaseProject(dir);
        List<String> seen = new CopyOnWriteArrayList<>();
        Hook watch = payGuard("watch", seen, Set.of());
        try (Gryt gryt = builder(project).build()) {
            gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start();
            assertThat(seen).isEmpty();
            gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING.hook(watch)).start();
            assertThat(seen).startsWith("evolution.starting", "evolution.started").contains("run.started", "step.finished")
                    .endsWith("evolution.finished");
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-003").with(PASSING.hook(watch)).start())
                    .isInstanceOf(VetoedException.class).hasMessageContaining("PAY-003 needs the e2e pipeline");
        }
    }

    @Test
    void hooksInPipelineYamlAndDotHookInTheDslBehaveTheSame(@TempDir Path outside) throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Path log = outside.resolve("yaml-hook.log");
        Files.writeString(project.dir().resolve(".gryt/pipelines/guarded.yaml"), """
                name: guarded
                steps:
                  - name: prove
                    run: "echo proving"
                hooks:
                  - name: guard
                    on: [evolution.starting, evolution.finished]
                    run: 'echo "$GRYT_EVENT_TYPE" >> %s; case "$GRYT_EVENT_CHANGES" in *PAY-003*) echo "PAY-003 needs the e2e pipeline"; exit 1;; esac'
                """.formatted(log));
        project.git.commit("a pipeline with a hook");
        List<String> seen = new CopyOnWriteArrayList<>();
        Hook guard = payGuard("guard", seen, Set.of(EvolutionStarting.TYPE, EvolutionFinished.TYPE));
        Pipeline dsl = Pipeline.of(step("prove").sh("echo proving")).withName("guarded").hook(guard);
        try (Gryt gryt = builder(project).build()) {
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").pipeline("guarded").start().status())
                    .isEqualTo(EvolutionStatus.PASS);
            assertThat(gryt.evolve("v2.2.0").proving("PAY-001").with(dsl).start().status()).isEqualTo(EvolutionStatus.PASS);
            assertThat(Files.readAllLines(log)).containsExactly("evolution.starting", "evolution.finished")
                    .isEqualTo(seen);

            Throwable fromYaml = org.assertj.core.api.Assertions.catchThrowable(
                    () -> gryt.evolve("v2.2.0").proving("PAY-003").pipeline("guarded").start());
            Throwable fromDsl = org.assertj.core.api.Assertions.catchThrowable(
                    () -> gryt.evolve("v2.2.0").proving("PAY-003").with(dsl).start());
            assertThat(fromYaml).isInstanceOf(VetoedException.class)
                    .hasMessage("evolution.starting vetoed by hook guard: PAY-003 needs the e2e pipeline");
            assertThat(fromDsl).isInstanceOf(VetoedException.class).hasMessage(fromYaml.getMessage());
            assertThat(gryt.store().releases().evolutions("v2.2.0")).hasSize(2);
        }
    }

    @Test
    void aPipelineFileDeclaresCommandHooks() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Files.writeString(project.dir().resolve(".gryt/pipelines/release-pipeline.yaml"), ReleaseProject.PIPELINE + """
                hooks:
                  - name: no-fridays
                    on: evolution.starting
                    run: "echo 'not on a pipeline with this hook'; exit 1"
                """);
        project.git.commit("pipeline hook");
        try (Gryt gryt = builder(project).build()) {
            assertThat(gryt.pipeline("release-pipeline").hooks()).singleElement()
                    .satisfies(h -> assertThat(h.name()).isEqualTo("no-fridays"));
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(VetoedException.class).hasMessageContaining("not on a pipeline with this hook");
        }
    }

    @Test
    void aMistakeInHooksYamlNamesFileLineAndField() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Files.writeString(project.dir().resolve(".gryt/hooks.yaml"), """
                hooks:
                  - name: x
                    on: evolution.finishd
                    run: "true"
                """);
        project.git.commit("bad hooks");
        try (Gryt gryt = builder(project).build()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").with(PASSING).start())
                    .isInstanceOf(io.gryt.api.BadInputException.class)
                    .hasMessageContaining("hooks.yaml:3")
                    .hasMessageContaining("hooks[0].on")
                    .hasMessageContaining("did you mean 'evolution.finished'");
        }
    }
}
