package io.gryt.core.internal.policy;

import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule.HotfixChangeTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule hotfix_change_types: a hot-fix declares only the allowed change types; other generations are not concerned. */
class HotfixChangeTypesTest {
    private static final Change FIX = new Change("PAY-9", ChangeType.FIX, "Refund race", null);
    private static final Change ADD = new Change("PAY-10", ChangeType.ADD, "Apple Pay", null);

    private static Policy policy(boolean enabled) {
        return new Policy(".gryt/policy.yaml", Policy.Format.POLICY_YAML, "0".repeat(64),
                List.of(new HotfixChangeTypes("hotfix-scope", enabled, Set.of(ChangeType.FIX))), List.of());
    }

    private static Generation generation(String hotfixOf, Change... changes) {
        return new Generation("v2.2.1", "", List.of(changes), null, hotfixOf, GenerationStatus.DRAFT, null, null);
    }

    @Test
    void aHotfixWithAnAdditionIsRefusedAtStartAndAtPromotion() {
        Generation hotfix = generation("v2.2.0", FIX, ADD);
        String expected = "policy rule 'hotfix-scope' (hotfix_change_types): hot-fix v2.2.1 declares add change PAY-10;"
                + " a hot-fix may only declare fix changes";
        assertThat(PolicyChecks.beforeStart(policy(true), hotfix, List.of(ADD), Set.of(), "ci")).containsExactly(expected);
        assertThat(new PolicyGate(policy(true), List::of).evaluate(new FixedContext(hotfix)).problems()).containsExactly(expected);
    }

    @Test
    void aHotfixOfFixesAnOrdinaryGenerationAndADisabledRuleAreAllowed() {
        assertThat(PolicyChecks.beforeStart(policy(true), generation("v2.2.0", FIX), List.of(FIX), Set.of(), "ci")).isEmpty();
        assertThat(PolicyChecks.beforeStart(policy(true), generation(null, ADD), List.of(ADD), Set.of(), "ci")).isEmpty();
        assertThat(PolicyChecks.beforeStart(policy(false), generation("v2.2.0", ADD), List.of(ADD), Set.of(), "ci")).isEmpty();
        assertThat(new PolicyGate(policy(true), List::of).evaluate(new FixedContext(generation("v2.2.0", FIX))).passed()).isTrue();
    }

    private record FixedContext(Generation generation) implements io.gryt.api.spi.GateContext {
        @Override
        public java.util.Optional<String> commit() {
            return java.util.Optional.empty();
        }

        @Override
        public List<io.gryt.api.release.ChangeEvidence> evidence() {
            return List.of();
        }

        @Override
        public int passingEvolutions() {
            return 0;
        }

        @Override
        public io.gryt.api.spi.Versioning versioning() {
            return null;
        }
    }
}
