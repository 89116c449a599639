package io.gryt.core.internal.exec;

import io.gryt.api.RunListener;
import io.gryt.core.internal.plan.ExecutionPlan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and where.
 *
 * @param plan       the resolved plan
 * @param projectDir the project directory: steps run here unless they or the pipeline set a working
 *                   directory (made absolute)
 * @param runsDir    where run log directories are created, usually {@code <project>/.gryt/runs} (a relative
 *                   path resolves against the project directory)
 * @param baseEnv    the environment steps inherit, usually {@link System#getenv()}
 * @param extraEnv   variables added after the pipeline's and before each step's (e.g. {@code GRYT_GENERATION})
 * @param listeners  listeners for this run's events
 */
public record RunRequest(ExecutionPlan plan, Path projectDir, Path runsDir, Map<String, String> baseEnv,
                         Map<String, String> extraEnv, List<RunListener> listeners) {
    public RunRequest {
        Objects.requireNonNull(plan, "plan");
        projectDir = Objects.requireNonNull(projectDir, "projectDir").toAbsolutePath().normalize();
        runsDir = projectDir.resolve(Objects.requireNonNull(runsDir, "runsDir")).normalize();
        baseEnv = Map.copyOf(baseEnv);
        extraEnv = Map.copyOf(extraEnv);
        listeners = List.copyOf(listeners);
    }

    /** A request with logs in {@code <projectDir>/.gryt/runs}, this process's environment and no listeners. */
    public static RunRequest of(ExecutionPlan plan, Path projectDir) {
        return new RunRequest(plan, projectDir, Path.of(".gryt", "runs"), System.getenv(), Map.of(), List.of());
    }

    /** This request with another base environment. */
    public RunRequest withBaseEnv(Map<String, String> env) {
        return new RunRequest(plan, projectDir, runsDir, env, extraEnv, listeners);
    }

    /** This request with other extra variables. */
    public RunRequest withExtraEnv(Map<String, String> env) {
        return new RunRequest(plan, projectDir, runsDir, baseEnv, env, listeners);
    }

    /** This request with other listeners. */
    public RunRequest withListeners(RunListener... runListeners) {
        return new RunRequest(plan, projectDir, runsDir, baseEnv, extraEnv, List.of(runListeners));
    }
}
