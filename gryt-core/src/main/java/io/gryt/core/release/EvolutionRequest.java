package io.gryt.core.release;

import io.gryt.core.internal.release.Tags;
import io.gryt.core.format.TagMessages;
import io.gryt.core.internal.release.ReleaseContext;
import io.gryt.core.format.Versions;
import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.event.AlertRaised;
import io.gryt.api.event.EvolutionFinished;
import io.gryt.api.event.EvolutionStarted;
import io.gryt.api.release.Change;
import io.gryt.api.event.EvolutionStarting;
import io.gryt.api.VetoedException;
import io.gryt.api.spi.Hook;
import io.gryt.core.internal.hook.HookSettings;
import io.gryt.core.internal.hook.Hooks;
import io.gryt.api.Step;
import java.util.LinkedHashMap;
import io.gryt.api.release.ChangeSet;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.StoreException;
import io.gryt.api.spi.Versioning;
import io.gryt.core.run.RunOptions;
import io.gryt.core.internal.exec.Owners;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.internal.plan.PlannedStep;
import io.gryt.core.internal.policy.Alerts;
import io.gryt.core.internal.policy.PolicyChecks;
import io.gryt.core.internal.policy.PolicyHooks;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyViolationException;
import io.gryt.core.internal.yaml.PipelineFiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import io.gryt.api.release.ChangeType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts an evolution: {@code gryt.evolve("v2.2.0").proving("PAY-001").with(pipeline).start()}.
 * The pipeline runs on the current commit with {@code GRYT_GENERATION}, {@code GRYT_CHANGES},
 * {@code GRYT_EVOLUTION_TAG} and {@code GRYT_RUN_ID} in its steps' environment; the evolution is recorded
 * (pending, running, then pass, fail or interrupted) and tagged {@code vX.Y.Z-rc.N} on that commit.
 *
 * <p>Refused with a {@link BadInputException} before anything is recorded: an unknown generation or change,
 * a promoted generation, no git repository, a dirty work tree (unless {@link #allowDirty(boolean)}), a git tag
 * {@code vX.Y.Z-rc.N} that no recorded evolution made where the next RC numbers would go, and (unless
 * {@link #allowDirty(boolean)}) a generation file or YAML pipeline file that is not committed, unchanged, in HEAD.
 * The project's policy ({@code .gryt/policy.yaml}) refuses it too, with a {@link PolicyViolationException} naming
 * each rule broken; its hash is recorded with the evolution, and a run that skipped or failed a step the policy
 * requires for its changes is recorded {@code fail}. Alerts the policy defines are raised after it ends.
 */
public final class EvolutionRequest {
    private final ReleaseContext ctx;
    private final Generations generations;
    private final String version;
    private final Set<String> changeIds = new LinkedHashSet<>();
    private final List<RunListener> listeners = new ArrayList<>();
    private Pipeline pipeline;
    private String pipelineName;
    private boolean allowDirty;
    private Consumer<Evolution> onCreated = e -> { };
    private final TagPush push = new TagPush();

    /** Created by {@link io.gryt.core.Gryt#evolve(String)}. */
    public EvolutionRequest(ReleaseContext ctx, Generations generations, String version) {
        this.ctx = ctx;
        this.generations = generations;
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The changes this evolution proves (recorded in the contract's declaration order, whatever the order here). */
    public EvolutionRequest proving(String... ids) {
        for (String id : ids) changeIds.add(Objects.requireNonNull(id, "change id"));
        return this;
    }

    /** The changes this evolution proves. */
    public EvolutionRequest proving(List<String> ids) {
        return proving(ids.toArray(String[]::new));
    }

    /** Runs this pipeline instead of the generation's {@code pipeline_template}. */
    public EvolutionRequest with(Pipeline value) {
        this.pipeline = Objects.requireNonNull(value, "pipeline");
        return this;
    }

    /** Runs {@code .gryt/pipelines/<name>.yaml} instead of the generation's {@code pipeline_template}. */
    public EvolutionRequest pipeline(String name) {
        this.pipelineName = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Allows a work tree with uncommitted changes; the evolution records that it was dirty. */
    public EvolutionRequest allowDirty(boolean value) {
        this.allowDirty = value;
        return this;
    }

    /** A listener for the evolution's pipeline run. */
    public EvolutionRequest listener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Called with the evolution as first recorded (its tag and RC number allocated, status {@code pending}), before
     * its pipeline starts: the moment to announce it. An exception it throws stops the evolution, recorded
     * {@code interrupted}, before anything runs.
     */
    public EvolutionRequest onCreated(Consumer<Evolution> action) {
        this.onCreated = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * Pushes the evolution's tag to {@code remote} (a git remote's name or URL) once it is recorded and tagged,
     * instead of to the project's {@code release.push} remote, if any. An interrupted evolution's tag stays local
     * (an interrupt should end gryt quickly, not wait for a remote).
     */
    public EvolutionRequest push(String remote) {
        push.to(remote);
        return this;
    }

    /** Keeps the evolution's tag local, whatever the project's {@code release.push} setting says. */
    public EvolutionRequest noPush() {
        push.none();
        return this;
    }

    /**
     * Called when pushing the tag fails (the evolution is recorded and tagged locally all the same). By default the
     * {@link TagPushException} is thrown: the evolution's {@link EvolutionHandle#result() result} fails with it.
     */
    public EvolutionRequest onPushFailure(Consumer<TagPushException> action) {
        push.onFailure(action);
        return this;
    }

    /** Runs the evolution to its end and returns it, recorded and tagged. */
    public Evolution start() {
        return launch().await();
    }

    /** Starts the evolution and returns once its RC number is allocated and its pipeline started. */
    public EvolutionHandle launch() {
        Versions.require(version);
        Generation generation = generations.load(version);
        if (generation.isPromoted()) {
            throw new BadInputException("generation " + version + " is promoted and takes no more evolutions"
                    + " (start a new generation, or a hot-fix: gryt generation hotfix " + version + ")");
        }
        ChangeSet changes = ChangeSet.of(generation, changeIds);
        Versioning vcs = ctx.requireVersioning();
        String commit = vcs.head();
        if (!allowDirty) {
            CommittedFiles.requireForEvolution(vcs, commit, generations.fileOf(version), pipeline != null ? Optional.empty()
                    : CommittedFiles.pipelineSource(ctx, pipelineName != null ? pipelineName : generation.pipelineTemplate()));
            if (pipeline == null && pipelineName == null) {
                for (String own : ownPipelines(generation, changes)) {
                    CommittedFiles.requireForEvolution(vcs, commit, generations.fileOf(version), CommittedFiles.pipelineSource(ctx, own));
                }
            }
        }
        if (!allowDirty && !vcs.isClean()) {
            throw new BadInputException("the work tree " + vcs.root() + " has uncommitted changes: commit them,"
                    + " or pass --allow-dirty (the evolution records that it ran dirty)");
        }
        // planned once: the run executes this plan; plain step names resolve in the template's catalog (go.release: go)
        ExecutionPlan plan = ctx.plan(proof(generation, changes),
                ctx.catalogs().catalogOf(generation.pipelineTemplate()).map(io.gryt.core.catalog.FoundCatalog::name));
        List<Hook> pipelineHooks = Hooks.of(plan.pipeline());
        Optional<Policy> policy = Policies.load(ctx.layout());
        List<Change> proven = generation.changes().stream().filter(c -> changes.ids().contains(c.id())).toList();
        if (policy.isPresent()) {
            Set<String> steps = plan.steps().stream().map(PlannedStep::name).collect(Collectors.toSet());
            List<String> refusals = PolicyChecks.beforeStart(policy.get(), generation, proven, steps, plan.pipeline().name());
            if (!refusals.isEmpty()) throw new PolicyViolationException(refusals);
        }

        ReleaseStore store = ctx.store();
        Tags.requireFreeRcs(vcs, version, store.lastRc(version), ctx.layout().display(ctx.layout().database()));
        EvolutionStarting starting = new EvolutionStarting(version, changes.ids(), commit, plan.pipeline().name(), Instant.now());
        ctx.events().publish(starting);
        List<Hook> startingHooks = new ArrayList<>(pipelineHooks);
        startingHooks.addAll(PolicyHooks.of(policy, ctx.layout().root()));
        Set<ChangeType> provenTypes = proven.stream().map(Change::type).collect(Collectors.toSet());
        List<Hooks.Veto> vetoes = ctx.hooks().before(starting, startingHooks, provenTypes);
        if (!vetoes.isEmpty()) {
            throw new VetoedException(EvolutionStarting.TYPE, vetoes.get(0).hook(), vetoes.get(0).reason());
        }
        Evolution pending = store.createEvolution(version, changes.ids(), commit, allowDirty, Owners.self(), Instant.now());
        policy.ifPresent(p -> store.evolutionPolicy(pending.tag(), p.sha256()));
        EvolutionStarted startedEvent = new EvolutionStarted(version, pending.tag(), pending.rc(), changes.ids(), commit,
                allowDirty, pending.createdAt());
        ctx.events().publish(startedEvent);
        ctx.hooks().after(startedEvent, pipelineHooks);
        RunOptions options = new RunOptions(Map.of("GRYT_GENERATION", version, "GRYT_CHANGES", changes.joined(),
                "GRYT_EVOLUTION_TAG", pending.tag()), listeners);
        RunHandle run;
        try {
            onCreated.accept(pending);
            run = ctx.start(plan, options);
        } catch (RuntimeException e) {
            finish(pending, EvolutionStatus.INTERRUPTED, null, null, policy, proven, pipelineHooks);
            throw e;
        }
        store.evolutionRunning(pending.tag(), run.runId());
        Evolution started = store.evolution(pending.tag()).orElse(pending);
        CompletableFuture<Evolution> result = run.result()
                .handle((r, error) -> {
                    Evolution done = finish(pending, statusOf(r, error), run.runId(), r, policy, proven, pipelineHooks);
                    if (error != null) throw new CompletionException(notRecorded(done, error));
                    return done;
                })
                .thenApply(done -> {
                    if (done.status() != EvolutionStatus.INTERRUPTED) push.push(ctx, vcs, done.tag());
                    return done;
                });
        ctx.track(result);
        return new EvolutionHandle() {
            @Override
            public Evolution started() {
                return started;
            }

            @Override
            public void cancel() {
                run.cancel();
            }

            @Override
            public void interrupt() {
                run.interrupt();
            }

            @Override
            public CompletableFuture<Evolution> result() {
                return result;
            }
        };
    }

    /** The pipelines the proven changes name for themselves ({@code pipeline:} on a change), in declaration order. */
    private static List<String> ownPipelines(Generation generation, ChangeSet changes) {
        return changes.ids().stream().map(id -> generation.change(id).orElseThrow()).map(Change::pipeline)
                .filter(Objects::nonNull).distinct().toList();
    }

    /**
     * What proves {@code changes}: the pipeline given to this request, else each change's own pipeline or the
     * generation's, merged when they differ (every step once); plus the steps {@code on_change_type} adds for their types.
     */
    private Pipeline proof(Generation generation, ChangeSet changes) {
        List<Pipeline> pipelines = new ArrayList<>();
        if (pipeline != null || pipelineName != null) {
            pipelines.add(resolvePipeline(generation));
        } else {
            Map<String, Pipeline> byName = new LinkedHashMap<>();
            for (String id : changes.ids()) {
                String own = generation.change(id).orElseThrow().pipeline();
                byName.computeIfAbsent(own == null ? "" : own, k -> k.isEmpty() ? resolvePipeline(generation) : ownPipeline(id, k));
            }
            pipelines.addAll(byName.values());
        }
        Pipeline proof = pipelines.size() == 1 ? pipelines.get(0) : ProofMerge.merge(pipelines, ctx::plan);
        HookSettings hooks = ctx.hooks().settings();
        Set<String> present = new LinkedHashSet<>();
        proof.steps().forEach(s -> present.add(s.name()));
        List<Step> added = new ArrayList<>();
        for (String id : changes.ids()) {
            for (String name : hooks.stepsFor(generation.change(id).orElseThrow().type())) {
                if (present.add(name)) added.add(Step.step(name));
            }
        }
        return added.isEmpty() ? proof : proof.toBuilder().steps(added).build();
    }

    private Pipeline ownPipeline(String changeId, String name) {
        try {
            return ctx.pipeline(name);
        } catch (BadInputException e) {
            throw new BadInputException("change " + changeId + " of " + version + " is proven by pipeline '" + name
                    + "' (its pipeline:), which cannot be loaded: " + e.getMessage(), e);
        }
    }

    private Pipeline resolvePipeline(Generation generation) {
        if (pipeline != null) return pipeline;
        if (pipelineName != null) return ctx.pipeline(pipelineName);
        if (generation.pipelineTemplate() != null) {
            String name = generation.pipelineTemplate();
            if (!PipelineFiles.exists(ctx.layout().pipelinesDir(), name) && name.indexOf('.') > 0) {
                return ctx.pipeline(name); // a catalog pipeline (go.release); an unknown one lists the valid ones
            }
            if (!PipelineFiles.exists(ctx.layout().pipelinesDir(), name)) {
                throw new BadInputException("generation " + version + " is proven by pipeline '" + name
                        + "' (its pipeline_template), but " + ctx.layout().display(ctx.layout().pipelinesDir())
                        + " has no " + name + ".yaml: restore it, or pass --pipeline NAME");
            }
            return ctx.pipeline(name);
        }
        String name = ctx.defaultPipeline();
        if (!PipelineFiles.exists(ctx.layout().pipelinesDir(), name) && name.indexOf('.') > 0) return ctx.pipeline(name);
        if (!PipelineFiles.exists(ctx.layout().pipelinesDir(), name)) {
            throw new BadInputException("generation " + version + " names no pipeline_template and the project's"
                    + " default pipeline '" + name + "' does not exist (" + ctx.layout().display(ctx.layout().pipelinesDir())
                    + " has no " + name + ".yaml): write it, set pipeline_template in the generation file, run"
                    + " gryt config set pipeline_template NAME, or pass --pipeline NAME");
        }
        return ctx.pipeline(name);
    }

    /**
     * Why an evolution ended interrupted when its run failed: a store that could not record the run is named with
     * the evolution; any other failure is passed on as it is.
     */
    private static RuntimeException notRecorded(Evolution done, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoreException) {
            return new StoreException("evolution " + done.tag() + " ended " + done.status().label()
                    + ": its run could not be recorded: " + cause.getMessage(), cause);
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static EvolutionStatus statusOf(RunResult r, Throwable error) {
        if (error != null || r == null) return EvolutionStatus.INTERRUPTED;
        if (r.status() == RunStatus.PASS) return EvolutionStatus.PASS;
        if (r.status() == RunStatus.FAIL) return EvolutionStatus.FAIL;
        return EvolutionStatus.INTERRUPTED;
    }

    /**
     * Records the evolution's end. A run that passed without a step its changes' policy requires (skipped, failed
     * but allowed to) is recorded {@code fail}: it proves nothing. Then the policy's alerts, if any, and the hooks.
     */
    private Evolution finish(Evolution pending, EvolutionStatus status, String runId, RunResult run,
                             Optional<Policy> policy, List<Change> proven, List<Hook> pipelineHooks) {
        ReleaseStore store = ctx.store();
        List<PolicyChecks.Violation> violations = policy.isPresent() && run != null && status == EvolutionStatus.PASS
                ? PolicyChecks.afterRun(policy.get(), proven, run) : List.of();
        EvolutionStatus recorded = violations.isEmpty() ? status : EvolutionStatus.FAIL;
        Instant end = Instant.now();
        // the event goes to destinations' outbox in the transaction that records the end
        EvolutionFinished finished = new EvolutionFinished(version, pending.tag(), pending.rc(), pending.changes(),
                recorded, pending.commit(), runId, pending.createdAt() == null || end.isBefore(pending.createdAt())
                ? Duration.ZERO : Duration.between(pending.createdAt(), end), end);
        ctx.events().outboxed(List.of(finished), () -> {
            store.evolutionFinished(pending.tag(), recorded, end);
            return null;
        });
        Evolution done = store.evolution(pending.tag()).orElseThrow();
        ctx.versioning().ifPresent(vcs -> {
            Tags.ensure(vcs, done.tag(), done.commit(), TagMessages.evolution(done));
            store.evolutionTagged(done.tag(), Instant.now());
        });
        Instant at = done.finishedAt() != null ? done.finishedAt() : Instant.now();
        EvolutionFinished recordedEvent = new EvolutionFinished(version, done.tag(), done.rc(), done.changes(),
                done.status(), done.commit(), runId, done.createdAt() == null ? Duration.ZERO
                : Duration.between(done.createdAt(), at), at);
        ctx.events().publishRecorded(recordedEvent);
        if (policy.isPresent()) raiseAlerts(policy.get(), done, proven, violations, run);
        ctx.hooks().after(recordedEvent, pipelineHooks);
        return done;
    }

    private void raiseAlerts(Policy policy, Evolution done, List<Change> proven, List<PolicyChecks.Violation> violations,
                             RunResult run) {
        Instant now = Instant.now();
        List<AlertRaised> alerts = new ArrayList<>();
        for (PolicyChecks.Violation v : violations) {
            alerts.add(new AlertRaised(v.rule(), v.step() + " " + v.status(), v.step() + " pass", version, done.tag(),
                    v.message(), now));
        }
        alerts.addAll(Alerts.after(policy, done, proven, ctx.store().evolutions(version), run, now));
        for (AlertRaised alert : alerts) {
            ctx.store().recordAlert(alert);
            ctx.events().publish(alert);
        }
    }
}
