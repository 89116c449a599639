package io.gryt.core.internal.secret;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
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

    @Test
    void aValueIsMaskedUrlHexAndBase64Encoded() {
        String token = "tok/en+s3cr3t value";
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        SecretMask mask = SecretMask.of(List.of(token));

        assertThat(mask.apply("url " + URLEncoder.encode(token, StandardCharsets.UTF_8))).isEqualTo("url ***");
        assertThat(mask.apply("hex " + HexFormat.of().formatHex(bytes))).isEqualTo("hex ***");
        assertThat(mask.apply("HEX " + HexFormat.of().withUpperCase().formatHex(bytes))).isEqualTo("HEX ***");
        assertThat(mask.apply("b64 " + Base64.getEncoder().encodeToString(bytes))).startsWith("b64 ***").doesNotContain(token);
        assertThat(mask.apply("b64url " + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEqualTo("b64url ***");
    }

    @Test
    void aValueIsMaskedInsideALongerBase64TextAtEveryAlignment() {
        String token = "s3cr3t-T0KEN-9f8e7d6c";
        SecretMask mask = SecretMask.of(List.of(token));
        for (String user : List.of("u", "us", "usr")) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + token + "\n").getBytes(StandardCharsets.UTF_8));
            String masked = mask.apply("Authorization: Basic " + basic);
            assertThat(masked).as(user).contains("***");
            // at most the two groups of four characters that the value shares with the text around it stay visible
            assertThat(masked.replace("Authorization: Basic ", "").replace("***", "").length()).as(user)
                    .isLessThanOrEqualTo(12);
        }
    }

    @Test
    void aShortValueIsNotLookedForEncoded() {
        SecretMask mask = SecretMask.of(List.of("abc"));

        assertThat(mask.apply("616263 YWJj abc")).isEqualTo("616263 YWJj ***");
    }

    @Test
    void aValueSplitOverLinesIsMaskedInEachLine() {
        SecretMask mask = SecretMask.of(List.of("s3cr3t-T0KEN-9f8e"));

        assertThat(mask.applyLines(List.of("token: s3cr3t", "-T0KEN-", "9f8e, done")))
                .containsExactly("token: ***", "***", "***, done");
    }

    @Test
    void base64WrappedOverLinesIsMasked() {
        String token = "ghp_4f8a9c1e2b7d6a3f0e9d8c7b6a5f4e3d2c1b";
        SecretMask mask = SecretMask.of(List.of(token));
        String encoded = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        List<String> wrapped = new java.util.ArrayList<>();
        for (int i = 0; i < encoded.length(); i += 20) wrapped.add(encoded.substring(i, Math.min(encoded.length(), i + 20)));

        List<String> masked = mask.applyLines(wrapped);

        assertThat(String.join("", masked).replace("***", "")).hasSizeLessThanOrEqualTo(4); // at most the padded group
    }

    @Test
    void aShortValueIsNotJoinedOverLinesNorIsTextOfOneLineChanged() {
        SecretMask mask = SecretMask.of(List.of("abc"));

        assertThat(mask.applyLines(List.of("xab", "cy abc"))).containsExactly("xab", "cy ***");
        assertThat(SecretMask.of(List.of("s3cr3t-T0KEN-9f8e")).applyLines(List.of("s3cr3t", "", "-T0KEN-9f8e")))
                .as("an empty line between the parts").containsExactly("s3cr3t", "", "-T0KEN-9f8e");
    }

    @Test
    void aLineMayContinueAValueOnlyWhenItsEndIsTheValuesStart() {
        SecretMask mask = SecretMask.of(List.of("s3cr3t-T0KEN-9f8e"));
        byte[] line = "token: s3cr".getBytes(StandardCharsets.UTF_8);
        byte[] other = "token: none".getBytes(StandardCharsets.UTF_8);

        assertThat(mask.mayContinue(line, 0, line.length)).isTrue();
        assertThat(mask.mayContinue(other, 0, other.length)).isFalse();
        assertThat(SecretMask.of(List.of("abc")).mayContinue(line, 0, line.length)).as("short values are not split").isFalse();
    }
}
