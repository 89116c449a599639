package io.gryt.examples;

import io.gryt.api.event.EventListener;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionBlocked;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.release.GateResult;
import io.gryt.core.Gryt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * gryt embedded in another tool (here a chat notifier): the tool builds its own {@link Gryt}, subscribes to the
 * typed events of {@code io.gryt.api.event} and turns them into messages, while it drives the release workflow of
 * {@link ReleaseWorkflowExample} through the API. Needs git on the PATH.
 *
 * <pre>
 * mvn -q -B -pl gryt-examples -am package exec:java -DskipTests -Dgryt.docs.skip=true \
 *     -Dexec.mainClass=io.gryt.examples.EmbeddingExample
 * </pre>
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    /** The notifier: one message per release event, matched on the sealed event type. */
    public static EventListener notifier(PrintStream chat) {
        return (GrytEvent event) -> {
            if (event instanceof EvolutionFinished f) {
                chat.println("[chat] " + f.tag() + " " + f.status().label() + " (proves " + String.join(", ", f.changes()) + ")");
            } else if (event instanceof PromotionBlocked b) {
                chat.println("[chat] " + b.generation() + " blocked by " + b.gates().stream().filter(g -> !g.passed())
                        .map(GateResult::gate).collect(Collectors.joining(", ")));
            } else if (event instanceof PromotionCompleted c) {
                chat.println("[chat] " + c.tag() + " released");
            }
        };
    }

    /** Runs the release workflow in a new temporary repository with the notifier subscribed. */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("gryt-embed-");
        ReleaseWorkflowExample.newProject(dir);
        try (Gryt gryt = Gryt.builder().projectDir(dir).eventListener(notifier(System.out)).build()) {
            // the tool's own output is the notifier's; the workflow's progress lines are not needed
            ReleaseWorkflowExample.Outcome outcome = ReleaseWorkflowExample.release(gryt, new PrintStream(OutputStream.nullOutputStream()));
            System.exit(outcome.released().gatesPassed() ? 0 : 1);
        }
    }
}
