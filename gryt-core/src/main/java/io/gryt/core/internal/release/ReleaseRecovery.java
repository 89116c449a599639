package io.gryt.core.internal.release;

import io.gryt.core.format.PromotionReports;
import io.gryt.core.format.TagMessages;
import io.gryt.api.event.PromotionRecovered;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Versioning;
import io.gryt.core.internal.exec.Owners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Repairs what a gryt process that died left half done, when a project is opened:
 * evolutions left pending or running by a dead process become {@code interrupted}; finished evolutions whose
 * tag was never created get it; a promotion interrupted between the database and its tag is completed when
 * the tag exists, and rolled back when it does not. Returns one line per repair, for the user.
 */
public final class ReleaseRecovery {
    private ReleaseRecovery() {
    }

    /**
     * The evolutions of {@code version} still pending or running in a live process (or one on another host); those
     * left so by a process of this host that died are recorded {@code interrupted} first, and not returned.
     */
    public static List<ReleaseStore.OwnedEvolution> inProgress(ReleaseContext ctx, String version) {
        ReleaseStore store = ctx.store();
        List<ReleaseStore.OwnedEvolution> live = new ArrayList<>();
        for (ReleaseStore.OwnedEvolution owned : store.unfinishedEvolutions()) {
            if (!owned.evolution().generation().equals(version)) continue;
            if (!interruptIfOrphaned(store, owned)) {
                live.add(owned);
                continue;
            }
            // its process will not tag it: do it now (a failure is left to the repairs of the next open)
            Optional<Versioning> vcs = ctx.versioning();
            Optional<Evolution> interrupted = store.evolution(owned.evolution().tag());
            if (vcs.isPresent() && interrupted.isPresent()) {
                try {
                    tag(vcs.get(), store, interrupted.get());
                } catch (RuntimeException e) {
                    // reported and retried by recover()
                }
            }
        }
        return live;
    }

    private static void tag(Versioning vcs, ReleaseStore store, Evolution e) {
        Tags.ensure(vcs, e.tag(), e.commit(), TagMessages.evolution(e));
        store.evolutionTagged(e.tag(), Instant.now());
    }

    private static boolean interruptIfOrphaned(ReleaseStore store, ReleaseStore.OwnedEvolution owned) {
        if (!Owners.isDeadHere(owned.owner())) return false;
        store.evolutionFinished(owned.evolution().tag(), EvolutionStatus.INTERRUPTED, Instant.now());
        return true;
    }

    /** Runs the repairs; never throws for a repair that fails (it is reported and retried next time). */
    public static List<String> recover(ReleaseContext ctx) {
        ReleaseStore store = ctx.store();
        List<String> report = new ArrayList<>();
        for (ReleaseStore.OwnedEvolution owned : store.unfinishedEvolutions()) {
            if (interruptIfOrphaned(store, owned)) {
                report.add("evolution " + owned.evolution().tag() + " was left " + owned.evolution().status().label()
                        + " by a process that died; recorded as interrupted");
            }
        }
        List<Evolution> untagged = store.untaggedEvolutions();
        List<ReleaseStore.StoredPromotion> pending = store.pendingPromotions();
        if (untagged.isEmpty() && pending.isEmpty()) return report;
        Optional<Versioning> vcs = ctx.versioning();
        if (vcs.isEmpty()) return report;
        for (Evolution e : untagged) {
            try {
                tag(vcs.get(), store, e);
                report.add("created the missing tag " + e.tag() + " (" + e.status().label() + ")");
            } catch (RuntimeException ex) {
                report.add("could not create tag " + e.tag() + ": " + ex.getMessage());
            }
        }
        for (ReleaseStore.StoredPromotion p : pending) {
            Optional<ProcessOwner> owner = PromotionReports.owner(p.reportJson());
            if (owner.isPresent() && !Owners.isDeadHere(owner.get())) continue;
            Optional<Versioning.Tag> tag = vcs.get().tag(p.tag());
            if (tag.isPresent() && tag.get().commit().equals(p.commit())) {
                store.completePromotion(p.id(), PromotionReports.contractHash(p.reportJson()).orElse(null), Instant.now());
                report.add("completed the interrupted promotion of " + p.generation() + " (tag " + p.tag() + " existed)");
                ctx.events().publish(new PromotionRecovered(p.generation(), p.tag(), PromotionStatus.COMPLETED, Instant.now()));
            } else {
                store.endPromotion(p.id(), PromotionStatus.ROLLED_BACK, Instant.now());
                report.add("rolled back the interrupted promotion of " + p.generation()
                        + " (its tag was never created); promote it again");
                ctx.events().publish(new PromotionRecovered(p.generation(), p.tag(), PromotionStatus.ROLLED_BACK, Instant.now()));
            }
        }
        return report;
    }

}
