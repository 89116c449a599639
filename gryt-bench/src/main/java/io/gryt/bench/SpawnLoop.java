package io.gryt.bench;

import java.io.File;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM's own floor for trivial steps, a baseline of {@link RunBenchmark}: starts {@code /bin/true} {@code n}
 * times on {@code runners} threads with {@link ProcessBuilder} (stdin closed, stdout and stderr to one file, as
 * gryt starts a step whose output nobody reads) and waits for each; nothing is recorded. On Linux below JDK 25 it
 * launches with {@code vfork}, as the {@code gryt} command does. {@code java -cp ... io.gryt.bench.SpawnLoop n
 * runners}.
 */
public final class SpawnLoop {
    private SpawnLoop() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int runners = Integer.parseInt(args[1]);
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null
                && System.getProperty("os.name", "").startsWith("Linux") && Runtime.version().feature() <= 24) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        File log = File.createTempFile("gryt-spawnloop-", ".log");
        log.deleteOnExit();
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        try {
            List<Future<Integer>> exits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                exits.add(pool.submit(() -> {
                    Process process = new ProcessBuilder("/bin/true").redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
                    process.getOutputStream().close();
                    return process.waitFor();
                }));
            }
            for (Future<Integer> exit : exits) {
                if (exit.get() != 0) throw new IllegalStateException("/bin/true exited " + exit.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
