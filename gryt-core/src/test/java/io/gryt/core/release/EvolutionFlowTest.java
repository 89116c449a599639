package io.gryt.core.release;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.event.EventListener;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.EvolutionStarted;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionRecovered;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An evolution's change set has one order everywhere, its ids are checked once, and its pipeline is planned once. */
class EvolutionFlowTest {
    @TempDir
    Path dir;

    @Test
    void theChangeSetHasTheContractsOrderInTheEnvironmentTheEventsTheRecordAndTheTag() {
        ReleaseProject project = new ReleaseProject(dir);
        AtomicReference<String> env = new AtomicReference<>();
        Pipeline capture = Pipeline.of(step("capture").action(ctx -> env.set(ctx.env().get("GRYT_CHANGES"))));
        List<EvolutionStarted> started = new CopyOnWriteArrayList<>();
        List<EvolutionFinished> finished = new CopyOnWriteArrayList<>();
        Evolution e;
        try (Gryt gryt = Gryt.builder().projectDir(project.dir())
                .eventListener(EventListener.of(EvolutionStarted.class, started::add))
                .eventListener(EventListener.of(EvolutionFinished.class, finished::add))
                .build()) {
            e = gryt.evolve("v2.2.0").proving("PAY-003", "PAY-001", "PAY-003").with(capture).start();
            assertThat(gryt.store().releases().evolution(e.tag()).orElseThrow().changes())
                    .as("the record").containsExactly("PAY-001", "PAY-003");
        }
        List<String> declarationOrder = List.of("PAY-001", "PAY-003");
        assertThat(e.changes()).isEqualTo(declarationOrder);
        assertThat(List.of(env.get().split(","))).as("GRYT_CHANGES").isEqualTo(declarationOrder);
        assertThat(started).singleElement().satisfies(s -> assertThat(s.changes()).isEqualTo(declarationOrder));
        assertThat(finished).singleElement().satisfies(f -> assertThat(f.changes()).isEqualTo(declarationOrder));
        String message = project.git.git("tag", "-l", "--format=%(contents)", e.tag());
        String line = message.lines().filter(l -> l.startsWith("changes: ")).findFirst().orElseThrow();
        assertThat(List.of(line.substring("changes: ".length()).split(", "))).as("the tag").isEqualTo(declarationOrder);
    }

    @Test
    void anUnknownChangeIsRefusedOnceWithTheDeclaredOnesBeforeAnythingIsRecorded() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001", "PAY-404").start())
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("unknown change PAY-404 in generation v2.2.0 (declared: PAY-001, PAY-002, PAY-003)");
            // the store refuses with the same words when asked directly (its check runs under the write lock)
            assertThatThrownBy(() -> gryt.store().releases().createEvolution("v2.2.0", List.of("PAY-404"),
                    project.git.head(), false, null, Instant.now()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("unknown change PAY-404 in generation v2.2.0 (declared: PAY-001, PAY-002, PAY-003)");
            assertThat(gryt.store().releases().evolutions("v2.2.0")).isEmpty();
        }
    }

    @Test
    void theRunExecutesThePlanThatWasValidatedReadingStepsYamlOnce() {
        ReleaseProject project = new ReleaseProject(dir);
        project.git.write(".gryt/steps.yaml", """
                steps:
                  prove: {run: "echo planned > which.txt"}
                """);
        project.git.write(".gitignore", "dist/\nwhich.txt\n");
        project.git.commit("a reusable step");
        Pipeline byReference = Pipeline.of(step("prove")).withName("by-reference");
        try (Gryt gryt = project.open()) {
            Evolution e = gryt.evolve("v2.2.0").proving("PAY-001").with(byReference)
                    // between planning and starting: a second reading of steps.yaml would see this
                    .onCreated(created -> write(project.dir().resolve(".gryt/steps.yaml"), """
                            steps:
                              prove: {run: "echo read-again > which.txt"}
                            """))
                    .start();
            assertThat(e.status()).isEqualTo(EvolutionStatus.PASS);
        }
        assertThat(read(project.dir().resolve("which.txt"))).isEqualTo("planned");
    }

    @Test
    void aRepairedPromotionIsPublishedWithItsOutcome() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            gryt.store().releases().recordPromotion("v2.2.0", project.git.head(), "v2.2.0", PromotionStatus.PENDING,
                    "{\"contract_sha256\":\"x\"}", Instant.now());
        }
        List<GrytEvent> events = new CopyOnWriteArrayList<>();
        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).eventListener(events::add).build()) {
            assertThat(events).singleElement().isInstanceOfSatisfying(PromotionRecovered.class, r -> {
                assertThat(r.type()).isEqualTo("promotion.recovered");
                assertThat(r.generation()).isEqualTo("v2.2.0");
                assertThat(r.tag()).isEqualTo("v2.2.0");
                assertThat(r.outcome()).isEqualTo(PromotionStatus.ROLLED_BACK);
            });
            assertThat(gryt.store().releases().promotions("v2.2.0")).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PromotionStatus.ROLLED_BACK));
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
