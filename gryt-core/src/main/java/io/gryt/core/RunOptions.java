package io.gryt.core;

import io.gryt.api.RunListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-run options for {@link Gryt#start(io.gryt.api.Pipeline, RunOptions)}: extra environment variables
 * (added over the pipeline's, under each step's) and listeners for this run only.
 *
 * @param env       extra environment variables
 * @param listeners listeners for this run
 */
public record RunOptions(Map<String, String> env, List<RunListener> listeners) {
    /** No extra environment, no extra listeners. */
    public static final RunOptions DEFAULT = new RunOptions(Map.of(), List.of());

    public RunOptions {
        env = Map.copyOf(env);
        listeners = List.copyOf(listeners);
    }

    /** These options with one more environment variable. */
    public RunOptions withEnv(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new RunOptions(copy, listeners);
    }

    /** These options with one more listener. */
    public RunOptions withListener(RunListener listener) {
        List<RunListener> copy = new ArrayList<>(listeners);
        copy.add(Objects.requireNonNull(listener));
        return new RunOptions(env, copy);
    }
}
