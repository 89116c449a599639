package io.gryt.core.internal.gates;

import io.gryt.api.release.GateResult;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.ReleaseStore.OwnedEvolution;

import io.gryt.core.text.Durations;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * No evolution of the generation is still pending or running: its proof is not in yet, and releasing before it
 * ends could ship what it finds failing. Each one is named with the process that runs it.
 */
public final class EvolutionsFinishedGate implements PromotionGate {
    private final List<OwnedEvolution> inProgress;
    private final Duration waited;

    /** {@code inProgress}: the generation's evolutions still pending or running; {@code waited}: how long the promotion waited for them. */
    public EvolutionsFinishedGate(List<OwnedEvolution> inProgress, Duration waited) {
        this.inProgress = List.copyOf(inProgress);
        this.waited = waited;
    }

    @Override
    public String name() {
        return "evolutions-finished";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        if (inProgress.isEmpty()) return GateResult.pass(name(), "no evolution is pending or running");
        String summary = inProgress.size() + " evolution(s) still pending or running"
                + (waited == null ? ": wait for them (--wait)" : " after waiting " + Durations.format(waited.truncatedTo(ChronoUnit.MILLIS)));
        return GateResult.block(name(), summary,
                inProgress.stream().map(EvolutionsInProgressException::describe).toList());
    }
}
