package io.gryt.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where proofs go: the running step {@code step} of run {@code runId} in the gryt project {@code projectDir}.
 *
 * @param projectDir the project directory
 * @param runId      the run
 * @param step       the step running the tests
 */
record EvidenceTarget(Path projectDir, String runId, String step) {
    static final String PROJECT_DIR = "gryt.project.dir";
    static final String RUN_ID = "gryt.run.id";
    static final String STEP = "gryt.step";

    /**
     * The target the JUnit configuration parameters name ({@code gryt.project.dir}, {@code gryt.run.id},
     * {@code gryt.step}), each else from the step's environment ({@code GRYT_PROJECT_DIR}, {@code GRYT_RUN_ID},
     * {@code GRYT_STEP}); empty when no run is named (outside gryt).
     *
     * @throws ExtensionConfigurationException when a run is named without its step or project
     */
    static Optional<EvidenceTarget> resolve(Function<String, Optional<String>> parameters, Map<String, String> env) {
        Optional<String> run = value(parameters, env, RUN_ID, "GRYT_RUN_ID");
        if (run.isEmpty()) return Optional.empty();
        String step = value(parameters, env, STEP, "GRYT_STEP").orElseThrow(() -> missing(STEP, "GRYT_STEP", run.get()));
        String dir = value(parameters, env, PROJECT_DIR, "GRYT_PROJECT_DIR")
                .orElseThrow(() -> missing(PROJECT_DIR, "GRYT_PROJECT_DIR", run.get()));
        return Optional.of(new EvidenceTarget(Path.of(dir).toAbsolutePath().normalize(), run.get(), step));
    }

    private static Optional<String> value(Function<String, Optional<String>> parameters, Map<String, String> env,
                                          String parameter, String variable) {
        return parameters.apply(parameter).or(() -> Optional.ofNullable(env.get(variable))).filter(v -> !v.isBlank());
    }

    private static ExtensionConfigurationException missing(String parameter, String variable, String run) {
        return new ExtensionConfigurationException("@Proves: run " + run + " is named but neither the configuration"
                + " parameter " + parameter + " nor the variable " + variable + " is set (gryt sets " + variable
                + " in every step it runs)");
    }
}
