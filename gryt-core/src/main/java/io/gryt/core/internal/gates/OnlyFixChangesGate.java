package io.gryt.core.internal.gates;

import io.gryt.api.release.ChangeType;
import io.gryt.api.release.GateResult;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;

import java.util.List;

/** Hot-fix gate: a hot-fix generation declares only fix changes. */
public final class OnlyFixChangesGate implements PromotionGate {
    @Override
    public String name() {
        return "hotfix-only-fixes";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        List<String> problems = context.generation().changes().stream().filter(c -> c.type() != ChangeType.FIX)
                .map(c -> c.id() + " is a '" + c.type().label() + "' change; a hot-fix may only contain fixes")
                .toList();
        return problems.isEmpty() ? GateResult.pass(name(), "only fix changes")
                : GateResult.block(name(), problems.size() + " non-fix change(s)", problems);
    }

}
