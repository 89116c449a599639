package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.release.Evolution;
import io.gryt.core.Gryt;

import java.nio.file.Path;

import static io.gryt.api.Step.step;

/**
 * Child JVM: waits for a start signal file, then starts an evolution of {@code args[1]} proving
 * {@code args[2]}; with {@code hang} as {@code args[3]} its step never ends (for crash tests); with {@code gated} it
 * starts at once and its step passes once file {@code .gryt/runs/release} exists.
 */
public final class EvolveMain {
    private EvolveMain() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        boolean hang = args.length > 3 && args[3].equals("hang");
        boolean gated = args.length > 3 && args[3].equals("gated");
        Path go = project.resolve(".gryt/runs/go"); // runs/ is git-ignored: the signal must not dirty the tree
        Path release = project.resolve(".gryt/runs/release");
        try (Gryt gryt = Gryt.open(project)) {
            System.out.println("READY");
            while (!hang && !gated && !go.toFile().exists()) Thread.sleep(5);
            Pipeline p = hang ? Pipeline.of(step("hang").sh("echo hanging; sleep 300"))
                    : gated ? Pipeline.of(step("gated").sh("while [ ! -f '" + release + "' ]; do sleep 0.05; done"))
                    : Pipeline.of(step("prove").run("true"));
            var handle = gryt.evolve(args[1]).proving(args[2]).with(p).launch();
            System.out.println("STARTED " + handle.started().tag());
            Evolution e = handle.await();
            System.out.println("EVOLUTION " + e.tag() + " " + e.status().label());
        }
    }
}
