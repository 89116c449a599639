package io.gryt.core.run;

import io.gryt.core.Gryt;
import io.gryt.api.RunListener;
import io.gryt.core.run.StepSelection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-run options for {@link Gryt#start(io.gryt.api.Pipeline, RunOptions)}: extra environment variables
 * (added over the pipeline's, under each step's), listeners for this run only, and which steps to run.
 *
 * <pre>{@code
 * gryt.start(pipeline, RunOptions.DEFAULT.withSelection(StepSelection.from("test")).withListener(listener));
 * }</pre>
 *
 * @param env       extra environment variables
 * @param listeners listeners for this run
 * @param selection the steps to run (the run records only these); {@link StepSelection#ALL} by default
 */
public record RunOptions(Map<String, String> env, List<RunListener> listeners, StepSelection selection) {
    /** No extra environment, no extra listeners, every step. */
    public static final RunOptions DEFAULT = new RunOptions(Map.of(), List.of());

    public RunOptions {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        for (RunListener l : Objects.requireNonNull(listeners, "listeners")) {
            Objects.requireNonNull(l, "listeners contains null");
        }
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(selection, "selection");
    }

    /** Options that run every step. */
    public RunOptions(Map<String, String> env, List<RunListener> listeners) {
        this(env, listeners, StepSelection.ALL);
    }

    /** These options with one more environment variable. */
    public RunOptions withEnv(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new RunOptions(copy, listeners, selection);
    }

    /** These options with one more listener. */
    public RunOptions withListener(RunListener listener) {
        List<RunListener> copy = new ArrayList<>(listeners);
        copy.add(Objects.requireNonNull(listener, "listener"));
        return new RunOptions(env, copy, selection);
    }

    /** These options running only the steps {@code value} selects. */
    public RunOptions withSelection(StepSelection value) {
        return new RunOptions(env, listeners, value);
    }
}
