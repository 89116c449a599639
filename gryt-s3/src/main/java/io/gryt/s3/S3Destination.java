package io.gryt.s3;

import io.gryt.api.event.DestinationTested;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.PromotionRecovered;
import io.gryt.api.event.RunFinished;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationSettings;
import io.gryt.api.spi.Store;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The {@code s3} destination: {@code run.finished} uploads the run's step logs and artifacts,
 * {@code promotion.completed} the release evidence bundle (so does {@code promotion.recovered} when recovery
 * completed the promotion), {@code destination.test} one small object; other
 * events have nothing to upload and are acknowledged as they are. Keys depend only on the event
 * ({@link ObjectKeys}), so a resend after a crash overwrites the same objects with the same content. The
 * credentials are read from the environment at the first delivery, never before.
 */
final class S3Destination implements Destination {
    private final DestinationSettings settings;
    private final S3Settings s3;
    private final ObjectKeys keys;
    private S3Bucket bucket;

    S3Destination(DestinationSettings settings, S3Settings s3, ObjectKeys keys) {
        this.settings = settings;
        this.s3 = s3;
        this.keys = keys;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Set<String> events() {
        return settings.events();
    }

    /** Where it uploads. */
    S3Settings s3() {
        return s3;
    }

    ObjectKeys keys() {
        return keys;
    }

    @Override
    public void deliver(Delivery delivery) {
        GrytEvent event = delivery.event();
        if (event instanceof RunFinished run) {
            new RunUpload(bucket(), keys, store(event), settings.projectDir()).upload(delivery.id(), run);
        } else if (event instanceof PromotionCompleted promotion) {
            new EvidenceBundle(bucket(), keys, store(event), settings.projectDir()).upload(delivery.id(), promotion);
        } else if (event instanceof PromotionRecovered recovered && recovered.outcome() == PromotionStatus.COMPLETED) {
            new EvidenceBundle(bucket(), keys, store(event), settings.projectDir()).upload(delivery.id(), recovered);
        } else if (event instanceof DestinationTested) {
            bucket().upload(keys.test(delivery.id()), delivery.json().getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    private Store store(GrytEvent event) {
        if (settings.store() == null) throw settings.problem("no store to read the records of " + event.type() + " from");
        return settings.store();
    }

    private synchronized S3Bucket bucket() {
        if (bucket == null) {
            String accessKey = settings.secret(S3DestinationProvider.ACCESS_KEY).orElseThrow();
            String secretKey = settings.secret(S3DestinationProvider.SECRET_KEY).orElseThrow();
            String token = settings.secret(S3DestinationProvider.SESSION_TOKEN).orElse(null);
            bucket = S3Bucket.connect(s3, new S3Credentials(accessKey, secretKey, token));
        }
        return bucket;
    }

    @Override
    public synchronized void close() {
        if (bucket != null) bucket.close();
        bucket = null;
    }
}
