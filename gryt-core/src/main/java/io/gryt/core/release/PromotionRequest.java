package io.gryt.core.release;

import io.gryt.core.format.PromotionReports;
import io.gryt.core.internal.release.ReleaseRecovery;
import io.gryt.core.format.TagMessages;
import io.gryt.core.internal.release.ReleaseContext;
import io.gryt.core.internal.release.Tags;
import io.gryt.api.Artifact;
import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.event.PromotionBlocked;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.PromotionStarting;
import io.gryt.core.internal.hook.Hooks;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.api.spi.GateContext;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Versioning;
import io.gryt.core.internal.exec.Owners;
import io.gryt.core.internal.gates.AllChangesProvenGate;
import io.gryt.core.internal.gates.ContainsReleaseGate;
import io.gryt.core.internal.gates.EvolutionsFinishedGate;
import io.gryt.core.internal.gates.MinimumEvolutionsGate;
import io.gryt.core.internal.gates.NoFailedEvolutionsGate;
import io.gryt.core.internal.gates.OnlyFixChangesGate;
import io.gryt.core.internal.gates.ProvenOnCommitGate;
import io.gryt.core.internal.policy.PolicyGate;
import io.gryt.core.internal.policy.PolicyHooks;
import io.gryt.core.internal.gates.ProvingTestsGate;
import io.gryt.core.internal.yaml.GenerationFiles;
import io.gryt.core.policy.Policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.Set;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import java.util.Comparator;
import java.util.List;
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
 *
 * <p>With a project policy ({@code .gryt/policy.yaml}), gate {@code policy} checks its rules and the promotion
 * record's report keeps the policy file's SHA-256 ({@code policy_sha256}).
 */
