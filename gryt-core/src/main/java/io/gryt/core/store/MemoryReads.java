package io.gryt.core.store;

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
import io.gryt.api.spi.RecordReads;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The typed reads of a {@link MemoryStore}: the run reads over its runs; it records no generations, so the
 * release reads find nothing (and a read restricted to a generation finds no run).
 */
final class MemoryReads implements RecordReads {
    private final MemoryStore store;

    MemoryReads(MemoryStore store) {
        this.store = store;
    }

    @Override
    public List<GenerationRecord> generationRecords(Optional<String> version) {
        return List.of();
    }

    @Override
    public void changeProofs(String version, Consumer<ChangeProofs> each) {
        Objects.requireNonNull(version, "version");
    }

    @Override
    public void evolutionRecords(String version, Consumer<EvolutionRecord> each) {
        Objects.requireNonNull(version, "version");
    }

    @Override
    public List<PromotionRecord> promotionRecords(String version) {
        return List.of();
    }

    @Override
    public EvolutionTally evolutionTally(Optional<String> version) {
        return new EvolutionTally(Map.of(), 0, 0);
    }

    @Override
    public StepTally stepTally(String version) {
        return new StepTally(Map.of(), 0);
    }

    @Override
    public List<ArtifactRecord> passingArtifacts(String version, Collection<String> sha256s) {
        return List.of();
    }

    @Override
    public List<FinishedRun> finishedRuns(Optional<String> version) {
        return version.isPresent() ? List.of() : store.finishedRuns();
    }

    @Override
    public List<FlakyStep> flakySteps(Optional<String> version) {
        return version.isPresent() ? List.of() : store.retriedSteps();
    }

    @Override
    public List<GenerationEvidence> evidenceOfAll() {
        return List.of();
    }

    @Override
    public List<Evolution> recentEvolutions(int limit) {
        return List.of();
    }
}
