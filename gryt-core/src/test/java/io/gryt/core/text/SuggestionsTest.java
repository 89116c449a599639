package io.gryt.core.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    @Test
    void twoSwappedLettersAreOneTypo() {
        assertThat(Suggestions.distance("rnu", "run")).isEqualTo(1);
        assertThat(Suggestions.closest("rnu", List.of("init", "run", "demo"))).isEqualTo("run");
        assertThat(Suggestions.closest("depnds_on", List.of("depends_on", "name"))).isEqualTo("depends_on");
    }

    @Test
    void aWordFarFromEveryCandidateGetsNoSuggestion() {
        assertThat(Suggestions.closest("xyz", List.of("init", "run", "demo"))).isNull();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