public final class PromotionRequest {
    /** How often a waiting promotion looks again at the evolutions in progress. */
    private static final Duration POLL = Duration.ofMillis(250);
    /** How long after its end an evolution's process may still be writing its tag. */
    private static final Duration TAGGING = Duration.ofSeconds(30);
    /** How many times an evolution that started and ended between the gates and the record makes them run again. */
    private static final int MAX_RACES = 5;
    private final ReleaseContext ctx;
    private final Generations generations;
    private final String version;
    private final List<PromotionGate> extraGates;
    private String commitRevision;
    private boolean dryRun;
    private int minimumEvolutions = 1;
    private Duration waitTimeout;
    private Consumer<List<ReleaseStore.OwnedEvolution>> onWaiting = inProgress -> { };
    private List<String> announced = List.of();
    private int races;
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
     * Waits up to {@code timeout} for the generation's evolutions still pending or running to end, then promotes
     * (their results count in the gates). Without it, such an evolution blocks the promotion at once. An evolution
     * whose process died does not count: it is recorded {@code interrupted}.
     */
    public PromotionRequest waitForEvolutions(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) throw new BadInputException("the wait timeout must not be negative, was " + timeout);
        this.waitTimeout = timeout;
        return this;
    }

    /** Called each time a waiting promotion starts waiting for another set of evolutions in progress: the moment to say so. */
    public PromotionRequest onWaiting(Consumer<List<ReleaseStore.OwnedEvolution>> action) {
        this.onWaiting = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * Evaluates every gate, then promotes if all passed. Returns the promotion: {@code completed},
     * {@code blocked} (nothing released) or {@code dry_run}. Refused with a {@link BadInputException} when the
     * generation is promoted, when git tag {@code vX.Y.Z} already exists (gryt never moves or reuses a tag), or when
     * the generation file or a YAML pipeline file the proofs ran is not in the tested commit (the contract unchanged).
     * An evolution of the generation still pending or running blocks it (gate {@code evolutions-finished}),
     * checked again when the pending promotion is recorded, atomically with it, so that none can slip in between;
     * with {@link #waitForEvolutions} the promotion waits for them first.
     */
    public Promotion promote() {
        Instant started = Instant.now();
        Instant deadline = waitTimeout == null ? null : started.plus(waitTimeout);
        announced = List.of();
        races = 0;
        while (true) {
            Optional<Promotion> done = attempt(started, deadline);
            if (done.isPresent()) return done.get();
        }
    }

    /**
     * One evaluation of the gates and, if they pass, the release. Empty when an evolution started meanwhile (or
     * one is still running while there is time left to wait): the gates must be evaluated again.
     */
    private Optional<Promotion> attempt(Instant started, Instant deadline) {
        Generation generation = generations.load(version);
        if (generation.isPromoted()) {
            throw new BadInputException("generation " + version + " is already promoted (" + generation.promotedAt()
                    + "); it is immutable: start a new generation or a hot-fix");
        }
        Versioning vcs = ctx.requireVersioning();
        Tags.requireFree(vcs, version,
                "a release of " + version + " recorded in " + ctx.layout().display(ctx.layout().database()));
        ReleaseStore store = ctx.store();
        // read in this order: an evolution counted here and finished before the in-progress check is in the evidence;
        // one created after it changes the count, which is checked again once the pending promotion is recorded
        int evolutionsSeen = store.countEvolutions(version);
        List<ReleaseStore.OwnedEvolution> inProgress = ReleaseRecovery.inProgress(ctx, version);
        if ((!inProgress.isEmpty() || beingTagged(store)) && canWait(deadline)) {
            waitFor(inProgress);
            return Optional.empty();
        }
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
        Duration waited = deadline == null ? null : Duration.between(started, Instant.now());
        Optional<Policy> policy = Policies.load(ctx.layout());
        String policyHash = policy.map(Policy::sha256).orElse(null);
        List<GateResult> results = new ArrayList<>();
        List<PromotionGate> gates = gates(generation, inProgress, waited);
        policy.ifPresent(p -> gates.add(gates.size() - extraGates.size(), new PolicyGate(p, () -> store.evolutions(version))));
        for (PromotionGate gate : gates) results.add(evaluate(gate, gateContext));

        List<String> provingRuns = evidence.stream().map(ChangeEvidence::latestPass).filter(Objects::nonNull)
                .map(EvolutionRef::runId).filter(Objects::nonNull).distinct().toList();
        List<Artifact> artifacts = provingRuns.isEmpty() ? List.of() : store.artifacts(provingRuns);
        boolean allPassed = results.stream().allMatch(GateResult::passed);
        Instant now = Instant.now();
        String contractHash = GenerationFiles.contractHash(generation);
        if (dryRun) {
            return Optional.of(new Promotion(version, version, commit.orElse(null), PromotionStatus.DRY_RUN, results, artifacts, now));
        }
        if (allPassed) {
            // every gate passed: the hooks on promotion.starting may still refuse it, each veto a failed gate
            PromotionStarting starting = new PromotionStarting(version, commit.orElseThrow(), results, now);
            ctx.events().publish(starting);
            Set<ChangeType> promised = generation.changes().stream().map(Change::type).collect(Collectors.toSet());
            for (Hooks.Veto veto : ctx.hooks().before(starting, PolicyHooks.of(policy, ctx.layout().root()), promised)) {
                results.add(GateResult.block("hook " + veto.hook(), "vetoed the promotion", List.of(veto.reason())));
                allPassed = false;
            }
        }
        if (!allPassed) {
            return Optional.of(blocked(commit.orElse(null), results, artifacts, contractHash, policyHash, now));
        }
        Promotion pending = new Promotion(version, version, commit.orElseThrow(), PromotionStatus.PENDING, results, artifacts, now);
        long id;
        try {
            id = store.recordPromotion(version, pending.commit(), version, PromotionStatus.PENDING,
                    PromotionReports.toJson(pending, contractHash, policyHash, Owners.self()), now);
        } catch (EvolutionsInProgressException e) {
            // an evolution started after the gates were evaluated: wait for it, or report it as the blocking gate
            if (canWait(deadline)) {
                waitFor(e.inProgress());
                return Optional.empty();
            }
            EvolutionsFinishedGate refusal = new EvolutionsFinishedGate(e.inProgress(), waited);
            List<GateResult> refused = new ArrayList<>(results);
            refused.replaceAll(r -> r.gate().equals(refusal.name()) ? evaluate(refusal, gateContext) : r);
            return Optional.of(blocked(pending.commit(), refused, artifacts, contractHash, policyHash, now));
        }
        if (races < MAX_RACES && store.countEvolutions(version) != evolutionsSeen) {
            // an evolution started and ended between the gates and the record: its result is not in the gates
            store.endPromotion(id, PromotionStatus.ROLLED_BACK, Instant.now());
            races++;
            return Optional.empty();
        }
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
        Promotion done = new Promotion(version, version, pending.commit(), PromotionStatus.COMPLETED, results, artifacts, now);
        // the event goes to destinations' outbox in the transaction that completes the promotion
        ctx.events().recording(List.of(new PromotionCompleted(version, done.tag(), done.commit(), results, Instant.now())),
                () -> {
                    store.completePromotion(id, contractHash, Instant.now());
                    return null;
                });
        push.push(ctx, vcs, version);
        return Optional.of(done);
    }

    private Promotion blocked(String commit, List<GateResult> results, List<Artifact> artifacts, String contractHash,
                              String policyHash, Instant now) {
        Promotion blocked = new Promotion(version, version, commit, PromotionStatus.BLOCKED, results, artifacts, now);
        ctx.events().recording(List.of(new PromotionBlocked(version, commit, results, now)),
                () -> ctx.store().recordPromotion(version, commit, version, PromotionStatus.BLOCKED,
                        PromotionReports.toJson(blocked, contractHash, policyHash, null), now));
        return blocked;
    }

    private static boolean canWait(Instant deadline) {
        return deadline != null && Instant.now().isBefore(deadline);
    }

    /**
     * True while an evolution of this generation has just ended and its process is writing its tag: its proof is not
     * complete. One left untagged for longer was left by a process that died, and is tagged on the next open.
     */
    private boolean beingTagged(ReleaseStore store) {
        Instant recently = Instant.now().minus(TAGGING);
        return store.untaggedEvolutions().stream().anyMatch(e -> e.generation().equals(version)
                && e.finishedAt() != null && e.finishedAt().isAfter(recently));
    }

    private void waitFor(List<ReleaseStore.OwnedEvolution> inProgress) {
        List<String> tags = inProgress.stream().map(e -> e.evolution().tag()).toList();
        if (!tags.isEmpty() && !tags.equals(announced)) {
            announced = tags;
            onWaiting.accept(inProgress);
        }
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrytException("interrupted while waiting for evolutions to end", e);
        }
    }

    private List<PromotionGate> gates(Generation generation, List<ReleaseStore.OwnedEvolution> inProgress, Duration waited) {
        List<PromotionGate> gates = new ArrayList<>();
        gates.add(new EvolutionsFinishedGate(inProgress, waited));
        gates.add(new AllChangesProvenGate());
        gates.add(new NoFailedEvolutionsGate());
        gates.add(new ProvenOnCommitGate());
        gates.add(new ProvingTestsGate(ctx::dataRows));
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
