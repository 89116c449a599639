package io.gryt.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The MD5 and SHA-256 of some content, taken in one pass: MD5 for {@code Content-MD5} and the ETag, SHA-256 for
 * gryt's own records (artifacts are recorded with it).
 *
 * @param size   the content's size in bytes
 * @param md5    its MD5
 * @param sha256 its SHA-256
 */
record Digests(long size, byte[] md5, byte[] sha256) {
    static Digests of(byte[] content) {
        MessageDigest md5 = algorithm("MD5");
        MessageDigest sha256 = algorithm("SHA-256");
        md5.update(content);
        sha256.update(content);
        return new Digests(content.length, md5.digest(), sha256.digest());
    }

    static Digests of(Path file) throws IOException {
        MessageDigest md5 = algorithm("MD5");
        MessageDigest sha256 = algorithm("SHA-256");
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                size += n;
            }
        }
        return new Digests(size, md5.digest(), sha256.digest());
    }

    /** The lower-case hex SHA-256 of {@code file}. */
    static String sha256Hex(Path file) throws IOException {
        return of(file).sha256Hex();
    }

    String md5Hex() {
        return HexFormat.of().formatHex(md5);
    }

    String md5Base64() {
        return Base64.getEncoder().encodeToString(md5);
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    private static MessageDigest algorithm(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every JDK", e);
        }
    }
}
