package io.gryt.api;

/**
 * The DSL's static factories in one place: {@code import static io.gryt.api.Dsl.*;}.
 */
public final class Dsl {
    private Dsl() {
    }

    /** See {@link Step#step(String)}. */
    public static Step step(String name) {
        return Step.step(name);
    }

    /** See {@link Pipeline#parallel(Step...)}. */
    public static ParallelGroup parallel(Step... steps) {
        return Pipeline.parallel(steps);
    }

    /** See {@link Secret#secret(String)}. */
    public static Secret secret(String name) {
        return Secret.secret(name);
    }
}
