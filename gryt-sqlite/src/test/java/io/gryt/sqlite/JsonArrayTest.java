package io.gryt.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Json#array}, written without Jackson, is the very text Jackson's canonical JSON gives, and SQLite reads it back. */
class JsonArrayTest {
    @Test
    void theArrayIsJacksonsTextForAwkwardStrings() {
        List<String> values = new ArrayList<>(List.of("", "plain", "quote\"d", "back\\slash", "tab\tnew\nline\r",
                "\b\f\u0000\u001f\u007f", "é ü 中 \uD83D\uDE00", "/slash/", "u2028\u2028"));
        values.add(null);
        for (String v : values) {
            List<String> one = Arrays.asList(v);
            assertThat(Json.array(one)).as(String.valueOf(v)).isEqualTo(Json.Mapper.canonical(one));
        }
        assertThat(Json.array(values)).isEqualTo(Json.Mapper.canonical(values));
        assertThat(Json.array(List.of())).isEqualTo("[]");
    }
}
