package io.gryt.api.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release contract: what version {@code vX.Y.Z} must contain, and the pipeline that proves it.
 *
 * @param version          the version, {@code vMAJOR.MINOR.PATCH}
 * @param description      what the release is about (may be empty)
 * @param changes          the promised changes, in file order
 * @param pipelineTemplate the pipeline that proves them ({@code .gryt/pipelines/<name>.yaml})
 * @param hotfixOf         the promoted generation this hot-fix patches, or {@code null}
 * @param status           draft or promoted
 * @param contractHash     SHA-256 of the contract's canonical form (frozen at promotion); {@code null} if unknown
 * @param promotedAt       when it was promoted, or {@code null}
 */
public record Generation(String version, String description, List<Change> changes, String pipelineTemplate,
                         String hotfixOf, GenerationStatus status, String contractHash, Instant promotedAt) {
    public Generation {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        description = description == null ? "" : description;
        changes = List.copyOf(changes);
    }

    /** The change with id {@code id}. */
    public Optional<Change> change(String id) {
        return changes.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** True for a hot-fix generation. */
    public boolean isHotfix() {
        return hotfixOf != null;
    }

    /** True once promoted. */
    public boolean isPromoted() {
        return status == GenerationStatus.PROMOTED;
    }
}
