package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.Secret;
import io.gryt.api.Step;
import io.gryt.core.internal.plan.PlannedStep;
import io.gryt.core.internal.secret.SecretMask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Works out what each step of a run runs with: environment, working directory, log file, secret mask. */
final class StepSetups {
    private StepSetups() {
    }

    /** One setup per planned step, by name, in declaration order. */
    static Map<String, StepSetup> of(String runId, RunRequest request, Path logDir) {
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (PlannedStep planned : request.plan().steps()) {
            envs.put(planned.name(), environment(runId, request, planned.step(), logDir));
        }
        SecretMask mask = secretMask(request, envs.values());
        Map<String, StepSetup> setups = new LinkedHashMap<>();
        for (PlannedStep planned : request.plan().steps()) {
            setups.put(planned.name(), new StepSetup(runId, planned.step(), request.projectDir(), workDir(request, planned.step()),
                    envs.get(planned.name()), logDir.resolve(planned.name() + ".log"), mask));
        }
        return setups;
    }

    /**
     * The parent environment, then pipeline, extra and step variables, then {@code GRYT_RUN_ID} and
     * {@code GRYT_STEP} (the step's name; both also mark the step's processes, see {@link MarkedProcesses}),
     * {@code GRYT_PROJECT_DIR} (the project's absolute directory) and the files the step may write outputs and
     * metrics to ({@code GRYT_OUTPUT}, {@code GRYT_METRICS}).
     */
    private static Map<String, String> environment(String runId, RunRequest request, Step step, Path logDir) {
        Map<String, String> env = new LinkedHashMap<>(request.baseEnv());
        env.putAll(request.plan().pipeline().env());
        env.putAll(request.extraEnv());
        env.putAll(step.env());
        env.put(MarkedProcesses.RUN_VARIABLE, runId);
        env.put(MarkedProcesses.STEP_VARIABLE, step.name());
        env.put("GRYT_PROJECT_DIR", request.projectDir().toAbsolutePath().toString());
        env.putAll(StepWrites.in(logDir, step.name()).variables());
        return Collections.unmodifiableMap(env);
    }

    /** The step's directory, else the pipeline's, else the project's; relative ones against the project. */
    private static Path workDir(RunRequest request, Step step) {
        Path dir = step.workDir().or(() -> request.plan().pipeline().workDir()).orElse(null);
        return (dir == null ? request.projectDir() : request.projectDir().resolve(dir)).normalize();
    }

    /**
     * Masks the values of every secret the pipeline or any of its steps declares, taken from every layer of
     * the environment, so that a secret one step declares is also masked where another step prints it.
     */
    private static SecretMask secretMask(RunRequest request, Iterable<Map<String, String>> stepEnvs) {
        Pipeline pipeline = request.plan().pipeline();
        Set<String> names = new LinkedHashSet<>();
        pipeline.secrets().forEach(s -> names.add(s.name()));
        request.plan().steps().forEach(s -> s.step().secrets().stream().map(Secret::name).forEach(names::add));
        if (names.isEmpty()) return SecretMask.NONE;
        List<Map<String, String>> sources = new ArrayList<>(List.of(request.baseEnv(), pipeline.env(), request.extraEnv()));
        stepEnvs.forEach(sources::add);
        List<String> values = new ArrayList<>();
        for (String name : names) {
            for (Map<String, String> source : sources) values.add(source.get(name));
        }
        return SecretMask.of(values);
    }
}
