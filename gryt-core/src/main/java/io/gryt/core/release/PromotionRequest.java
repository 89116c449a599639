package io.gryt.core.release;

import io.gryt.api.Artifact;
import io.gryt.api.BadInputException;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Versioning;
import io.gryt.core.exec.Owners;
import io.gryt.core.release.gates.AllChangesProvenGate;
import io.gryt.core.release.gates.ContainsReleaseGate;
import io.gryt.core.release.gates.MinimumEvolutionsGate;
import io.gryt.core.release.gates.NoFailedEvolutionsGate;
import io.gryt.core.release.gates.OnlyFixChangesGate;
import io.gryt.core.release.gates.ProvenOnCommitGate;
import io.gryt.core.yaml.GenerationFiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Promotes a generation: {@code gryt.promotion("v2.2.0").promote()} or {@code gryt.promote("v2.2.0")}.
 * Every gate runs and reports; only if all pass is the promoted commit tagged {@code vX.Y.Z} and the
 * generation marked promoted, with a promotion record listing the gate results and the artifacts
 * (path, SHA-256) the proving evolutions recorded.
 *
 * <p>The release tag's message anchors the audit trail: its {@code audit-head: <seq> <hash>} line records the
 * trail's head when the promotion was recorded, so that a later rewrite of the database is caught against git
 * ({@link io.gryt.core.audit.AuditVerifier}).
 *
 * <p>What ships is what was tested: the promoted commit is the commit of the generation's latest passing
 * evolution unless {@link #commit(String)} names another one on which an evolution passed.
 */
public final class PromotionRequest {
    private final ReleaseContext ctx;
    private final Generations generations;
    private final String version;
    private final List<PromotionGate> extraGates;
    private String commitRevision;
    private boolean dryRun;
    private int minimumEvolutions = 1;
    private final TagPush push = new TagPush();

    /** Created by {@link io.gryt.core.Gryt#promotion(String)}. */
    public PromotionRequest(ReleaseContext ctx, Generations generations, String version, List<PromotionGate> gates) {
        this.ctx = ctx;
        this.generations = generations;
        this.version = Objects.requireNonNull(version, "version");
        this.extraGates = new ArrayList<>(gates);
    }

    /** Promotes this revision instead of the latest passing evolution's commit (an evolution must have passed on it). */
    public PromotionRequest commit(String revision) {
        this.commitRevision = Objects.requireNonNull(revision, "revision");
        return this;
    }

    /** Evaluates and reports the gates without recording or tagging anything. */
    public PromotionRequest dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /** Requires at least {@code n} passing evolutions (1 by default; not applied to hot-fixes). */
    public PromotionRequest minimumEvolutions(int n) {
        if (n < 0) throw new BadInputException("minimum evolutions must be >= 0, was " + n);
        this.minimumEvolutions = n;
        return this;
    }

    /**
     * Pushes the release tag to {@code remote} (a git remote's name or URL) once the promotion is complete, instead
     * of to the project's {@code release.push} remote, if any.
     */
    public PromotionRequest push(String remote) {
        push.to(remote);
        return this;
    }

    /** Keeps the release tag local, whatever the project's {@code release.push} setting says. */
    public PromotionRequest noPush() {
        push.none();
        return this;
    }

    /**
     * Called when pushing the release tag fails (the promotion is complete and tagged locally all the same). By
     * default the {@link TagPushException} is thrown from {@link #promote()}.
     */
    public PromotionRequest onPushFailure(Consumer<TagPushException> action) {
        push.onFailure(action);
        return this;
    }

    /** Adds a gate for this promotion. */
    public PromotionRequest gate(PromotionGate gate) {
        extraGates.add(Objects.requireNonNull(gate, "gate"));
        return this;
    }

    /**
     * Evaluates every gate, then promotes if all passed. Returns the promotion: {@code completed},
     * {@code blocked} (nothing released) or {@code dry_run}. Refused with a {@link BadInputException} when the
     * generation is promoted, when git tag {@code vX.Y.Z} already exists (gryt never moves or reuses a tag), or when
     * the generation file or a YAML pipeline file the proofs ran is not in the tested commit (the contract unchanged).
     */
    public Promotion promote() {
        Generation generation = generations.load(version);
        if (generation.isPromoted()) {
            throw new BadInputException("generation " + version + " is already promoted (" + generation.promotedAt()
                    + "); it is immutable: start a new generation or a hot-fix");
        }
        Versioning vcs = ctx.requireVersioning();
        Tags.requireFree(vcs, version,
                "a release of " + version + " recorded in " + ctx.layout().display(ctx.layout().database()));
        ReleaseStore store = ctx.store();
        List<ChangeEvidence> evidence = store.evidence(version);
        Optional<String> commit = commitRevision != null ? Optional.of(explicitCommit(vcs, store))
                : latestPass(evidence).map(EvolutionRef::commit);
        commit.ifPresent(c -> CommittedFiles.requireForPromotion(vcs, c, generations.fileOf(version),
                CommittedFiles.provingPipelineFiles(ctx, evidence)));
        Supplier<Integer> passing = memo(() -> store.countEvolutions(version, io.gryt.api.release.EvolutionStatus.PASS));
        GateContext gateContext = new GateContext() {
            @Override
            public Generation generation() {
                return generation;
            }

            @Override
            public Optional<String> commit() {
                return commit;
            }

            @Override
            public List<ChangeEvidence> evidence() {
                return evidence;
            }

            @Override
            public int passingEvolutions() {
                return passing.get();
            }

            @Override
            public Versioning versioning() {
                return vcs;
            }
        };
        List<GateResult> results = new ArrayList<>();
        for (PromotionGate gate : gates(generation)) results.add(evaluate(gate, gateContext));

        List<String> provingRuns = evidence.stream().map(ChangeEvidence::latestPass).filter(Objects::nonNull)
                .map(EvolutionRef::runId).filter(Objects::nonNull).distinct().toList();
        List<Artifact> artifacts = provingRuns.isEmpty() ? List.of() : store.artifacts(provingRuns);
        boolean allPassed = results.stream().allMatch(GateResult::passed);
        Instant now = Instant.now();
        String contractHash = GenerationFiles.contractHash(generation);
        if (dryRun) {
            return new Promotion(version, version, commit.orElse(null), PromotionStatus.DRY_RUN, results, artifacts, now);
        }
        if (!allPassed) {
            Promotion blocked = new Promotion(version, version, commit.orElse(null), PromotionStatus.BLOCKED, results, artifacts, now);
            store.recordPromotion(version, commit.orElse(null), version, PromotionStatus.BLOCKED,
                    PromotionReports.toJson(blocked, contractHash, null), now);
            ctx.events().publish(GrytEvent.PROMOTION_BLOCKED, Map.of("generation", version,
                    "failed_gates", String.join(",", blocked.failedGates().stream().map(GateResult::gate).toList())));
            return blocked;
        }
        Promotion pending = new Promotion(version, version, commit.orElseThrow(), PromotionStatus.PENDING, results, artifacts, now);
        long id = store.recordPromotion(version, pending.commit(), version, PromotionStatus.PENDING,
                PromotionReports.toJson(pending, contractHash, Owners.self()), now);
        // the tag anchors the audit trail as it is now, the pending promotion's entry included
        Optional<AuditEntry> auditHead = ctx.audit().flatMap(AuditStore::head);
        try {
            Tags.ensure(vcs, version, pending.commit(),
                    TagMessages.release(generation, pending.commit(), contractHash, auditHead, evidence, artifacts));
        } catch (BadInputException e) {
            // the tag was taken meanwhile: nothing was released, so the record must not stay pending
            store.endPromotion(id, PromotionStatus.ROLLED_BACK, Instant.now());
            throw e;
        }
        store.completePromotion(id, contractHash, Instant.now());
        Promotion done = new Promotion(version, version, pending.commit(), PromotionStatus.COMPLETED, results, artifacts, now);
        ctx.events().publish(GrytEvent.PROMOTION_COMPLETED, Map.of("generation", version, "tag", version, "commit", done.commit()));
        push.push(ctx, vcs, version);
        return done;
    }

    private List<PromotionGate> gates(Generation generation) {
        List<PromotionGate> gates = new ArrayList<>();
        gates.add(new AllChangesProvenGate());
        gates.add(new NoFailedEvolutionsGate());
        gates.add(new ProvenOnCommitGate());
        if (generation.isHotfix()) {
            gates.add(new OnlyFixChangesGate());
            gates.add(new ContainsReleaseGate());
        } else {
            gates.add(new MinimumEvolutionsGate(minimumEvolutions));
        }
        gates.addAll(extraGates);
        return gates;
    }

    private static GateResult evaluate(PromotionGate gate, GateContext context) {
        String name;
        try {
            name = gate.name();
        } catch (RuntimeException e) {
            name = gate.getClass().getName();
        }
        try {
            GateResult r = gate.evaluate(context);
            if (r == null) return GateResult.block(name, "the gate returned no result", List.of("gate " + name + " is broken"));
            return r;
        } catch (RuntimeException e) {
            return GateResult.block(name, "the gate failed with an error", List.of(String.valueOf(e)));
        }
    }

    private String explicitCommit(Versioning vcs, ReleaseStore store) {
        String sha = vcs.resolve(commitRevision);
        boolean proven = store.evolutions(version).stream().anyMatch(e -> e.passed() && sha.equals(e.commit()));
        if (!proven) {
            throw new BadInputException("no evolution of " + version + " passed on " + commitRevision + " (" + Tags.abbrev(sha)
                    + "): only a tested commit can be promoted");
        }
        return sha;
    }

    private static Optional<EvolutionRef> latestPass(List<ChangeEvidence> evidence) {
        return evidence.stream().map(ChangeEvidence::latestPass).filter(Objects::nonNull)
                .max(Comparator.comparingInt(EvolutionRef::rc));
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = s.get();
                return value;
            }
        };
    }

}
