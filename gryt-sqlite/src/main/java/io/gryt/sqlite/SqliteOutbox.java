package io.gryt.sqlite;

import io.gryt.api.spi.OutboxStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link OutboxStore} on the {@code outbox_events} and {@code outbox_deliveries} tables. Events ride in the
 * transaction of the state write they describe ({@link SqlDatabase#staging}).
 */
final class SqliteOutbox implements OutboxStore {
    private static final String DELIVERY = """
            SELECT d.event_id, d.destination, e.type, e.payload, e.at, d.attempts, d.last_error, d.next_attempt,
                   d.delivered_at
              FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
            """;

    private final SqlDatabase db;

    SqliteOutbox(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public <T> T recording(List<OutboxEvent> events, Supplier<T> write) {
        Objects.requireNonNull(write, "write");
        List<OutboxEvent> copy = List.copyOf(events);
        if (copy.isEmpty()) return write.get();
        StagedWrites.Staged<T> staged = db.staging(h -> insert(h, copy), write);
        if (!staged.done()) record(copy);
        return staged.result();
    }

    @Override
    public void record(List<OutboxEvent> events) {
        List<OutboxEvent> copy = List.copyOf(events);
        if (copy.isEmpty()) return;
        db.write("record " + copy.size() + " event(s) in the outbox", h -> {
            insert(h, copy);
            return null;
        });
    }

    private static void insert(Handle h, List<OutboxEvent> events) {
        Instant now = Instant.now();
        PreparedBatch eventRows = h.prepareBatch("""
                INSERT INTO outbox_events (id, type, payload, at, recorded_at)
                VALUES (:id, :type, :payload, :at, :recordedAt)""");
        PreparedBatch deliveryRows = h.prepareBatch("""
                INSERT INTO outbox_deliveries (event_id, destination, next_attempt)
                VALUES (:event, :destination, :next)""");
        boolean anyDelivery = false;
        for (OutboxEvent e : events) {
            eventRows.bind("id", e.id()).bind("type", e.type()).bind("payload", e.json())
                    .bindByType("at", e.at(), Instant.class).bindByType("recordedAt", now, Instant.class).add();
            for (String destination : e.destinations()) {
                deliveryRows.bind("event", e.id()).bind("destination", destination)
                        .bindByType("next", e.at(), Instant.class).add();
                anyDelivery = true;
            }
        }
        eventRows.execute();
        if (anyDelivery) deliveryRows.execute();
    }

    @Override
    public List<OutboxDelivery> claim(Collection<String> destinations, Instant now, Duration lease, int limit) {
        if (destinations.isEmpty() || limit <= 0) return List.of();
        List<String> names = List.copyOf(destinations);
        return db.write("claim outbox deliveries", h -> {
            List<OutboxDelivery> due = h.createQuery(DELIVERY + """
                             WHERE d.delivered_at IS NULL AND d.next_attempt <= :now
                               AND (d.lease_until IS NULL OR d.lease_until <= :now)
                               AND d.destination IN (<destinations>)
                             ORDER BY e.recorded_at, e.rowid, d.destination
                             LIMIT :limit""")
                    .bindByType("now", now, Instant.class)
                    .bindList("destinations", names)
                    .bind("limit", limit)
                    .map((rs, ctx) -> delivery(rs))
                    .list();
            Instant until = now.plus(lease);
            PreparedBatch take = h.prepareBatch("""
                    UPDATE outbox_deliveries SET attempts = attempts + 1, lease_until = :until
                     WHERE event_id = :event AND destination = :destination""");
            for (OutboxDelivery d : due) {
                take.bindByType("until", until, Instant.class).bind("event", d.eventId())
                        .bind("destination", d.destination()).add();
            }
            if (!due.isEmpty()) take.execute();
            return due.stream().map(d -> new OutboxDelivery(d.eventId(), d.destination(), d.type(), d.json(), d.at(),
                    d.attempts() + 1, d.lastError(), d.nextAttempt(), null)).toList();
        });
    }

    @Override
    public void retryNow(Collection<String> destinations, Instant now) {
        if (destinations.isEmpty()) return;
        List<String> names = List.copyOf(destinations);
        db.write("make outbox deliveries due", h -> h.createUpdate("""
                        UPDATE outbox_deliveries SET next_attempt = :now, lease_until = NULL
                         WHERE delivered_at IS NULL AND destination IN (<destinations>)""")
                .bindByType("now", now, Instant.class).bindList("destinations", names).execute());
    }

    @Override
    public void delivered(String eventId, String destination, Instant at) {
        db.write("acknowledge the delivery of event " + eventId + " to " + destination, h -> h.createUpdate("""
                        UPDATE outbox_deliveries SET delivered_at = :at, lease_until = NULL
                         WHERE event_id = :event AND destination = :destination AND delivered_at IS NULL""")
                .bindByType("at", at, Instant.class).bind("event", eventId).bind("destination", destination)
                .execute());
    }

    @Override
    public void failed(String eventId, String destination, String error, Instant retryAt) {
        db.write("record a failed delivery of event " + eventId + " to " + destination, h -> h.createUpdate("""
                        UPDATE outbox_deliveries SET last_error = :error, next_attempt = :next, lease_until = NULL
                         WHERE event_id = :event AND destination = :destination AND delivered_at IS NULL""")
                .bind("error", error).bindByType("next", retryAt, Instant.class).bind("event", eventId)
                .bind("destination", destination).execute());
    }

    @Override
    public List<OutboxDelivery> waiting() {
        return db.select("read the outbox", DELIVERY + " WHERE d.delivered_at IS NULL ORDER BY e.recorded_at, e.rowid,"
                + " d.destination", SqliteOutbox::delivery);
    }

    @Override
    public Optional<OutboxDelivery> delivery(String eventId, String destination) {
        return db.selectFirst("read the outbox", DELIVERY + " WHERE d.event_id = ? AND d.destination = ?",
                SqliteOutbox::delivery, eventId, destination);
    }

    private static OutboxDelivery delivery(ResultSet rs) throws SQLException {
        return new OutboxDelivery(rs.getString("event_id"), rs.getString("destination"), rs.getString("type"),
                rs.getString("payload"), Timestamps.parse(rs.getString("at")), rs.getInt("attempts"),
                rs.getString("last_error"), Timestamps.parse(rs.getString("next_attempt")),
                Timestamps.parse(rs.getString("delivered_at")));
    }
}
