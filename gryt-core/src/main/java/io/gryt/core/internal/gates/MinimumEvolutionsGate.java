package io.gryt.core.internal.gates;

import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;

import java.util.List;

/** At least {@code minimum} evolutions of the generation passed (1 by default). */
public final class MinimumEvolutionsGate implements PromotionGate {
    private final int minimum;

    /** A gate requiring {@code minimum} passing evolutions. */
    public MinimumEvolutionsGate(int minimum) {
        if (minimum < 0) throw new IllegalArgumentException("minimum must be >= 0");
        this.minimum = minimum;
    }

    @Override
    public String name() {
        return "minimum-evolutions";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        int passed = context.passingEvolutions();
        String summary = passed + " passing evolution(s), " + minimum + " required";
        return passed >= minimum ? GateResult.pass(name(), summary)
                : GateResult.block(name(), summary, List.of("run " + (minimum - passed) + " more passing evolution(s)"));
    }
}
