package io.gryt.api.read;

/**
 * An artifact data row recorded by a passing evolution.
 *
 * @param id        the data row's id
 * @param evolution the tag of the evolution whose run recorded it
 * @param path      the artifact's path
 * @param sha256    its digest
 */
public record ArtifactRecord(long id, String evolution, String path, String sha256) {
}
