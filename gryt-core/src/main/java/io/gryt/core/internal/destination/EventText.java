package io.gryt.core.internal.destination;

import io.gryt.api.event.DestinationTested;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.EvolutionStarted;
import io.gryt.api.event.GenerationCreated;
import io.gryt.api.event.GenerationDeleted;
import io.gryt.api.event.GenerationSynced;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.HotfixCreated;
import io.gryt.api.event.PromotionBlocked;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.PromotionRecovered;
import io.gryt.api.event.RunFinished;
import io.gryt.api.event.RunStarted;
import io.gryt.api.event.StepFailed;
import io.gryt.api.event.StepFinished;
import io.gryt.api.event.StepStarted;
import io.gryt.api.release.GateResult;
import io.gryt.core.text.Durations;

import java.util.List;
import java.util.stream.Collectors;

/** One concise line per event, for chat destinations: generation, changes, status, gate summary. */
final class EventText {
    private EventText() {
    }

    static String of(GrytEvent event) {
        if (event instanceof EvolutionFinished e) {
            return "Evolution " + e.tag() + " of " + e.generation() + ": *" + e.status().name().toLowerCase() + "*"
                    + changes(e.changes()) + " in " + took(e.duration())
                    + (e.commit() == null ? "" : " on " + shortCommit(e.commit()));
        }
        if (event instanceof EvolutionStarted e) {
            return "Evolution " + e.tag() + " of " + e.generation() + " started" + changes(e.changes()) + " on "
                    + shortCommit(e.commit());
        }
        if (event instanceof PromotionCompleted e) {
            return "Promoted " + e.generation() + " (tag " + e.tag() + ") on " + shortCommit(e.commit()) + ": "
                    + gates(e.gates());
        }
        if (event instanceof PromotionBlocked e) {
            return "Promotion of " + e.generation() + " *blocked*: " + gates(e.gates()) + "; failed: "
                    + e.failedGates().stream().map(g -> g.gate() + " (" + g.summary() + ")").collect(Collectors.joining(", "));
        }
        if (event instanceof PromotionRecovered e) {
            return "Interrupted promotion of " + e.generation() + " recovered: " + e.outcome().name().toLowerCase();
        }
        if (event instanceof RunFinished e) {
            return "Run " + e.runId() + " of " + e.pipeline() + ": *" + e.status().label() + "* in "
                    + took(e.duration());
        }
        if (event instanceof RunStarted e) return "Run " + e.runId() + " of " + e.pipeline() + " started";
        if (event instanceof StepFailed e) {
            return "Step " + e.step() + " of run " + e.runId() + " *" + e.status().label() + "*"
                    + (e.error().isEmpty() ? "" : ": " + e.error()) + " after " + e.attempts() + " attempt(s)";
        }
        if (event instanceof StepFinished e) {
            return "Step " + e.step() + " of run " + e.runId() + ": " + e.status().label() + " in "
                    + took(e.duration());
        }
        if (event instanceof StepStarted e) return "Step " + e.step() + " of run " + e.runId() + " started (attempt " + e.attempt() + ")";
        if (event instanceof GenerationCreated e) return "Generation " + e.generation() + " created" + changes(e.changes());
        if (event instanceof HotfixCreated e) {
            return "Hot-fix " + e.generation() + " of " + e.hotfixOf() + " created" + changes(e.changes());
        }
        if (event instanceof GenerationSynced e) return "Generation " + e.generation() + " synced (" + e.status().name().toLowerCase() + ")";
        if (event instanceof GenerationDeleted e) return "Generation " + e.generation() + " deleted";
        if (event instanceof DestinationTested e) return "gryt test event for destination " + e.destination();
        return event.type();
    }

    /** The generation or run an event is about, for report links. */
    static String subject(GrytEvent event) {
        if (event instanceof EvolutionFinished e) return e.generation();
        if (event instanceof EvolutionStarted e) return e.generation();
        if (event instanceof PromotionCompleted e) return e.generation();
        if (event instanceof PromotionBlocked e) return e.generation();
        if (event instanceof PromotionRecovered e) return e.generation();
        if (event instanceof RunFinished e) return e.runId();
        return null;
    }

    /** A duration for people: {@code 2.4s} under a minute, {@code 3m12s} above. */
    static String took(java.time.Duration d) {
        if (d.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        return Durations.format(d.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static String changes(List<String> ids) {
        return ids.isEmpty() ? "" : " (changes " + String.join(", ", ids) + ")";
    }

    private static String gates(List<GateResult> gates) {
        long passed = gates.stream().filter(GateResult::passed).count();
        return "gates " + passed + "/" + gates.size() + " passed";
    }

    private static String shortCommit(String commit) {
        return commit == null ? "?" : commit.length() > 10 ? commit.substring(0, 10) : commit;
    }
}
