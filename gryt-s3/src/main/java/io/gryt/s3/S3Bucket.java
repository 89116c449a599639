package io.gryt.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Uploads to one S3-compatible bucket, each object verified by the store: every upload carries its
 * {@code Content-MD5}, which the store checks the body against (refusing it when they differ), and the ETag the
 * store returns is compared with it too. {@code Content-MD5} rather than the newer {@code x-amz-checksum-sha256}
 * because every S3-compatible store verifies it (s3proxy, for one, refuses the latter as not implemented).
 * Every object keeps its SHA-256 as user metadata ({@code x-amz-meta-sha256}), the digest gryt records
 * artifacts with.
 *
 * <pre>{@code
 * try (S3Bucket bucket = S3Bucket.connect(S3Settings.compatible(URI.create("http://127.0.0.1:9000"), "ci"),
 *                                         S3Credentials.of(env.get("S3_KEY"), env.get("S3_SECRET")))) {
 *     UploadedObject o = bucket.upload(bucket.key("reports", "audit.json"), Path.of("audit.json"), "application/json");
 * }
 * }</pre>
 *
 * Talks HTTP through the JDK's {@code HttpURLConnection} (the SDK's {@code url-connection-client}): no Netty, no
 * Apache client. One object is one {@code PUT} (up to 5 GiB, the S3 limit for a single request). Thread-safe.
 */
public final class S3Bucket implements AutoCloseable {
    /** The user metadata key each object's SHA-256 is kept under ({@code x-amz-meta-sha256}). */
    public static final String SHA256_METADATA = "sha256";
    private static final Pattern PLAIN_ETAG = Pattern.compile("[0-9a-f]{32}");
    private final S3Settings settings;
    private final List<String> secrets;
    private final S3Client client;

    private S3Bucket(S3Settings settings, S3Credentials credentials, S3Client client) {
        this.settings = settings;
        this.secrets = credentials.values();
        this.client = client;
    }

    /** A client for the bucket {@code settings} names, signing with {@code credentials}. Sends nothing yet. */
    public static S3Bucket connect(S3Settings settings, S3Credentials credentials) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        AwsCredentials keys = credentials.sessionToken() == null
                ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2))
                        .build())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(keys))
                .forcePathStyle(settings.pathStyle())
                // gryt sends its own digests; the SDK's default streaming CRC32 (aws-chunked) is what many
                // S3-compatible stores cannot read
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // the outbox retries with backoff: one quick retry here is enough
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(2)));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return new S3Bucket(settings, credentials, builder.build());
    }

    /** Where it uploads. */
    public S3Settings settings() {
        return settings;
    }

    /** The key of {@code parts} joined by {@code /} under the settings' prefix. */
    public String key(String... parts) {
        StringBuilder key = new StringBuilder(settings.prefix());
        for (String part : parts) {
            if (part.isEmpty()) continue;
            if (key.length() > 0) key.append('/');
            key.append(part);
        }
        return key.toString();
    }

    /**
     * Uploads {@code file} to {@code key} (replacing what is there), streamed from disk, and returns it once the
     * store has acknowledged it with a matching digest.
     *
     * @throws S3UploadException when the file cannot be read, the store refuses it or the digests differ
     */
    public UploadedObject upload(String key, Path file, String contentType) {
        Digests digests;
        try {
            digests = Digests.of(file);
        } catch (IOException e) {
            throw new S3UploadException("cannot read " + file + " to upload it to " + where(key) + ": " + e.getMessage(), e);
        }
        return put(key, RequestBody.fromFile(file), digests, digests, contentType);
    }

    /** Uploads {@code content} to {@code key}, as {@link #upload(String, Path, String)} does. */
    public UploadedObject upload(String key, byte[] content, String contentType) {
        Digests digests = Digests.of(content);
        return put(key, RequestBody.fromBytes(content), digests, digests, contentType);
    }

    /**
     * Uploads {@code content} claiming the digests {@code claimed}: for tests that show the store refuses a body
     * that does not match what the upload says.
     */
    UploadedObject upload(String key, byte[] content, byte[] claimedContent, String contentType) {
        return put(key, RequestBody.fromBytes(content), Digests.of(content), Digests.of(claimedContent), contentType);
    }

    private UploadedObject put(String key, RequestBody body, Digests actual, Digests claimed, String contentType) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                .contentType(contentType)
                .contentLength(actual.size())
                .contentMD5(claimed.md5Base64())
                .metadata(Map.of(SHA256_METADATA, claimed.sha256Hex()));
        PutObjectResponse response;
        try {
            response = client.putObject(request.build(), body);
        } catch (SdkException e) {
            throw new S3UploadException("cannot upload " + where(key) + ": " + mask(reason(e)), e);
        }
        String etag = response.eTag() == null ? "" : response.eTag().replace("\"", "").toLowerCase(Locale.ROOT);
        if (PLAIN_ETAG.matcher(etag).matches() && !etag.equals(actual.md5Hex())) {
            throw new S3UploadException("the store kept other bytes than were sent to " + where(key) + ": ETag " + etag
                    + ", MD5 of the content " + actual.md5Hex());
        }
        return new UploadedObject(key, actual.size(), actual.sha256Hex(), actual.md5Hex());
    }

    private String where(String key) {
        return "s3://" + settings.bucket() + "/" + key
                + settings.endpointOverride().map(e -> " at " + e).orElse("");
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException refused && refused.awsErrorDetails() != null) {
            AwsErrorDetails details = refused.awsErrorDetails();
            return "the store answered " + refused.statusCode()
                    + (details.errorCode() == null ? "" : " " + details.errorCode())
                    + (details.errorMessage() == null ? "" : ": " + details.errorMessage().replace('\n', ' '));
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message.replace('\n', ' ');
    }

    private String mask(String message) {
        String masked = message;
        for (String secret : secrets) {
            if (!secret.isEmpty()) masked = masked.replace(secret, "***");
        }
        return masked;
    }

    /** Closes the client and its connections. */
    @Override
    public void close() {
        client.close();
    }
}
