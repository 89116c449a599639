package io.gryt.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keys that sign requests to a bucket, read from the environment when an upload needs them and never stored,
 * printed or exported: {@link #toString()} shows none of them.
 *
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken    a session token (temporary credentials), or {@code null}
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    public S3Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Long-term credentials: an access key id and its secret. */
    public static S3Credentials of(String accessKeyId, String secretAccessKey) {
        return new S3Credentials(accessKeyId, secretAccessKey, null);
    }

    /** Every value here, for masking in messages. */
    List<String> values() {
        List<String> values = new ArrayList<>(List.of(accessKeyId, secretAccessKey));
        if (sessionToken != null) values.add(sessionToken);
        return values;
    }

    /** No value: {@code S3Credentials[***]}. */
    @Override
    public String toString() {
        return "S3Credentials[***]";
    }
}
