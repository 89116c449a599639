package io.gryt.sqlite;

import io.gryt.api.RunStatus;
import io.gryt.api.StepStatus;
import io.gryt.api.spi.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records runs the way the engine does; the concurrency tests run it as a separate JVM with arguments
 * {@code db=<file> prefix=<run id prefix> runs=<n>} and optionally {@code waiting=<file>} (created, then
 * {@code go=<file>} awaited before opening the store) and {@code opened=<file>} (created once the store is
 * open). Exits 1 on any failure.
 */
public final class StoreWriter {
    private StoreWriter() {
    }

    /** The {@code key=value} arguments of a child JVM main. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        return options;
    }

    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            if (options.containsKey("waiting")) {
                Files.createFile(Path.of(options.get("waiting")));
                awaitFile(Path.of(options.get("go")), Duration.ofSeconds(60));
            }
            try (SqliteStore store = SqliteStore.open(Path.of(options.get("db")))) {
                if (options.containsKey("opened")) {
                    Files.createFile(Path.of(options.get("opened")));
                }
                writeRuns(store.runs(), options.get("prefix"), Integer.parseInt(options.get("runs")));
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Records {@code count} runs of one step each, with a result, a metric and an artifact row per step. */
    static void writeRuns(RunStore runs, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            runs.runStarted(Samples.run(id, Instant.now()));
            Instant started = Instant.now();
            runs.stepStarted(id, "build", started, ProcessHandle.current().pid());
            Instant finished = Instant.now();
            runs.stepFinished(id, Samples.passed("build", started, finished), List.of(
                    Samples.result(id, "build", StepStatus.PASS, 1, finished),
                    Samples.metric(id, "build", "tests", i, finished),
                    Samples.artifact(id, "build", "app.jar", 1000 + i, "0f".repeat(32), finished)));
            runs.runFinished(id, RunStatus.PASS, Instant.now());
        }
    }

    static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + file);
            }
            Thread.sleep(5);
        }
    }
}
