package io.gryt.core.release;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ChangeSet}: the one check of requested change ids against a contract, and their one order. */
class ChangeSetTest {
    static final List<String> DECLARED = List.of("PAY-001", "PAY-002", "PAY-003");

    @Test
    void keepsTheDeclarationOrderAndDropsRepeats() {
        ChangeSet set = ChangeSet.of("v2.2.0", DECLARED, List.of("PAY-003", "PAY-001", "PAY-003"));
        assertThat(set.ids()).containsExactly("PAY-001", "PAY-003");
        assertThat(set.joined()).isEqualTo("PAY-001,PAY-003");
        assertThat(set.generation()).isEqualTo("v2.2.0");
    }

    @Test
    void refusesAnUnknownChangeNamingTheDeclaredOnes() {
        assertThatThrownBy(() -> ChangeSet.of("v2.2.0", DECLARED, Set.of("PAY-404")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown change PAY-404 in generation v2.2.0 (declared: PAY-001, PAY-002, PAY-003)");
        assertThatThrownBy(() -> ChangeSet.of("v2.2.0", List.of(), Set.of("PAY-404")))
                .hasMessage("unknown change PAY-404 in generation v2.2.0 (declared: none)");
    }

    @Test
    void refusesAnEmptyRequestSayingWhatCouldBeProven() {
        assertThatThrownBy(() -> ChangeSet.of("v2.2.0", DECLARED, List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("an evolution proves at least one change: pass --change ID (v2.2.0 declares PAY-001, PAY-002, PAY-003)");
        assertThatThrownBy(() -> new ChangeSet("v2.2.0", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeSet("v2.2.0", List.of("A", "A"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangeIdIsCheckedByOneRule() {
        assertThat(Change.isValidId("PAY-001")).isTrue();
        assertThat(Change.isValidId("a.b_c-1")).isTrue();
        assertThat(Change.isValidId("PAY 001")).isFalse();
        assertThat(Change.isValidId("-PAY")).isFalse();
        assertThat(Change.isValidId("")).isFalse();
        assertThat(Change.isValidId(null)).isFalse();
        assertThat(Change.isValidId("x".repeat(65))).isFalse();
    }
}
