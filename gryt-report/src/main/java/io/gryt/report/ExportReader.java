package io.gryt.report;

import io.gryt.api.read.ChangeProofs;
import io.gryt.api.read.EvolutionRecord;
import io.gryt.api.read.PromotionRecord;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.report.ExportSink.ChangeRow;
import io.gryt.report.ExportSink.EvolutionRow;
import io.gryt.report.ExportSink.GenerationRow;
import io.gryt.report.ExportSink.PromotionRow;
import io.gryt.report.ExportSink.ProofRow;
import io.gryt.report.ExportSink.RecordedRow;
import io.gryt.report.ExportSink.RunRow;
import io.gryt.report.ExportSink.StepRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads what an export holds from the store, streaming: generations (few) are listed first, then each one's
 * changes with their proofs, its evolutions with their steps, and its promotions each come from one typed read
 * of the store ({@link io.gryt.api.spi.RecordReads}) whose records are handed on as they arrive; the audit entries
 * stream from the {@link io.gryt.api.spi.AuditStore} (for one generation, those about it).
 */
final class ExportReader {
    private final Store store;
    private final String generation;

    /** Reads {@code store}, restricted to {@code generation} unless it is null (the caller checked it exists). */
    ExportReader(Store store, String generation) {
        this.store = store;
        this.generation = generation;
    }

    /**
     * Streams the export to {@code sink}. {@code title} names the project and {@code trail} is the verification
     * shown with it. A store that keeps no audit trail gives no entries.
     */
    void read(ExportSink sink, String title, TrailVerification trail) {
        List<GenerationRow> generations = sink.wantsGenerations() && store.recordsReleases() ? generations() : List.of();
        sink.begin(new ExportSink.Header(title, generation, generations.stream().map(GenerationRow::version).toList(),
                trail));
        for (GenerationRow g : generations) {
            sink.beginGeneration(g);
            changes(g.version(), sink);
            sink.beginEvolutions();
            evolutions(g.version(), sink);
            sink.beginPromotions();
            promotions(g.version(), sink);
            sink.endGeneration();
        }
        sink.beginEntries();
        entries(sink);
        sink.end();
    }

    /** The generations in scope, oldest first (a handful: held in memory). */
    List<GenerationRow> generations() {
        return store.reads().generationRecords(Optional.ofNullable(generation)).stream()
                .map(g -> new GenerationRow(g.id(), g.version(), g.description(), g.status(), g.hotfixOf(),
                        g.pipelineTemplate(), g.contractHash(), g.file(), iso(g.createdAt()), iso(g.promotedAt())))
                .toList();
    }

    private void changes(String version, ExportSink sink) {
        store.reads().changeProofs(version, c -> {
            sink.beginChange(new ChangeRow(c.changeId(), c.type(), c.title(), c.description()));
            for (ChangeProofs.Proof p : c.proofs()) sink.proof(new ProofRow(p.tag(), p.status(), p.commit(), p.runId()));
            sink.endChange();
        });
    }

    private void evolutions(String version, ExportSink sink) {
        store.reads().evolutionRecords(version, e -> sink.evolution(new EvolutionRow(e.rc(), e.tag(), e.status(),
                e.changes(), e.commit(), e.runId(), e.allowDirty(), iso(e.createdAt()), iso(e.finishedAt()),
                e.run() == null ? null : new RunRow(e.run().id(), e.run().pipeline(), e.run().status(),
                        iso(e.run().startedAt()), iso(e.run().finishedAt())),
                e.steps().stream().map(ExportReader::step).toList(), e.policyHash())));
    }

    private static StepRow step(EvolutionRecord.Step s) {
        return new StepRow(s.name(), s.status(), s.exitCode(), s.attempts(), s.durationMs(), iso(s.startedAt()),
                iso(s.finishedAt()), s.error(), s.recorded().stream()
                .map(r -> new RecordedRow(r.id(), r.kind(), r.name(), r.value(), r.number(), r.sha256())).toList());
    }

    private void promotions(String version, ExportSink sink) {
        for (PromotionRecord p : store.reads().promotionRecords(version)) {
            sink.promotion(new PromotionRow(p.id(), p.status(), p.commit(), p.tag(), iso(p.startedAt()),
                    iso(p.finishedAt()), p.report()));
        }
    }

    private void entries(ExportSink sink) {
        AuditStore audit;
        try {
            audit = store.audit();
        } catch (StoreException e) {
            return; // a store without a trail (the export says so in its verification)
        }
        if (generation == null) {
            audit.entries(1, sink::entry);
        } else {
            audit.entriesAbout(generation, sink::entry);
        }
    }

    /** A time as reports write it ({@link Instant#toString()}), or null. */
    static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
