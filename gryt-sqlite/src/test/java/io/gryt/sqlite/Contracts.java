package io.gryt.sqlite;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;

import java.util.List;

/** Generation contracts as the YAML loader would parse them, for tests. */
final class Contracts {
    static final Change PAY_001 = new Change("PAY-001", ChangeType.ADD, "Support SEPA", null);
    static final Change PAY_002 = new Change("PAY-002", ChangeType.FIX, "Round cents half-even", "Was half-up.");
    static final Change PAY_003 = new Change("PAY-003", ChangeType.ADD, "Support Apple Pay", null);

    private Contracts() {
    }

    static Generation draft(String version, Change... changes) {
        return new Generation(version, "Payments", List.of(changes), "release", null, GenerationStatus.DRAFT, null, null);
    }

    static Generation payments() {
        return draft("v2.2.0", PAY_001, PAY_002, PAY_003);
    }

    static String file(String version) {
        return ".gryt/generations/" + version + ".yaml";
    }
}
