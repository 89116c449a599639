package io.gryt.s3;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads to a real S3-compatible server (s3proxy, filesystem backend), read back and checked by digest. */
class S3BucketTest {
    static S3Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.shared();
        server.bucket("uploads");
    }

    @Test
    void anUploadedFileReadsBackWithTheDigestsItWasRecordedWith() throws Exception {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31 + i / 7);
        Path file = Files.write(dir.resolve("app.bin"), content);
        try (S3Bucket bucket = S3Bucket.connect(server.settings("uploads").withPrefix("/ci/"), S3Server.credentials())) {
            UploadedObject o = bucket.upload(bucket.key("payments", "dist/app.bin"), file, "application/octet-stream");

            assertThat(o.key()).isEqualTo("ci/payments/dist/app.bin");
            assertThat(o.size()).isEqualTo(content.length);
            assertThat(o.sha256()).isEqualTo(sha256(content));
            byte[] stored = server.read("uploads", "ci/payments/dist/app.bin");
            assertThat(sha256(stored)).isEqualTo(sha256(content));
            assertThat(server.head("uploads", o.key()).metadata()).containsEntry(S3Bucket.SHA256_METADATA, o.sha256());
            assertThat(server.head("uploads", o.key()).eTag()).contains(o.md5());
        }
    }

    @Test
    void uploadingTheSameKeyAgainReplacesTheObject() {
        try (S3Bucket bucket = S3Bucket.connect(server.settings("uploads"), S3Server.credentials())) {
            bucket.upload("again.txt", "first".getBytes(StandardCharsets.UTF_8), "text/plain");
            bucket.upload("again.txt", "second".getBytes(StandardCharsets.UTF_8), "text/plain");

            assertThat(new String(server.read("uploads", "again.txt"), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void theStoreRefusesABodyThatDoesNotMatchItsContentMd5() {
        try (S3Bucket bucket = S3Bucket.connect(server.settings("uploads"), S3Server.credentials())) {
            byte[] sent = "what was sent".getBytes(StandardCharsets.UTF_8);
            byte[] claimed = "what was meant".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> bucket.upload("corrupt.txt", sent, claimed, "text/plain"))
                    .isInstanceOf(S3UploadException.class)
                    .hasMessageContaining("cannot upload s3://uploads/corrupt.txt at " + server.endpoint())
                    .hasMessageContaining("BadDigest");
            assertThat(server.keys("uploads", "corrupt")).isEmpty();
        }
    }

    @Test
    void aWrongSecretIsRefusedWithoutBeingPrinted() {
        S3Credentials wrong = S3Credentials.of(S3Server.ACCESS_KEY, "not-the-secret-value");
        try (S3Bucket bucket = S3Bucket.connect(server.settings("uploads"), wrong)) {
            assertThatThrownBy(() -> bucket.upload("denied.txt", new byte[]{1}, "text/plain"))
                    .isInstanceOf(S3UploadException.class)
                    .hasMessageContaining("cannot upload s3://uploads/denied.txt")
                    .hasMessageNotContaining("not-the-secret-value")
                    .hasMessageNotContaining(S3Server.ACCESS_KEY);
        }
        assertThat(wrong.toString()).doesNotContain("not-the-secret-value").doesNotContain(S3Server.ACCESS_KEY);
    }

    @Test
    void aServerThatIsDownIsReportedWithItsAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        S3Settings settings = S3Settings.compatible(java.net.URI.create("http://127.0.0.1:" + port), "uploads");
        try (S3Bucket bucket = S3Bucket.connect(settings, S3Server.credentials())) {
            assertThatThrownBy(() -> bucket.upload("down.txt", new byte[]{1}, "text/plain"))
                    .isInstanceOf(S3UploadException.class)
                    .hasMessageContaining("cannot upload s3://uploads/down.txt at http://127.0.0.1:" + port);
        }
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
