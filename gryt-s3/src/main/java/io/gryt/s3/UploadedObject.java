package io.gryt.s3;

import java.util.Objects;

/**
 * An object the store acknowledged after checking its digest.
 *
 * @param key    its key in the bucket
 * @param size   its size in bytes
 * @param sha256 the lower-case hex SHA-256 of its content (also kept as the object's {@code x-amz-meta-sha256})
 * @param md5    the lower-case hex MD5 of its content (what the store checked, and its ETag)
 */
public record UploadedObject(String key, long size, String sha256, String md5) {
    public UploadedObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(md5, "md5");
    }
}
