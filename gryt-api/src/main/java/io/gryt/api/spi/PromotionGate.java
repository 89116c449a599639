package io.gryt.api.spi;

import io.gryt.api.release.GateResult;

/**
 * A check a generation must pass before it is promoted. Every gate runs and reports, not just the first
 * that fails. Add gates with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry) or through
 * gryt's builder. A gate should read what it needs in one query through {@link GateContext#evidence()}
 * rather than one query per change.
 */
@FunctionalInterface
public interface PromotionGate {
    /** Evaluates the gate. Throwing counts as a blocking result naming the exception. */
    GateResult evaluate(GateContext context);

    /** The gate's name in reports; the class's simple name by default. */
    default String name() {
        return getClass().getSimpleName();
    }
}
