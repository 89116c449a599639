package io.gryt.api.read;

import io.gryt.api.release.ChangeEvidence;

import java.util.List;
import java.util.Objects;

/**
 * One generation's evidence: per change, its latest finished and latest passing evolution.
 *
 * @param version  the generation's version
 * @param evidence per change in contract order
 */
public record GenerationEvidence(String version, List<ChangeEvidence> evidence) {
    public GenerationEvidence {
        Objects.requireNonNull(version, "version");
        evidence = List.copyOf(evidence);
    }
}
