package io.gryt.api;

import java.nio.file.Path;
import java.util.Map;

/** What a lambda step sees while it runs: its environment, its log and its metrics. */
public interface StepContext {
    /** The id of the pipeline run this step belongs to. */
    String runId();

    /** The step's name. */
    String stepName();

    /** The attempt number, starting at 1. */
    int attempt();

    /** The working directory (the project directory unless overridden). */
    Path workDir();

    /** The merged environment: parent process, pipeline and step variables (secrets unmasked). */
    Map<String, String> env();

    /** Writes a line to the step's log (secret values are masked). */
    void log(String line);

    /**
     * Records a numeric metric as a data row of this step.
     *
     * @throws IllegalArgumentException when {@code name} is blank or {@code value} is NaN or infinite
     */
    void metric(String name, double value);

    /** True once the run was cancelled or the step timed out; long actions should poll it. */
    boolean isCancelled();
}
