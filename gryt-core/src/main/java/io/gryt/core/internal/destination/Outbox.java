package io.gryt.core.internal.destination;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.gryt.api.BadInputException;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.OutboxStore;
import io.gryt.api.spi.OutboxStore.OutboxDelivery;
import io.gryt.api.spi.OutboxStore.OutboxEvent;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.core.internal.secret.SecretMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Sends events to destinations through the store's outbox. An event is written to the outbox with the state it
 * describes ({@link #recording}); a background thread then delivers what is due, each delivery with a few quick
 * retries (Failsafe) and, when they fail, a later attempt with exponential backoff. Nothing here ever fails or
 * waits for a run or a promotion: a delivery's failure is recorded (secrets masked) and shown by
 * {@code gryt destinations status}.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** How long a claimed delivery is reserved for the process that claimed it. */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** The first wait after a failed attempt; doubled on each failure, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 50;

    private final OutboxStore store;
    private final Map<String, Destination> destinations;
    private final SecretMask secrets;
    private final RetryPolicy<Object> quickRetries;
    private final ExecutorService sender;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Outbox(OutboxStore store, List<Destination> destinations, List<String> secretValues, Duration retryDelay) {
        this.store = store;
        Map<String, Destination> byName = new LinkedHashMap<>();
        for (Destination d : destinations) byName.put(d.name(), d);
        this.destinations = byName;
        this.secrets = SecretMask.of(secretValues);
        // bad settings (a secret missing from the environment) will not mend in a second: no quick retry for them
        this.quickRetries = RetryPolicy.builder().handle(Exception.class).abortOn(BadInputException.class).withMaxRetries(2)
                .withBackoff(retryDelay, retryDelay.multipliedBy(4)).build();
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gryt-destinations");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The outbox of {@code store} for {@code destinations}, or empty when there are none; when the store keeps no
     * outbox, empty too, with a warning.
     */
    public static Optional<Outbox> of(Store store, List<Destination> destinations, List<String> secretValues) {
        if (destinations.isEmpty() || store.readOnly()) return Optional.empty();
        try {
            return Optional.of(new Outbox(store.outbox(), destinations, secretValues, Duration.ofMillis(200)));
        } catch (StoreException e) {
            LOG.warn("{}: events are not sent to destinations", e.getMessage());
            return Optional.empty();
        }
    }

    /** The destinations, by name, in configuration order. */
    public Map<String, Destination> destinations() {
        return destinations;
    }

    /** {@code text} with every destination secret masked. */
    public String mask(String text) {
        return secrets.apply(text);
    }

    /** The outbox entries of {@code events}: those some destination subscribes to, each with its destinations. */
    List<OutboxEvent> entries(List<GrytEvent> events) {
        List<OutboxEvent> entries = new ArrayList<>();
        for (GrytEvent e : events) {
            List<String> to = destinations.values().stream().filter(d -> d.subscribes(e.type())).map(Destination::name)
                    .toList();
            if (!to.isEmpty()) {
                entries.add(new OutboxEvent(UUID.randomUUID().toString(), e.type(), secrets.apply(EventJson.toJson(e)),
                        e.at(), to));
            }
        }
        return entries;
    }

    /** Runs the store write {@code write} and records {@code events} in its transaction; then starts delivering. */
    public <T> T recording(List<GrytEvent> events, Supplier<T> write) {
        List<OutboxEvent> entries = entries(events);
        if (entries.isEmpty()) return write.get();
        T result = store.recording(entries, write);
        nudge();
        return result;
    }

    /** Records {@code event} in a transaction of its own, then starts delivering. Never throws. */
    public void record(GrytEvent event) {
        try {
            List<OutboxEvent> entries = entries(List.of(event));
            if (entries.isEmpty()) return;
            store.record(entries);
            nudge();
        } catch (RuntimeException e) {
            LOG.warn("could not record {} for destinations: {}", event.type(), mask(e.getMessage()));
        }
    }

    /** A {@link RunStore} that records run and step events with the writes they describe. */
    public RunStore runStore(RunStore runs) {
        return new OutboxRunStore(runs, this);
    }

    /** Delivers what is due in the background, unless a pass is already waiting to start. */
    void nudge() {
        if (closed.get() || !queued.compareAndSet(false, true)) return;
        try {
            sender.execute(() -> {
                queued.set(false);
                deliverDue();
            });
        } catch (RuntimeException e) {
            queued.set(false); // shut down meanwhile: what is due stays in the outbox
        }
    }

    /** Delivers every due delivery once (with quick retries). Returns what happened to each. */
    List<Outcome> deliverDue() {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<OutboxDelivery> batch;
            do {
                batch = store.claim(destinations.keySet(), Instant.now(), LEASE, BATCH);
                for (OutboxDelivery d : batch) outcomes.add(deliver(d));
            } while (batch.size() == BATCH && !closed.get());
        } catch (RuntimeException e) {
            LOG.warn("could not read the outbox: {}", mask(e.getMessage()));
        }
        return outcomes;
    }

    /** Sends one claimed delivery and records how it went. */
    private Outcome deliver(OutboxDelivery d) {
        Destination destination = destinations.get(d.destination());
        try {
            GrytEvent event = EventJson.fromJson(d.type(), d.json());
            Delivery delivery = new Delivery(d.eventId(), d.destination(), event, d.json(), d.attempts(), d.at());
            Failsafe.with(quickRetries).run(() -> destination.deliver(delivery));
        } catch (RuntimeException | LinkageError e) {
            Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
            String error = mask(describe(cause));
            Instant retryAt = Instant.now().plus(backoff(d.attempts()));
            try {
                store.failed(d.eventId(), d.destination(), error, retryAt);
            } catch (RuntimeException recording) {
                LOG.warn("could not record a failed delivery: {}", mask(recording.getMessage()));
            }
            return new Outcome(d, false, error);
        }
        store.delivered(d.eventId(), d.destination(), Instant.now());
        return new Outcome(d, true, null);
    }

    /** How long to wait after the {@code attempts}-th failed attempt. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF;
        for (int i = 1; i < attempts && wait.compareTo(MAX_BACKOFF) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) return kind;
        return message.replaceAll("\\R", " ");
    }

    /**
     * Makes every waiting delivery due and delivers them now, in this thread ({@code gryt destinations flush}).
     * Returns what happened to each.
     */
    public List<Outcome> flush() {
        store.retryNow(destinations.keySet(), Instant.now());
        return deliverDue();
    }

    /** The deliveries not acknowledged yet, oldest first (errors already masked when recorded). */
    public List<OutboxDelivery> waiting() {
        return store.waiting();
    }

    /** The outbox store, for tests and the status command. */
    public OutboxStore store() {
        return store;
    }

    /**
     * Stops delivering: lets the pass under way (or one more, for what the command just recorded) run for at most
     * {@code patience}, then leaves the rest in the outbox and closes the destinations.
     */
    public void close(Duration patience) {
        if (!closed.compareAndSet(false, true)) return;
        sender.execute(this::deliverDue);
        sender.shutdown();
        try {
            if (!sender.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("left undelivered events in the outbox after {} (gryt destinations status)", patience);
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (Destination d : destinations.values()) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.warn("closing destination {}: {}", d.name(), mask(e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * What one delivery attempt did.
     *
     * @param delivery the delivery, as claimed
     * @param sent     true when the destination acknowledged it
     * @param error    why not, secrets masked; {@code null} when sent
     */
    public record Outcome(OutboxDelivery delivery, boolean sent, String error) {
    }
}
