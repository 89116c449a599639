package io.gryt.core.internal.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {
    @Test
    void overlappingSecretsLeakNoPartOfEither() {
        SecretMask mask = SecretMask.of(List.of("abcd", "cdEF"));

        assertThat(mask.apply("xabcdEFGH")).isEqualTo("x***GH");
        assertThat(mask.apply("cdEF then abcd")).isEqualTo("*** then ***");
    }

    @Test
    void aSecretInsideALongerOneIsMaskedOnce() {
        SecretMask mask = SecretMask.of(List.of("pass", "my-pass-word"));

        assertThat(mask.apply("my-pass-word and pass")).isEqualTo("*** and ***");
    }

    @Test
    void eachLineOfAMultiLineSecretIsMaskedOnItsOwn() {
        SecretMask mask = SecretMask.of(List.of("-----BEGIN KEY-----\r\n  c2VjcmV0\n\n-----END KEY-----\n"));

        assertThat(mask.apply("key:   c2VjcmV0 ")).isEqualTo("key:   *** ");
        assertThat(mask.apply("-----END KEY-----")).isEqualTo("***");
        assertThat(mask.apply("")).isEmpty();
    }

    @Test
    void aValueIsMaskedWithoutItsSurroundingWhitespaceAndABlankValueNotAtAll() {
        SecretMask mask = SecretMask.of(List.of(" t0ken\n", " ", "\t"));

        assertThat(mask.apply("token t0ken, padded ' t0ken\n'")).isEqualTo("token ***, padded '***'");
        assertThat(mask.apply("a b\tc")).isEqualTo("a b\tc");
    }

    @Test
    void aCutHoldsBackWhatTheNextPieceMayTurnIntoASecret() {
        SecretMask mask = SecretMask.of(List.of("S3CRET"));

        SecretMask.Cut first = mask.cut("xxxxS3C");
        assertThat(first.masked()).isEqualTo("xx");
        assertThat(first.rest()).isEqualTo("xxS3C");
        assertThat(mask.apply(first.rest() + "RETyy")).isEqualTo("xx***yy");
    }

    @Test
    void aCutNeverSplitsAMaskedRun() {
        SecretMask mask = SecretMask.of(List.of("abc", "cde"));

        SecretMask.Cut cut = mask.cut("xxabcde");

        assertThat(cut.masked()).isEqualTo("xx");
        assertThat(cut.rest()).isEqualTo("abcde");
    }
}
