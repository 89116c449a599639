-- destinations
-- The outbox of events on their way to destinations: each event once, written in the transaction of the state it
-- describes, and one delivery row per event and destination. A delivery row is updated as attempts fail and once
-- it is acknowledged (delivered_at), never deleted. Neither table is part of the audit trail.
CREATE TABLE outbox_events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    at          TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE outbox_deliveries (
    event_id     TEXT NOT NULL REFERENCES outbox_events (id),
    destination  TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    next_attempt TEXT NOT NULL,
    lease_until  TEXT,
    delivered_at TEXT,
    PRIMARY KEY (event_id, destination)
);

CREATE INDEX outbox_deliveries_waiting ON outbox_deliveries (delivered_at, next_attempt);
