package io.gryt.api.read;

import java.time.Instant;

/**
 * A promotion attempt with its stored gate report.
 *
 * @param id         the store's row id
 * @param status     its status label
 * @param commit     the commit it promoted
 * @param tag        the release tag
 * @param startedAt  when it was recorded
 * @param finishedAt when it ended, or {@code null}
 * @param report     the gate report and artifacts as JSON text, or {@code null}
 */
public record PromotionRecord(long id, String status, String commit, String tag, Instant startedAt,
                              Instant finishedAt, String report) {
}
