package io.gryt.core.internal.exec;

import io.gryt.api.Step;
import io.gryt.core.internal.secret.SecretMask;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a step runs with, fixed when the run starts.
 *
 * @param runId      the run
 * @param step       the resolved step
 * @param projectDir the project's directory
 * @param workDir    the absolute working directory
 * @param env        the merged environment (secrets unmasked)
 * @param logFile    the step's log file
 * @param mask       the run's secret mask
 */
record StepSetup(String runId, Step step, Path projectDir, Path workDir, Map<String, String> env, Path logFile, SecretMask mask) {
    String name() {
        return step.name();
    }

    /** The files the step writes its outputs and metrics to. */
    StepWrites writes() {
        return StepWrites.in(logFile.getParent(), step.name());
    }

    /** This setup with {@code extra} variables added to its environment. */
    StepSetup withEnv(Map<String, String> extra) {
        if (extra.isEmpty()) return this;
        Map<String, String> merged = new java.util.LinkedHashMap<>(env);
        merged.putAll(extra);
        return new StepSetup(runId, step, projectDir, workDir, java.util.Collections.unmodifiableMap(merged), logFile, mask);
    }
}
