package io.gryt.api.spi;

import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Generation;

import java.util.List;
import java.util.Optional;

/** What a {@link PromotionGate} may look at. */
public interface GateContext {
    /** The generation being promoted. */
    Generation generation();

    /** The commit that would be promoted, or empty when no evolution passed. */
    Optional<String> commit();

    /** Per change: its latest finished and latest passing evolution (read once, shared by all gates). */
    List<ChangeEvidence> evidence();

    /** How many evolutions of the generation passed. */
    int passingEvolutions();

    /** The project's version control. */
    Versioning versioning();
}
