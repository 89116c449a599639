package io.gryt.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only, hash-chained audit log. {@code hash} is the SHA-256 (lower-case hex) of the
 * entry's canonical form, which includes {@code prevHash}, so that changing, removing, inserting or reordering
 * any entry breaks every hash after it. The canonical form is documented in {@code docs/audit.md}.
 *
 * @param seq      the sequence number, from 1, without gaps
 * @param at       when the state change happened
 * @param actor    who caused it (git user, else OS user)
 * @param event    what happened, e.g. {@code step.finished}
 * @param payload  the facts, as canonical JSON (keys sorted, no insignificant white space), secrets masked
 * @param prevHash the previous entry's hash ({@code 64 zeros} for the first)
 * @param hash     this entry's hash
 */
public record AuditEntry(long seq, Instant at, String actor, String event, String payload, String prevHash, String hash) {
    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
