package io.gryt.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times a task: {@code warmup} unmeasured runs, then {@code repetitions} measured ones.
 *
 * @param median the median of the measured runs
 * @param min    the fastest
 * @param max    the slowest
 * @param result what the last run returned
 */
record Timing<T>(Duration median, Duration min, Duration max, T result) {
    /** A task to time; may throw. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws Exception;
    }

    static <T> Timing<T> of(int warmup, int repetitions, Task<T> task) throws Exception {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        List<Long> nanos = new ArrayList<>(repetitions);
        T result = null;
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            result = task.run();
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        long median = nanos.size() % 2 == 1 ? nanos.get(nanos.size() / 2)
                : (nanos.get(nanos.size() / 2 - 1) + nanos.get(nanos.size() / 2)) / 2;
        return new Timing<>(Duration.ofNanos(median), Duration.ofNanos(nanos.get(0)),
                Duration.ofNanos(nanos.get(nanos.size() - 1)), result);
    }

    /** Milliseconds with one decimal. */
    static String millis(Duration d) {
        return String.format("%.1f ms", d.toNanos() / 1e6);
    }
}
