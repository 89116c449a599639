package io.gryt.api.read;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored generation as a report shows it.
 *
 * @param id               the store's row id
 * @param version          its version
 * @param description      its description, or {@code null}
 * @param status           its status label ({@code draft}, {@code promoted})
 * @param hotfixOf         the version it hot-fixes, or {@code null}
 * @param pipelineTemplate its pipeline template, or {@code null}
 * @param contractHash     its contract hash once frozen, or {@code null}
 * @param file             its contract file relative to the project, or {@code null}
 * @param createdAt        when it was recorded
 * @param promotedAt       when it was promoted, or {@code null}
 */
public record GenerationRecord(long id, String version, String description, String status, String hotfixOf,
                               String pipelineTemplate, String contractHash, String file, Instant createdAt,
                               Instant promotedAt) {
    public GenerationRecord {
        Objects.requireNonNull(version, "version");
    }
}
