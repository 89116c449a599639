package io.gryt.core.internal.secret;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeldLinesTest {
    private static final String TOKEN = "s3cr3t-T0KEN-9f8e";
    private final HeldLines lines = new HeldLines(SecretMask.of(List.of(TOKEN)));

    @Test
    void aLineThatMayStartTheValueIsHeldUntilTheNextCompletesIt() {
        assertThat(lines.add("plain")).containsExactly("plain");
        assertThat(lines.add("token: s3cr3t")).isEmpty();
        assertThat(lines.holding()).isTrue();

        assertThat(lines.add("-T0KEN-9f8e!")).containsExactly("token: ***", "***!");
        assertThat(lines.isIdle()).isTrue();
    }

    @Test
    void aHeldLineIsHandedOnUnchangedWhenTheNextDoesNotContinueIt() {
        assertThat(lines.add("make s")).isEmpty();
        assertThat(lines.add("ure")).containsExactly("make s", "ure");
    }

    @Test
    void aValueSplitOverManyLinesIsMaskedInEveryLine() {
        List<String> out = new ArrayList<>();
        for (String part : List.of("x s3c", "r3t", "-T0", "KEN", "-9f8e y")) out.addAll(lines.add(part));
        out.addAll(lines.release());

        assertThat(out).containsExactly("x ***", "***", "***", "***", "*** y");
    }

    @Test
    void aReleasedPrefixStillMasksTheRestPrintedLater() {
        assertThat(lines.add("s3cr3t-T0")).isEmpty();
        assertThat(lines.release()).containsExactly("s3cr3t-T0"); // waited too long: shown as it was

        assertThat(lines.add("KEN-9f8e")).containsExactly("***");
    }

    @Test
    void anEmptyLineEndsWhatIsHeld() {
        assertThat(lines.add("s3cr3t")).isEmpty();
        assertThat(lines.add("")).containsExactly("s3cr3t", "");
        assertThat(lines.isIdle()).isTrue();
    }
}
