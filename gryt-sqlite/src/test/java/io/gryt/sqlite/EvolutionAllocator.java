package io.gryt.sqlite;

import io.gryt.api.release.Evolution;
import io.gryt.api.spi.ProcessOwner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Allocates evolutions the way concurrent {@code gryt evolve} processes do; the RC tests run it as separate
 * JVMs with arguments {@code db=<file> version=<v> change=<id> count=<n> waiting=<file> go=<file>}: it creates
 * {@code waiting}, opens the store once {@code go} exists, allocates {@code count} evolutions and prints their
 * RC numbers. Exits 1 on any failure.
 */
public final class EvolutionAllocator {
    private EvolutionAllocator() {
    }

    public static void main(String[] args) {
        try {
            Map<String, String> options = StoreWriter.options(args);
            Files.createFile(Path.of(options.get("waiting")));
            StoreWriter.awaitFile(Path.of(options.get("go")), Duration.ofSeconds(60));
            try (SqliteStore store = SqliteStore.open(Path.of(options.get("db")))) {
                ProcessOwner self = new ProcessOwner(ProcessHandle.current().pid(), "test-host", null);
                for (int i = 0; i < Integer.parseInt(options.get("count")); i++) {
                    Evolution e = store.releases().createEvolution(options.get("version"),
                            List.of(options.get("change")), "c0ffee", false, self, Instant.now());
                    System.out.println("rc " + e.rc());
                }
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
