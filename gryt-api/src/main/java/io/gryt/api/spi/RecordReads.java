package io.gryt.api.spi;

import io.gryt.api.read.ArtifactRecord;
import io.gryt.api.read.ChangeProofs;
import io.gryt.api.read.EvolutionRecord;
import io.gryt.api.read.EvolutionTally;
import io.gryt.api.read.FinishedRun;
import io.gryt.api.read.FlakyStep;
import io.gryt.api.read.GenerationEvidence;
import io.gryt.api.read.GenerationRecord;
import io.gryt.api.read.PromotionRecord;
import io.gryt.api.read.StepTally;
import io.gryt.api.release.Evolution;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The typed reads reports, metrics, the command line and dashboards need, beyond those of {@link RunStore} and
 * {@link ReleaseStore}: each is one read of the store (a query, or one consistent read transaction), whatever
 * the number of generations, changes or runs. The streaming methods hand records to a consumer as they are
 * read and hold at most one (a change with its proofs, an evolution with its steps) at a time, so that an
 * export's memory stays bounded however big the record is.
 *
 * <p>A store that records runs but no releases answers the release reads as empty. An unknown version reads as
 * nothing recorded (empty lists, zero tallies), never as an error: callers check the generation first.
 *
 * <p>Stability: experimental; reads may be added (with defaults) as dashboards need them.
 */
public interface RecordReads {
    /** Generation {@code version}, or every generation when empty; oldest first (by creation, then id). */
    List<GenerationRecord> generationRecords(Optional<String> version);

    /** Per change of {@code version}, in contract order: the change and every evolution that names it. */
    void changeProofs(String version, Consumer<ChangeProofs> each);

    /** The evolutions of {@code version} by RC number, each with its run and steps, streamed. */
    void evolutionRecords(String version, Consumer<EvolutionRecord> each);

    /** The promotions of {@code version}, oldest first. */
    List<PromotionRecord> promotionRecords(String version);

    /** Evolutions of {@code version} (of every generation when empty) by status, with the RC range. */
    EvolutionTally evolutionTally(Optional<String> version);

    /** Step results of the runs of {@code version}'s evolutions, by status, and how many runs. */
    StepTally stepTally(String version);

    /**
     * The artifact data rows that passing evolutions of {@code version} recorded with one of {@code sha256s}, by
     * row id.
     */
    List<ArtifactRecord> passingArtifacts(String version, Collection<String> sha256s);

    /**
     * Runs that ended in pass or fail with their times: every run, or with {@code version} the runs of its
     * evolutions; by start time.
     */
    List<FinishedRun> finishedRuns(Optional<String> version);

    /**
     * Steps that failed and then passed (on a retry within a run, or in a later evolution of the same commit of
     * the same generation), with in how many runs; most runs first, then by name. Restricted to {@code version}'s
     * evolutions when given.
     */
    List<FlakyStep> flakySteps(Optional<String> version);

    /** Every generation's evidence (as {@link ReleaseStore#evidence}), in one read, by version order of creation. */
    List<GenerationEvidence> evidenceOfAll();

    /** The most recent evolutions of every generation, newest first (by creation time). */
    List<Evolution> recentEvolutions(int limit);
}
