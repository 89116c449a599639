package io.gryt.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to build and how to measure, from {@code key=value} arguments.
 *
 * @param changes     the generation's changes
 * @param evolutions  evolutions to record (each proves 1 to 3 changes)
 * @param warmup      unmeasured runs of each query before measuring
 * @param repetitions measured runs of each query (the median is reported)
 * @param seed        the random seed of the data
 * @param db          the database file to build, or {@code null} for a temporary file deleted afterwards
 */
record BenchmarkOptions(int changes, int evolutions, int warmup, int repetitions, long seed, Path db) {
    static final String USAGE = "arguments: [changes=1000] [evolutions=100000] [warmup=3] [repetitions=7] [seed=42]"
            + " [db=<file to build and keep>]";

    BenchmarkOptions {
        if (changes < 1 || evolutions < 1 || warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("changes, evolutions and repetitions must be positive, warmup not negative; "
                    + USAGE);
        }
    }

    static BenchmarkOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("changes", "1000", "evolutions", "100000",
                "warmup", "3", "repetitions", "7", "seed", "42"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !(values.containsKey(pair[0]) || pair[0].equals("db"))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
            values.put(pair[0], pair[1].replace("_", ""));
        }
        try {
            return new BenchmarkOptions(Integer.parseInt(values.get("changes")), Integer.parseInt(values.get("evolutions")),
                    Integer.parseInt(values.get("warmup")), Integer.parseInt(values.get("repetitions")),
                    Long.parseLong(values.get("seed")), values.containsKey("db") ? Path.of(values.get("db")) : null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "; " + USAGE, e);
        }
    }
}
