package io.gryt.api.spi;

import io.gryt.api.event.AlertRaised;
import io.gryt.api.Artifact;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.PromotionStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records generations, evolutions and promotions. Every method is one transaction; the evidence methods are
 * one query each whatever the number of changes, so that promotion stays fast at scale.
 */
public interface ReleaseStore {
    /**
     * Makes the stored generation agree with its contract file: inserts it, or for a draft updates its
     * fields and changes (new changes added, removed ones deleted, which is refused with a
     * {@link io.gryt.api.BadInputException} for a change that already has evolutions). A promoted generation
     * is left unchanged. Returns the stored generation (with status and hashes).
     */
    Generation syncGeneration(Generation contract, String file, Instant at);

    /**
     * Deletes draft generation {@code version} and its changes (recorded in the audit trail). Refused with a
     * {@link io.gryt.api.BadInputException} saying why for a generation with evidence: promoted, or with
     * evolutions or promotion attempts. Returns false when no generation {@code version} is stored.
     */
    boolean deleteGeneration(String version);

    /** The stored generation {@code version}. */
    Optional<Generation> generation(String version);

    /** All stored generations, by version order of creation. */
    List<Generation> generations();

    /**
     * Allocates the next RC number of {@code version} and records a {@code pending} evolution proving
     * {@code changeIds} on {@code commit}. RC numbers are unique and gap-free per generation even when several
     * processes call this at once. Refused with a {@link io.gryt.api.BadInputException} for an unknown or promoted
     * generation, one with a promotion {@code pending} (being written), or a change the generation does not declare.
     */
    Evolution createEvolution(String version, List<String> changeIds, String commit, boolean allowDirty,
                              ProcessOwner owner, Instant at);

    /** Marks an evolution {@code running} with its pipeline run. */
    void evolutionRunning(String tag, String runId);

    /** Records an evolution's final status. Does nothing if it already ended. */
    void evolutionFinished(String tag, EvolutionStatus status, Instant at);

    /**
     * Records the SHA-256 of the policy file that applied to evolution {@code tag} (in the audit trail, for a store
     * that keeps one); {@link Evolution#policyHash()} reads it back. A store that cannot record it refuses.
     */
    default void evolutionPolicy(String tag, String policyHash) {
        throw new UnsupportedOperationException(getClass().getName() + " does not record policy hashes");
    }

    /** Records a raised alert in the audit trail; a store without an audit trail keeps nothing. */
    default void recordAlert(AlertRaised alert) {
    }

    /** Records that an evolution's git tag now exists (a finished evolution without it is tagged on recovery). */
    void evolutionTagged(String tag, Instant at);

    /** Finished evolutions whose git tag was not recorded as created. */
    List<Evolution> untaggedEvolutions();

    /** One evolution. */
    Optional<Evolution> evolution(String tag);

    /** A generation's evolutions, by RC number. */
    List<Evolution> evolutions(String version);

    /**
     * A generation's evolutions, by RC number, handed to {@code each} as they are read, none held (by default from
     * {@link #evolutions(String)}; stores override it to stream).
     */
    default void eachEvolution(String version, Consumer<Evolution> each) {
        evolutions(version).forEach(each);
    }

    /** Evolutions still pending or running, with the process that owns them (for crash recovery). */
    List<OwnedEvolution> unfinishedEvolutions();

    /** Per change of {@code version}: its latest finished and latest passing evolution, in one query. */
    List<ChangeEvidence> evidence(String version);

    /** How many evolutions of {@code version} ended with {@code status}. */
    int countEvolutions(String version, EvolutionStatus status);

    /** How many evolutions {@code version} has, whatever their status (by default by reading them all). */
    default int countEvolutions(String version) {
        return evolutions(version).size();
    }

    /** The highest RC number of {@code version}'s evolutions, 0 when it has none (by default by reading them all). */
    default int lastRc(String version) {
        return evolutions(version).stream().mapToInt(Evolution::rc).max().orElse(0);
    }

    /** The artifacts the given runs recorded, in one query. */
    List<Artifact> artifacts(Collection<String> runIds);

    /**
     * Records a promotion decision. For {@link PromotionStatus#PENDING} the generation is not yet promoted:
     * {@link #completePromotion} finishes it once the tag exists. Returns the promotion's id. A pending or completed
     * promotion is refused with an {@link EvolutionsInProgressException} while an evolution of the generation is
     * pending or running, checked in the same transaction (and under the same lock as {@link #createEvolution}),
     * so that no release is decided before every proof of it has ended.
     */
    long recordPromotion(String version, String commit, String tag, PromotionStatus status, String reportJson,
                         Instant at);

    /**
     * Marks promotion {@code id} completed and its generation promoted with {@code contractHash}, atomically; the
     * stored report's top-level {@code status} becomes {@code completed} too.
     */
    void completePromotion(long id, String contractHash, Instant at);

    /** Ends a pending promotion with another status (rolled back), in its stored report's {@code status} too. */
    void endPromotion(long id, PromotionStatus status, Instant at);

    /** Promotions left pending by a process that stopped between the database and the tag. */
    List<StoredPromotion> pendingPromotions();

    /** The promotions of {@code version}, oldest first. */
    List<StoredPromotion> promotions(String version);

    /**
     * An unfinished evolution and its owner.
     *
     * @param evolution the evolution
     * @param owner     the process that started it
     */
    record OwnedEvolution(Evolution evolution, ProcessOwner owner) {
    }

    /**
     * A stored promotion.
     *
     * @param id         its id
     * @param generation the generation's version
     * @param commit     the commit promoted
     * @param tag        the release tag
     * @param status     its status
     * @param reportJson the gate report and artifacts as JSON; when it is an object, its top-level {@code status}
     *                   says what happened: the store sets it to the promotion's status as the promotion ends
     *                   ({@link #completePromotion}, {@link #endPromotion})
     * @param at         when it was recorded
     */
    record StoredPromotion(long id, String generation, String commit, String tag, PromotionStatus status,
                           String reportJson, Instant at) {
    }
}
