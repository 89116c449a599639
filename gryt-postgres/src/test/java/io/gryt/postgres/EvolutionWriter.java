package io.gryt.postgres;

import io.gryt.api.release.Evolution;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Starts one evolution the way a {@code gryt evolve} process on another machine does; {@link ManyWritersTest} runs
 * it as separate JVMs with arguments {@code <url> <version> <change> <waiting file> <go file>}: it opens the store,
 * creates the waiting file, waits for the go file, records an evolution and prints {@code rc <n>}. Exits 1 on any
 * failure.
 */
public final class EvolutionWriter {
    private EvolutionWriter() {
    }

    public static void main(String[] args) {
        try {
            try (Store store = PostgresStore.open(args[0], PostgresOptions.forCommand().withPoolSize(1)
                    .withConnectTimeout(Duration.ofSeconds(30)).withPatience(Duration.ofMinutes(4)),
                    () -> "writer-" + ProcessHandle.current().pid())) {
                store.releases().generation(args[1]).orElseThrow(); // connected, classes loaded
                Files.createFile(Path.of(args[3]));
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (!Files.exists(Path.of(args[4]))) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("no go file " + args[4]);
                    Thread.sleep(5);
                }
                ProcessOwner self = new ProcessOwner(ProcessHandle.current().pid(), "host-" + ProcessHandle.current().pid(), null);
                Evolution e = store.releases().createEvolution(args[1], List.of(args[2]), "c0ffee", false, self, Instant.now());
                System.out.println("rc " + e.rc());
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
