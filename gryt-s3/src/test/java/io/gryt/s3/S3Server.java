package io.gryt.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for the tests: s3proxy on a free loopback port, storing objects as files under a
 * directory (jclouds' filesystem backend), checking AWS signatures with its own keys. Reads back through a
 * client of its own, independent of the uploader under test.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "gryt-test-access-key";
    static final String SECRET_KEY = "gryt-test-secret-key-do-not-print";
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;
    private final S3Client reader;

    private S3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
        this.reader = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static S3Server shared;

    /**
     * The server the test classes share (starting s3proxy takes seconds), stopped and its files deleted when the
     * test JVM exits; each class uses buckets or key prefixes of its own.
     */
    static synchronized S3Server shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("gryt-s3proxy");
            S3Server server = start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    // the JVM is exiting: nothing to report to
                }
                delete(dir);
            }));
            shared = server;
        }
        return shared;
    }

    /** Creates {@code bucket} unless it exists. */
    synchronized void bucket(String bucket) {
        if (reader.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            reader.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Starts a server storing under {@code dir}, with {@code buckets} created. */
    static S3Server start(Path dir, String... buckets) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential")
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 200 && !proxy.getState().equals("STARTED"); i++) Thread.sleep(25);
        S3Server server = new S3Server(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
        for (String bucket : buckets) server.reader.createBucket(b -> b.bucket(bucket));
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Settings for {@code bucket} of this server. */
    S3Settings settings(String bucket) {
        return S3Settings.compatible(endpoint, bucket);
    }

    static S3Credentials credentials() {
        return S3Credentials.of(ACCESS_KEY, SECRET_KEY);
    }

    byte[] read(String bucket, String key) {
        ResponseBytes<GetObjectResponse> bytes = reader.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        return bytes.asByteArray();
    }

    HeadObjectResponse head(String bucket, String key) {
        return reader.headObject(b -> b.bucket(bucket).key(key));
    }

    /**
     * Every object's key under {@code prefix}, sorted; without the directories jclouds' filesystem backend lists as
     * {@code .../} keys (S3 itself has none).
     */
    List<String> keys(String bucket, String prefix) {
        return reader.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).filter(k -> !k.endsWith("/")).sorted().toList();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind
        }
    }

    @Override
    public void close() {
        reader.close();
        try {
            proxy.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy: " + e.getMessage(), e);
        } finally {
            context.close();
        }
    }
}
