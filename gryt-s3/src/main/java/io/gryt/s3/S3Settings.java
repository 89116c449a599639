package io.gryt.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an S3-compatible bucket is and how to reach it: AWS S3 itself (no endpoint) or any store speaking its API
 * (MinIO, Ceph, Garage, s3proxy...) through an endpoint, usually with path-style access. Holds no secret: the
 * credentials are given apart ({@link S3Credentials}).
 *
 * @param bucket    the bucket's name
 * @param region    the signing region ({@code us-east-1} for most S3-compatible stores)
 * @param endpoint  the store's endpoint ({@code http://127.0.0.1:9000}), or {@code null} for AWS S3
 * @param pathStyle true to address the bucket in the path ({@code http://host/bucket/key}) rather than the host
 * @param prefix    the key prefix every object starts with (no leading or trailing {@code /}; may be empty)
 */
public record S3Settings(String bucket, String region, URI endpoint, boolean pathStyle, String prefix) {
    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        prefix = trimSlashes(Objects.requireNonNull(prefix, "prefix"));
    }

    /** A bucket of AWS S3 in {@code region}, no prefix. */
    public static S3Settings aws(String bucket, String region) {
        return new S3Settings(bucket, region, null, false, "");
    }

    /** A bucket of the S3-compatible store at {@code endpoint}, with path-style access. */
    public static S3Settings compatible(URI endpoint, String bucket) {
        return new S3Settings(bucket, "us-east-1", Objects.requireNonNull(endpoint, "endpoint"), true, "");
    }

    /** The same, with {@code prefix} before every key. */
    public S3Settings withPrefix(String value) {
        return new S3Settings(bucket, region, endpoint, pathStyle, value);
    }

    /** The endpoint, when it is not AWS S3. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** Where objects go, for messages: {@code s3://bucket/prefix} and the endpoint when there is one. */
    public String location() {
        String where = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        return endpoint == null ? where : where + " at " + endpoint;
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') from++;
        while (to > from && s.charAt(to - 1) == '/') to--;
        return s.substring(from, to);
    }
}
