package io.gryt.core;

import io.gryt.core.run.RunOptions;
import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.Step;
import io.gryt.api.StepResult;
import io.gryt.api.event.EventListener;
import io.gryt.api.StepStatus;
import io.gryt.api.event.RunFinished;
import io.gryt.api.event.RunStarted;
import io.gryt.api.event.StepFailed;
import io.gryt.api.event.StepFinished;
import io.gryt.api.event.StepStarted;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.read.GenerationEvidence;
import io.gryt.api.read.GenerationRecord;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.TestProof;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.Catalog;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.ReadOnlyStoreException;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.api.spi.StoreProvider;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;
import io.gryt.core.audit.AuditVerifier.AuditVerification;
import io.gryt.core.audit.AuditVerifier;
import io.gryt.core.audit.RollbackLeftovers;
import io.gryt.core.audit.RollbackReport;
import io.gryt.core.catalog.Catalogs;
import io.gryt.core.config.ConfigFile;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.config.ExecutionMode;
import io.gryt.core.config.ProjectConfig;
import io.gryt.core.config.StoreUrls;
import io.gryt.core.destination.Destinations;
import io.gryt.core.internal.destination.DestinationConfig;
import io.gryt.core.internal.destination.Outbox;
import io.gryt.core.store.StoreMigration;
import io.gryt.core.internal.event.EventBus;
import io.gryt.core.internal.hook.HookSettings;
import io.gryt.core.internal.hook.Hooks;
import io.gryt.core.internal.yaml.HookFiles;
import io.gryt.api.spi.Hook;
import java.util.function.Consumer;
import io.gryt.core.internal.exec.RunEngine;
import io.gryt.core.internal.exec.RunRequest;
import io.gryt.core.metrics.Metrics;
import io.gryt.core.testreport.ProofRows;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.core.internal.plan.PlannedStep;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.release.EvolutionRequest;
import io.gryt.core.release.Generations;
import io.gryt.core.release.PromotionRequest;
import io.gryt.core.internal.release.ReleaseContext;
import io.gryt.core.internal.release.ReleaseRecovery;
import io.gryt.core.internal.yaml.PipelineFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * gryt's entry point: a project, its store and its version control.
 *
 * <pre>{@code
 * try (Gryt gryt = Gryt.open(projectDir)) {
 *     RunResult r = gryt.run(Pipeline.of(step("lint"), step("test")).runners(3));
 * }
 * }</pre>
 *
 * <p>{@link #open(Path)} finds the store and versioning adapters with {@link ServiceLoader} and opens the store
 * that the project's settings ({@code .gryt/config.yaml}, see {@link #config()}) name; the {@link #builder()}
 * lets an embedder pass its own. On opening, runs left {@code running} by a gryt process
 * that died are marked {@code interrupted} and their leftover processes killed (see {@link #recovered()}).
 * A {@code Gryt} is safe to use from several threads; it holds no global state and never exits the JVM. After
 * {@link #close()}, running, validating and the release operations throw an {@link IllegalStateException}.
 */
public final class Gryt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gryt.class);
    /** How long {@link #close()} waits for cancelled runs and their evolutions to be recorded. */
    private static final Duration CLOSE_PATIENCE = Duration.ofMinutes(1);
    /** How long {@link #close()} lets the destinations deliver what the work recorded; the rest waits in the outbox. */
    private static final Duration DELIVERY_PATIENCE = Duration.ofSeconds(5);

    private final ProjectLayout layout;
    private final Store store;
    private final boolean ownsStore;
    private final Versioning givenVersioning;
    private Optional<Versioning> discoveredVersioning; // guarded by this; null until first needed
    private final Map<String, String> environment;
    private final List<RunListener> listeners;
    private final RunEngine engine;
    private final List<PipelineRun> recovered;
    private final List<String> releaseRepairs;
    private final EventBus events;
    /** Where events go for destinations; empty when none is configured. */
    private final Optional<Outbox> outbox;
    private final List<PromotionGate> gates;
    private final Catalogs catalogs;
    private final Hooks hooks;
    private final ReleaseContext releaseContext = new Context();
    private volatile ProjectConfig config;
    private volatile String actor;
    /** The location the store was opened from; null when the builder was given a store. */
    private final String storeUrl;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Runs started through this instance and not ended yet: closing cancels them. */
    private final Set<RunHandle> running = ConcurrentHashMap.newKeySet();
    /** Runs and evolutions not fully recorded yet: closing waits for them before closing the store. */
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    private Gryt(Builder b) {
        this.layout = new ProjectLayout(b.projectDir);
        if (Files.exists(layout.root()) && !Files.isDirectory(layout.root())) {
            throw new BadInputException("cannot open " + layout.root() + " as a project: it is not a directory");
        }
        this.environment = b.environment == null ? System.getenv() : Map.copyOf(b.environment);
        this.events = new EventBus(b.eventListeners);
        List<RunListener> all = new ArrayList<>(b.listeners);
        all.add(new EventBridge(events));
        this.listeners = List.copyOf(all);
        ClassLoader loader = b.classLoader != null ? b.classLoader : Gryt.class.getClassLoader();
        List<PromotionGate> allGates = new ArrayList<>();
        for (PromotionGate g : ServiceLoader.load(PromotionGate.class, loader)) allGates.add(g);
        allGates.addAll(b.gates);
        this.gates = List.copyOf(allGates);
        List<Hook> allHooks = new ArrayList<>();
        for (Hook h : ServiceLoader.load(Hook.class, loader)) allHooks.add(h);
        allHooks.addAll(b.hooks);
        Supplier<HookSettings> hookFile = memo(() -> HookFiles.load(layout.hooksFile(), layout.root()));
        this.hooks = new Hooks(allHooks, hookFile, b.hookTimeout, b.hookReports,
                this::hookAudit, environment);
        events.subscribe(hooks::after);
        List<Catalog> registered = new ArrayList<>(b.catalogs);
        registered.addAll(Catalogs.serviceLoaded(loader));
        this.catalogs = new Catalogs(layout.catalogsDir(), registered);
        this.config = b.config != null || b.store != null || b.storeUrl != null ? b.config
                : ConfigFile.load(layout.configFile());
        this.ownsStore = b.store == null;
        this.store = b.store != null ? b.store : openStore(layout, b.storeUrl, config, this::actor);
        this.storeUrl = b.store != null ? null : b.storeUrl != null ? b.storeUrl
                : config != null ? config.storeUrl() : StoreProvider.DEFAULT_URL;
        try {
            // settings given to the builder replace the file, its destinations too
            DestinationConfig destinations = DestinationConfig.load(b.config == null ? layout.configFile() : null,
                    layout.display(layout.configFile()), b.destinations, environment, layout.root(), store);
            this.outbox = Outbox.of(store, destinations.destinations(), destinations.secretValues());
            this.outbox.ifPresent(events::sendTo);
            this.givenVersioning = b.versioning;
            // a read-only store is looked at, not repaired: whatever a dead process left stays as it is
            this.recovered = store.readOnly() ? List.of() : Recovery.recover(store.runs());
            this.releaseRepairs = store.recordsReleases() && !store.readOnly() ? ReleaseRecovery.recover(releaseContext) : List.of();
        } catch (RuntimeException e) {
            if (ownsStore) store.close();
            throw e;
        }
        this.engine = new RunEngine(outbox.map(o -> o.runStore(store.runs())).orElse(store.runs()));
    }

    /** Opens the project in {@code projectDir} with the adapters found on the class path. */
    public static Gryt open(Path projectDir) {
        return builder().projectDir(projectDir).build();
    }

    /**
     * Puts snapshot {@code snapshot} in place of the project's damaged store, the one its settings name, when
     * opening it fails with a {@link io.gryt.api.spi.DamagedStoreException} (a rollback needs a readable store).
     * The snapshot is checked first; the damaged data is kept aside, never deleted, and the restored audit trail
     * records the restore. Returns where the damaged data was kept.
     *
     * @throws BadInputException when there is no such snapshot or it fails its checks (nothing is changed)
     */
    public static String restoreDamagedStore(Path projectDir, String snapshot) {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(snapshot, "snapshot");
        ProjectLayout layout = new ProjectLayout(projectDir);
        ProjectConfig config = ConfigFile.load(layout.configFile());
        String location = config.storeUrl();
        Supplier<String> actor = () -> actorOf(discoverUser(layout.root(), System.getenv()));
        return provider(location, config).restoreDamaged(layout.root(), location, snapshot, actor);
    }

    /** A builder for embedders who choose their own store, versioning, environment or listeners. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code pipeline} to the end and returns its recorded result.
     *
     * @throws StoreException when the store fails during the run (its step processes are killed first)
     */
    public RunResult run(Pipeline pipeline, RunListener... runListeners) {
        RunHandle handle = start(pipeline, runListeners);
        try {
            return handle.await();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            if (e.getCause() instanceof Error failure) throw failure;
            throw e;
        }
    }

    /** Starts {@code pipeline} and returns at once; the run is recorded before this returns. */
    public RunHandle start(Pipeline pipeline, RunListener... runListeners) {
        Objects.requireNonNull(runListeners, "runListeners");
        return start(pipeline, new RunOptions(Map.of(), Arrays.asList(runListeners)));
    }

    /**
     * Starts {@code pipeline} with extra environment variables, listeners and a selection of its steps. The
     * pipeline is resolved and validated first: unresolved step references, unknown dependencies and cycles
     * fail here with an {@link io.gryt.api.InvalidPipelineException}, and a selection naming an unknown step
     * with a {@link BadInputException}; nothing runs then. Only the selected steps run and are recorded.
     */
    public RunHandle start(Pipeline pipeline, RunOptions options) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(options, "options");
        ensureOpen();
        return start(plan(pipeline), options);
    }

    /** The values of the secrets {@code plan}'s pipeline and steps declare, wherever the run's environment sets them. */
    private List<String> secretValues(ExecutionPlan plan, RunOptions options) {
        Set<String> names = new java.util.LinkedHashSet<>();
        plan.pipeline().secrets().forEach(s -> names.add(s.name()));
        plan.steps().forEach(s -> s.step().secrets().forEach(secret -> names.add(secret.name())));
        List<String> values = new ArrayList<>();
        for (String name : names) {
            for (Map<String, String> source : List.of(environment, plan.pipeline().env(), options.env())) {
                if (source.get(name) != null) values.add(source.get(name));
            }
        }
        return values;
    }

    /** Starts a run of {@code planned}, narrowed to the selection of {@code options}. */
    private RunHandle start(ExecutionPlan planned, RunOptions options) {
        ExecutionPlan plan = options.selection().applyTo(planned);
        if (store.readOnly()) {
            throw new ReadOnlyStoreException(store.location() + " is open read-only (gryt may not write it or its"
                    + " directory): cannot run " + planned.pipeline().name());
        }
        hooks.settings(); // a malformed hooks.yaml fails before anything runs
        hooks.addSecrets(secretValues(plan, options));
        List<RunListener> all = new ArrayList<>(listeners);
        List<Hook> pipelineHooks = Hooks.of(plan.pipeline());
        if (!pipelineHooks.isEmpty()) all.add(new EventBridge(new EventBus(List.of(e -> hooks.after(e, pipelineHooks)))));
        all.addAll(options.listeners());
        RunHandle handle = engine.start(new RunRequest(plan, layout.root(), layout.runsDir(), environment, options.env(), all));
        running.add(handle);
        handle.result().whenComplete((r, e) -> running.remove(handle));
        track(handle.result());
        return handle;
    }

    private void track(CompletableFuture<?> work) {
        inFlight.add(work);
        work.whenComplete((r, e) -> inFlight.remove(work));
    }

    /** Resolves and validates {@code pipeline} without running it; fails as {@link #start} would. */
    public void validate(Pipeline pipeline) {
        ensureOpen();
        plan(pipeline);
    }

    /**
     * The steps of {@code pipeline} as they would run, in planned order, without running them: references resolved
     * against its own definitions, {@code .gryt/steps.yaml} and the catalogs, the graph checked; fails as
     * {@link #start} would.
     */
    public List<Step> resolve(Pipeline pipeline) {
        ensureOpen();
        return plan(pipeline).steps().stream().map(PlannedStep::step).toList();
    }

    private ExecutionPlan plan(Pipeline pipeline) {
        return plan(pipeline, Optional.empty());
    }

    /** Plans {@code pipeline}; plain step names resolve in the project's catalog, else in {@code fallbackCatalog}. */
    private ExecutionPlan plan(Pipeline pipeline, Optional<String> fallbackCatalog) {
        return PlanBuilder.plan(pipeline, projectSteps(fallbackCatalog), catalogs::candidates);
    }

    /**
     * The project-wide hooks: those found with {@link ServiceLoader} (plugin jars included), given to
     * {@link Builder#hook}, and the command hooks of {@code .gryt/hooks.yaml}.
     *
     * @throws BadInputException when {@code .gryt/hooks.yaml} is wrong (every mistake named)
     */
    public List<Hook> hooks() {
        return hooks.all();
    }

    /** The promotion gates added to gryt's own: found with {@link ServiceLoader} (plugin jars included) or given to the builder. */
    public List<PromotionGate> gates() {
        return gates;
    }

    /** Release contracts: {@code .gryt/generations/*.yaml}, kept in agreement with the store. */
    public Generations generations() {
        ensureOpen();
        return new Generations(releaseContext);
    }

    /** Starts describing an evolution of generation {@code version}: {@code evolve("v2.2.0").proving("PAY-001").start()}. */
    public EvolutionRequest evolve(String version) {
        ensureOpen();
        return new EvolutionRequest(releaseContext, generations(), version);
    }

    /** Starts describing a promotion of generation {@code version}, with this instance's gates. */
    public PromotionRequest promotion(String version) {
        ensureOpen();
        return new PromotionRequest(releaseContext, generations(), version, gates);
    }

    /** Promotes generation {@code version} if every gate passes; see {@link PromotionRequest}. */
    public Promotion promote(String version) {
        return promotion(version).promote();
    }

    /** Lines describing what opening this project repaired (interrupted evolutions, missing tags, promotions). */
    public List<String> releaseRepairs() {
        return releaseRepairs;
    }

    /**
     * The pipeline defined in {@code .gryt/pipelines/<name>.yaml}. When the file does not set {@code runners},
     * the pipeline runs {@link ProjectConfig#runners() run.runners} steps at once (1 unless configured); a
     * {@code runners} in the file wins, and a caller may still override both with {@link Pipeline#runners(int)}.
     */
    public Pipeline pipeline(String name) {
        Objects.requireNonNull(name, "name");
        ensureOpen();
        if (PipelineFiles.exists(layout.pipelinesDir(), name) || name.indexOf('.') <= 0) {
            return PipelineFiles.load(layout.pipelinesDir(), name, config().runners());
        }
        String catalog = name.substring(0, name.indexOf('.'));
        if (catalogs.find(catalog).isEmpty()) {
            throw new BadInputException("no pipeline '" + name + "': " + layout.display(layout.pipelinesDir())
                    + " has no " + name + ".yaml and there is no catalog '" + catalog + "' (catalogs: "
                    + String.join(", ", catalogs.names()) + "; gryt catalog list)");
        }
        return catalogs.pipeline(name);
    }

    /**
     * The catalogs this project sees: {@code .gryt/catalogs/*.yaml}, those given to {@link Builder#catalog} or found
     * with {@link ServiceLoader}, and gryt's built-in ones. {@link #pipeline} reads {@code go.release} from them
     * when there is no pipeline file of that name, and step references resolve against them after the pipeline's own
     * definitions and {@code .gryt/steps.yaml}.
     */
    public Catalogs catalogs() {
        return catalogs;
    }

    /**
     * The project's settings from {@code .gryt/config.yaml} (the defaults when there is none), or those given to
     * the {@link Builder#config builder}. Read once per instance, when first needed.
     *
     * @throws io.gryt.core.internal.yaml.YamlException when the file holds a mistake
     */
    public ProjectConfig config() {
        ProjectConfig c = config;
        if (c == null) {
            c = ConfigFile.load(layout.configFile()); // two threads may both read it: they read the same thing
            config = c;
        }
        return c;
    }

    private Supplier<Map<String, Step>> projectSteps(Optional<String> fallbackCatalog) {
        return () -> {
            Map<String, Step> steps = new LinkedHashMap<>(catalogs.steps(config().catalog().or(() -> fallbackCatalog)));
            steps.putAll(PipelineFiles.loadSteps(layout.stepsFile())); // the project's own definitions win
            return steps;
        };
    }

    /** The project's directory layout. */
    public ProjectLayout layout() {
        return layout;
    }

    /** The project directory. */
    public Path projectDir() {
        return layout.root();
    }

    /**
     * The audit store, for embedders and adapters. The command line reads only through the methods below, which
     * are what a store of any kind serves.
     */
    public Store store() {
        return store;
    }

    /**
     * Copies this project's SQLite trail into the empty store at {@code url} ({@code gryt db migrate --to
     * postgres://...}): every row and audit entry as stored, by the adapter of {@code url}; then verifies the trail
     * on both sides ({@link StoreMigration#verified()}), so that a team can start local and move up. The project's
     * own store is left as it was.
     *
     * @throws BadInputException when this project's store is not a SQLite store or its trail does not verify (nothing
     *                           is copied), when no adapter handles {@code url}, or when the target holds records
     */
    public StoreMigration migrateStore(String url) {
        Objects.requireNonNull(url, "url");
        if (storeUrl == null || !StoreUrls.isSqlite(storeUrl)) {
            throw new BadInputException("db migrate copies a project's SQLite trail, and this project records in "
                    + (storeUrl == null ? store.location() : StoreUrls.redact(storeUrl)));
        }
        VerifyReport source = store.audit().verify();
        if (!source.intact()) {
            throw new BadInputException("the trail in " + store.location() + " does not verify (" + source.problems().size()
                    + " problem(s), see gryt audit verify): nothing copied");
        }
        StoreProvider provider = provider(url, null);
        Map<String, Long> rows = provider.importTrail(layout.root(), url, storeUrl);
        VerifyReport target;
        try (Store copy = provider.open(layout.root(), url, this::actor)) {
            target = copy.audit().verify();
        }
        return new StoreMigration(store.location(), StoreUrls.redact(url), rows, source, target);
    }

    /** The stored generation {@code version}, without reading its contract file. */
    public Optional<Generation> storedGeneration(String version) {
        return store.releases().generation(version);
    }

    /** Per change of generation {@code version}: its latest finished and latest passing evolution. */
    public List<ChangeEvidence> evidence(String version) {
        return store.releases().evidence(version);
    }

    /** Every stored generation (draft, promoted, hot-fix) as recorded, oldest first, in one read. */
    public List<GenerationRecord> storedGenerations() {
        return store.reads().generationRecords(Optional.empty());
    }

    /** The evidence of every stored generation, in one read, by version in order of creation. */
    public Map<String, List<ChangeEvidence>> evidenceOfAll() {
        Map<String, List<ChangeEvidence>> all = new LinkedHashMap<>();
        for (GenerationEvidence g : store.reads().evidenceOfAll()) all.put(g.version(), g.evidence());
        return all;
    }

    /** The evolutions of generation {@code version}, by RC number. */
    public List<Evolution> evolutions(String version) {
        return store.releases().evolutions(version);
    }

    /** The most recent evolutions of every generation, newest first. */
    public List<Evolution> recentEvolutions(int limit) {
        return store.reads().recentEvolutions(limit);
    }

    /** The evolution tagged {@code tag}. */
    public Optional<Evolution> evolution(String tag) {
        return store.releases().evolution(tag);
    }

    /** The steps of run {@code runId}, in the order they started (skipped steps last). */
    public List<StepRun> steps(String runId) {
        return store.runs().steps(runId);
    }

    /** The data rows run {@code runId} recorded (results, metrics, artifacts, outputs, test cases), in order. */
    public List<DataRow> dataRows(String runId) {
        return store.runs().dataRows(runId);
    }

    /**
     * Records how tests that prove changes ended, as data rows of step {@code step} of run {@code runId}, which must be
     * running: gryt-junit's {@code @Proves} calls this from the test suite a step runs. A proof whose test did not pass
     * leaves its change unproven (the {@code proving-tests-passed} gate of {@link #promotion promotions}).
     *
     * @throws BadInputException when that step is not running
     */
    public void recordProofs(String runId, String step, List<TestProof> proofs) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        ensureOpen();
        if (store.readOnly()) {
            throw new ReadOnlyStoreException(store.location() + " is open read-only: cannot record test proofs");
        }
        Instant now = Instant.now();
        store.runs().stepRowsRecorded(runId, step, proofs.stream().map(p -> ProofRows.row(runId, step, p, now)).toList());
    }

    /** The most recent pipeline runs, newest first. */
    public List<PipelineRun> recentRuns(int limit) {
        return store.runs().recent(limit);
    }

    /** The metrics over this project's record. */
    public Metrics metrics() {
        return new Metrics(store);
    }

    /** Verifies the audit trail: its chain, every row, and the anchors the release tags recorded. */
    public AuditVerification verifyAudit() {
        return AuditVerifier.verify(store, versioning());
    }

    /** Takes a consistent snapshot of the store named {@code name} (generated when {@code null}). */
    public Snapshot snapshot(String name) {
        return store.audit().snapshot(name);
    }

    /** The store's snapshots, oldest first. */
    public List<Snapshot> snapshots() {
        return store.audit().snapshots();
    }

    /**
     * Runs a user's read-only {@code sql} on the store and streams the result to {@code handler} (for
     * {@code gryt db query}, against the schema documented for users, see {@link Store#userQuery}; stores without SQL
     * refuse it).
     */
    public void query(String sql, RowHandler handler) {
        store.userQuery(sql, handler);
    }

    /**
     * True when a {@code .gitignore} rule of the project's git repository ignores {@code file}, so that it could not be
     * committed as it must be (generation and pipeline files); false outside a repository or before its first commit.
     */
    public boolean ignoredByGit(Path file) {
        Optional<Versioning> vcs = versioning();
        if (vcs.isEmpty()) return false;
        try {
            return vcs.get().fileInCommit(vcs.get().head(), file) == Versioning.FileInCommit.IGNORED;
        } catch (BadInputException e) {
            return false; // a repository without a commit yet: nothing to compare with
        }
    }

    /**
     * The project's version control, when it is in a git repository (and an adapter is present). Looked up on
     * first use, so that commands that never touch git do not pay for opening the repository.
     */
    public Optional<Versioning> versioning() {
        ensureOpen();
        return findVersioning();
    }

    private Optional<Versioning> findVersioning() {
        if (givenVersioning != null) return Optional.of(givenVersioning);
        synchronized (this) {
            if (discoveredVersioning == null) discoveredVersioning = discoverVersioning(layout.root(), environment);
            return discoveredVersioning;
        }
    }

    /** The project's version control, or a clear error when the project is not in a repository. */
    public Versioning requireVersioning() {
        return versioning().orElseThrow(() ->
                new BadInputException("no git repository at " + layout.root() + " (run 'git init' first)"));
    }

    /**
     * Restores snapshot {@code snapshot} of the database ({@link AuditStore#rollback}: a safety snapshot first, the
     * restore and its audit entry in one transaction), then reports what outside the database no longer matches
     * the restored record: generation files it does not know (or knows with another contract) and gryt's git tags
     * of evolutions and promotions it does not have. gryt deletes none of them: the report gives the command that
     * removes each, and {@link #rollbackLeftovers()} names them again until they are resolved.
     */
    public RollbackReport rollback(String snapshot) {
        ensureOpen();
        Snapshot safety = store.audit().rollback(snapshot);
        return new RollbackReport(snapshot, safety, restoredFrom(snapshot));
    }

    /**
     * What outside the database no longer matches it now that snapshot {@code snapshot} was restored in its place
     * ({@link #rollback} does this itself; after {@link #restoreDamagedStore}, call it on the reopened project):
     * the leftovers, which {@link #rollbackLeftovers()} names again until they are resolved.
     */
    public List<RollbackReport.Leftover> restoredFrom(String snapshot) {
        ensureOpen();
        List<RollbackReport.Leftover> leftovers = RollbackLeftovers.find(layout, store.releases(), findVersioning());
        RollbackLeftovers.remember(layout, snapshot, leftovers);
        return leftovers;
    }

    /**
     * The leftovers of the last {@link #rollback} still there: generation files the database still does not know
     * (the next read of generations records them again, as new drafts) and tags whose evolution or promotion it
     * still does not have. Empty when none is left (or the store records no releases).
     */
    public Optional<RollbackLeftovers.Pending> rollbackLeftovers() {
        ensureOpen();
        if (!store.recordsReleases()) return Optional.empty();
        return RollbackLeftovers.pending(layout, store.releases(), this::findVersioning, !store.readOnly());
    }

    /**
     * The project's destinations ({@code destinations:} in {@code .gryt/config.yaml} and those given to
     * {@link Builder#destination}) and their outbox: what waits, flushing it, a test event.
     */
    public Destinations destinations() {
        ensureOpen();
        return new Destinations(outbox, store.location());
    }

    /** Runs that a dead gryt process had left {@code running} and that opening this project marked interrupted. */
    public List<PipelineRun> recovered() {
        return recovered;
    }

    /**
     * Closes this instance; a second call does nothing. Runs still going are cancelled (their process trees
     * killed) and, with evolutions still going, recorded (an evolution also tagged) before the store and the
     * repository, if this instance opened them, are closed. Waits at most a minute for that, then closes anyway
     * (a run it could not finish recording is marked interrupted by the next open).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        List.copyOf(running).forEach(RunHandle::cancel);
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // each run and evolution reports its own failure to whoever waits for it
        } catch (TimeoutException e) {
            LOG.warn("closing {} without waiting longer for {} run(s) and evolution(s) still recording",
                    layout.root(), inFlight.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.ifPresent(o -> o.close(DELIVERY_PATIENCE));
        try {
            Optional<Versioning> opened;
            synchronized (this) {
                opened = discoveredVersioning == null ? Optional.empty() : discoveredVersioning;
            }
            if (opened.isPresent() && opened.get() instanceof AutoCloseable c) c.close();
        } catch (Exception e) {
            // closing a read handle on the repository cannot lose data
        } finally {
            if (ownsStore) store.close();
        }
    }

    /** Where hook vetoes and failures are noted: the store's audit trail, unless it is read-only or keeps none. */
    private Optional<AuditStore> hookAudit() {
        return store.readOnly() ? Optional.empty() : releaseContext.audit();
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

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("this Gryt for " + layout.root() + " is closed");
    }

    /** Gives the release engine what it needs from this instance. */
    private final class Context implements ReleaseContext {
        @Override
        public ProjectLayout layout() {
            return layout;
        }

        @Override
        public ReleaseStore store() {
            return store.releases();
        }

        @Override
        public Optional<AuditStore> audit() {
            try {
                return Optional.of(store.audit());
            } catch (StoreException e) {
                return Optional.empty(); // the documented answer of a store without an audit trail
            }
        }

        @Override
        public Optional<Versioning> versioning() {
            return findVersioning(); // also while closing, for an evolution that is being recorded and tagged
        }

        @Override
        public Versioning requireVersioning() {
            return Gryt.this.requireVersioning();
        }

        @Override
        public void track(CompletableFuture<?> work) {
            Gryt.this.track(work);
        }

        @Override
        public Optional<String> pushRemote() {
            return config().get(ConfigKey.RELEASE_PUSH);
        }

        @Override
        public Set<String> pipelinesOf(Collection<String> runIds) {
            return store.runs().pipelineNames(runIds);
        }

        @Override
        public Map<String, List<DataRow>> dataRows(Collection<String> runIds) {
            Map<String, List<DataRow>> rows = new HashMap<>();
            for (DataRow row : store.runs().dataRows(runIds)) rows.computeIfAbsent(row.runId(), k -> new ArrayList<>()).add(row);
            return rows;
        }

        @Override
        public EventBus events() {
            return events;
        }

        @Override
        public Hooks hooks() {
            return hooks;
        }

        @Override
        public String defaultPipeline() {
            return config().pipelineTemplate();
        }

        @Override
        public Pipeline pipeline(String name) {
            return Gryt.this.pipeline(name);
        }

        @Override
        public Catalogs catalogs() {
            return catalogs;
        }

        @Override
        public ExecutionPlan plan(Pipeline pipeline) {
            ensureOpen();
            return Gryt.this.plan(pipeline);
        }

        @Override
        public ExecutionPlan plan(Pipeline pipeline, Optional<String> catalog) {
            ensureOpen();
            return Gryt.this.plan(pipeline, catalog);
        }

        @Override
        public RunHandle start(ExecutionPlan plan, RunOptions options) {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(options, "options");
            ensureOpen();
            return Gryt.this.start(plan, options);
        }
    }

    /** Publishes run events on the event bus. */
    private record EventBridge(EventBus bus) implements RunListener {
        @Override
        public void runStarted(String runId, Pipeline pipeline) {
            bus.publishRecorded(new RunStarted(runId, pipeline.name(), Instant.now()));
        }

        @Override
        public void stepStarted(String runId, String step, int attempt) {
            bus.publishRecorded(new StepStarted(runId, step, attempt, Instant.now()));
        }

        @Override
        public void stepFinished(String runId, StepResult result) {
            Instant at = result.finishedAt() != null ? result.finishedAt() : Instant.now();
            bus.publishRecorded(new StepFinished(runId, result.name(), result.status(), result.attempts(), result.duration(), at));
            if (result.status() == StepStatus.FAIL || result.status() == StepStatus.TIMEOUT) {
                bus.publishRecorded(new StepFailed(runId, result.name(), result.status(), result.exitCode(), result.error(),
                        result.attempts(), result.duration(), at));
            }
        }

        @Override
        public void runFinished(RunResult result) {
            Instant at = result.finishedAt() != null ? result.finishedAt() : Instant.now();
            Duration took = result.startedAt() == null ? Duration.ZERO : Duration.between(result.startedAt(), at);
            bus.publishRecorded(new RunFinished(result.runId(), result.pipelineName(), result.status(), took, at));
        }
    }

    /**
     * Who acts, for audit entries: the identity git would record (resolved from this instance's
     * {@link Builder#environment environment}: {@code GIT_COMMITTER_*}, {@code GIT_AUTHOR_*}, then the repository's,
     * global and system configuration), else the OS user. Looked up once.
     */
    private String actor() {
        String a = actor;
        if (a == null) {
            a = actorOf(user());
            actor = a;
        }
        return a;
    }

    /**
     * The identity git would record: from the versioning when it is given or already open, else from the first
     * adapter that names one without opening the repository (a run needs nothing else of git).
     */
    private Optional<String> user() {
        if (givenVersioning != null) return givenVersioning.user();
        synchronized (this) {
            if (discoveredVersioning != null) return discoveredVersioning.flatMap(Versioning::user);
        }
        return discoverUser(layout.root(), environment);
    }

    /** {@code user}, else the OS user. */
    private static String actorOf(Optional<String> user) {
        return user.orElseGet(() -> System.getProperty("user.name", "unknown"));
    }

    /** Who acts in the repository containing {@code root}, as the first adapter that names one reads it. */
    private static Optional<String> discoverUser(Path root, Map<String, String> environment) {
        for (VersioningProvider provider : ServiceLoader.load(VersioningProvider.class, Gryt.class.getClassLoader())) {
            Optional<String> user = provider.user(root, environment);
            if (user.isPresent()) return user;
        }
        return Optional.empty();
    }

    /** Opens the store at {@code url}, or when it is null at the one {@code config} names. */
    private static Store openStore(ProjectLayout layout, String url, ProjectConfig config, Supplier<String> actor) {
        String location = url != null ? url : config != null ? config.storeUrl() : StoreProvider.DEFAULT_URL;
        return provider(location, url == null ? config : null).open(layout.root(), location, actor);
    }

    /** The adapter for store {@code location}; {@code config} is the settings it comes from, or null when it was given. */
    private static StoreProvider provider(String location, ProjectConfig config) {
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Gryt.class.getClassLoader())) {
            if (provider.supports(location)) return provider;
        }
        throw noStoreAdapter(location, config);
    }

    /** No adapter handles {@code url}; {@code config} is the settings it comes from, or null when it was given. */
    private static GrytException noStoreAdapter(String url, ProjectConfig config) {
        String shown = "'" + StoreUrls.redact(url) + "'";
        if (!StoreUrls.isPostgres(url)) {
            return new GrytException("no store adapter for " + shown
                    + " on the class path (add gryt-sqlite, or pass a store to Gryt.builder())");
        }
        String unavailable = " (add gryt-postgres to the class path)";
        if (config == null) return new BadInputException("no store adapter handles " + shown + unavailable);
        if (config.executionMode() == ExecutionMode.SHARED) {
            return new BadInputException("execution.mode is shared but no store adapter handles " + shown + unavailable
                    + "; 'gryt config set execution.mode local' records runs locally");
        }
        return new BadInputException("store.url is " + shown + " but no store adapter handles it" + unavailable);
    }

    private static Optional<Versioning> discoverVersioning(Path root, Map<String, String> environment) {
        for (VersioningProvider provider : ServiceLoader.load(VersioningProvider.class, Gryt.class.getClassLoader())) {
            Optional<Versioning> v = provider.open(root, environment);
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }

    /** Configures a {@link Gryt}. */
    public static final class Builder {
        private Path projectDir;
        private Store store;
        private String storeUrl;
        private Versioning versioning;
        private Map<String, String> environment;
        private ProjectConfig config;
        private final List<RunListener> listeners = new ArrayList<>();
        private final List<EventListener> eventListeners = new ArrayList<>();
        private final List<PromotionGate> gates = new ArrayList<>();
        private final List<Catalog> catalogs = new ArrayList<>();
        private final List<Destination> destinations = new ArrayList<>();
        private final List<Hook> hooks = new ArrayList<>();
        private ClassLoader classLoader;
        private Duration hookTimeout;
        private Consumer<String> hookReports = line -> System.err.println("gryt: " + line);

        private Builder() {
        }

        /**
         * A hook for every evolution, promotion and run of this instance (hooks registered with {@link ServiceLoader}
         * and those of {@code .gryt/hooks.yaml} are added too).
         */
        public Builder hook(Hook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** How long a hook that sets no timeout of its own may take, instead of {@code hooks.yaml}'s (30 s by default). */
        public Builder hookTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("hook timeout must be positive");
            this.hookTimeout = timeout;
            return this;
        }

        /**
         * Where a hook that failed on an "after" event is reported, one line each (besides its {@code hook.failed}
         * audit entry); {@code gryt: <line>} on standard error by default.
         */
        public Builder hookReports(Consumer<String> reports) {
            this.hookReports = Objects.requireNonNull(reports, "reports");
            return this;
        }

        /**
         * The class loader {@link ServiceLoader} finds gates, hooks and catalogs with (the CLI's, with the project's
         * plugin jars); gryt's own by default. Store and versioning adapters are always gryt's own.
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * A listener for lifecycle events ({@link io.gryt.api.event.EvolutionFinished},
         * {@link io.gryt.api.event.PromotionBlocked}...); {@link EventListener#of} subscribes to one kind.
         */
        public Builder eventListener(EventListener listener) {
            eventListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A promotion gate for every promotion (gates registered with {@link ServiceLoader} are added too). */
        public Builder gate(PromotionGate gate) {
            gates.add(Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /**
         * A catalog for this instance, besides the project's {@code .gryt/catalogs/} and the built-in ones (a
         * project's catalog of the same name hides it; it hides a built-in one and one found with {@link ServiceLoader}).
         */
        public Builder catalog(Catalog catalog) {
            catalogs.add(Objects.requireNonNull(catalog, "catalog"));
            return this;
        }

        /**
         * A destination for this instance's events, besides those configured in {@code .gryt/config.yaml}: events
         * it {@linkplain Destination#subscribes subscribes} to are written to the store's outbox with the state they
         * describe and delivered after the work, never failing or holding it up.
         */
        public Builder destination(Destination destination) {
            destinations.add(Objects.requireNonNull(destination, "destination"));
            return this;
        }

        /** The project directory (required). */
        public Builder projectDir(Path dir) {
            this.projectDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** A store to use instead of the one found with {@link ServiceLoader}; the caller keeps ownership. */
        public Builder store(Store value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * The store location to open, instead of the one the project's settings name ({@code store.url}, or
         * {@code execution.shared_url} in shared mode; {@value StoreProvider#DEFAULT_URL} by default).
         */
        public Builder storeUrl(String url) {
            this.storeUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Settings to use instead of reading {@code .gryt/config.yaml}. They name the store unless
         * {@link #store} or {@link #storeUrl} is given, and give {@code run.runners} to {@link Gryt#pipeline}.
         */
        public Builder config(ProjectConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Version control to use instead of the one found with {@link ServiceLoader}. */
        public Builder versioning(Versioning value) {
            this.versioning = Objects.requireNonNull(value, "versioning");
            return this;
        }

        /**
         * The environment steps inherit and who acts is read from ({@code GIT_COMMITTER_NAME}, {@code HOME}...: see
         * {@link io.gryt.api.spi.Versioning#user()}); the gryt process's own by default.
         */
        public Builder environment(Map<String, String> env) {
            this.environment = Objects.requireNonNull(env, "env");
            return this;
        }

        /** A listener for every run of this instance. */
        public Builder listener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Opens the project. */
        public Gryt build() {
            if (projectDir == null) throw new IllegalStateException("projectDir is required");
            return new Gryt(this);
        }
    }
}
