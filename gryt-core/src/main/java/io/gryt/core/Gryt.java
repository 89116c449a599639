package io.gryt.core;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.Step;
import io.gryt.api.StepResult;
import io.gryt.api.event.EventListener;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.release.Promotion;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.PromotionGate;
import io.gryt.api.spi.ReadOnlyStoreException;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.api.spi.StoreProvider;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;
import io.gryt.core.config.ConfigFile;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.config.ExecutionMode;
import io.gryt.core.config.ProjectConfig;
import io.gryt.core.config.StoreUrls;
import io.gryt.core.event.EventBus;
import io.gryt.core.exec.RunEngine;
import io.gryt.core.exec.RunRequest;
import io.gryt.core.plan.ExecutionPlan;
import io.gryt.core.plan.PlanBuilder;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.release.EvolutionRequest;
import io.gryt.core.release.Generations;
import io.gryt.core.release.PromotionRequest;
import io.gryt.core.release.ReleaseContext;
import io.gryt.core.release.ReleaseRecovery;
import io.gryt.core.yaml.PipelineFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.time.Duration;
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
    private final List<PromotionGate> gates;
    private final ReleaseContext releaseContext = new Context();
    private volatile ProjectConfig config;
    private volatile String actor;
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
        this.gates = List.copyOf(b.gates);
        this.config = b.config != null || b.store != null || b.storeUrl != null ? b.config
                : ConfigFile.load(layout.configFile());
        this.ownsStore = b.store == null;
        this.store = b.store != null ? b.store : openStore(layout, b.storeUrl, config, this::actor);
        try {
            this.givenVersioning = b.versioning;
            // a read-only store is looked at, not repaired: whatever a dead process left stays as it is
            this.recovered = store.readOnly() ? List.of() : Recovery.recover(store.runs());
            this.releaseRepairs = store.recordsReleases() && !store.readOnly() ? ReleaseRecovery.recover(releaseContext) : List.of();
        } catch (RuntimeException e) {
            if (ownsStore) store.close();
            throw e;
        }
        this.engine = new RunEngine(store.runs());
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
        Supplier<String> actor = () -> actorOf(discoverVersioning(layout.root(), System.getenv()));
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
        ExecutionPlan plan = options.selection().applyTo(PlanBuilder.plan(pipeline, projectSteps()));
        if (store.readOnly()) {
            throw new ReadOnlyStoreException(store.location() + " is open read-only (gryt may not write it or its"
                    + " directory): cannot run " + pipeline.name());
        }
        List<RunListener> all = new ArrayList<>(listeners);
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
        PlanBuilder.plan(pipeline, projectSteps());
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
        return PipelineFiles.load(layout.pipelinesDir(), name, config().runners());
    }

    /**
     * The project's settings from {@code .gryt/config.yaml} (the defaults when there is none), or those given to
     * the {@link Builder#config builder}. Read once per instance, when first needed.
     *
     * @throws io.gryt.core.yaml.YamlException when the file holds a mistake
     */
    public ProjectConfig config() {
        ProjectConfig c = config;
        if (c == null) {
            c = ConfigFile.load(layout.configFile()); // two threads may both read it: they read the same thing
            config = c;
        }
        return c;
    }

    private Supplier<Map<String, Step>> projectSteps() {
        return () -> PipelineFiles.loadSteps(layout.stepsFile());
    }

    /** The project's directory layout. */
    public ProjectLayout layout() {
        return layout;
    }

    /** The project directory. */
    public Path projectDir() {
        return layout.root();
    }

    /** The audit store. */
    public Store store() {
        return store;
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
        public Optional<String> pipelineOfRun(String runId) {
            return store.runs().run(runId).map(PipelineRun::pipelineName);
        }

        @Override
        public EventBus events() {
            return events;
        }

        @Override
        public Pipeline pipeline(String name) {
            return Gryt.this.pipeline(name);
        }

        @Override
        public void validate(Pipeline pipeline) {
            Gryt.this.validate(pipeline);
        }

        @Override
        public RunHandle start(Pipeline pipeline, RunOptions options) {
            return Gryt.this.start(pipeline, options);
        }
    }

    /** Publishes run events on the event bus. */
    private record EventBridge(EventBus bus) implements RunListener {
        @Override
        public void runStarted(String runId, Pipeline pipeline) {
            bus.publish(GrytEvent.RUN_STARTED, Map.of("run_id", runId, "pipeline", pipeline.name()));
        }

        @Override
        public void stepFinished(String runId, StepResult result) {
            if (result.status() == io.gryt.api.StepStatus.FAIL || result.status() == io.gryt.api.StepStatus.TIMEOUT) {
                bus.publish(GrytEvent.STEP_FAILED, Map.of("run_id", runId, "step", result.name(),
                        "status", result.status().label(), "error", result.error() == null ? "" : result.error()));
            }
        }

        @Override
        public void runFinished(RunResult result) {
            bus.publish(GrytEvent.RUN_FINISHED, Map.of("run_id", result.runId(), "pipeline", result.pipelineName(),
                    "status", result.status().label()));
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
            a = actorOf(findVersioning());
            actor = a;
        }
        return a;
    }

    /** The identity git would record (the versioning reads it from the environment it was opened with), else the OS user. */
    private static String actorOf(Optional<Versioning> versioning) {
        return versioning.flatMap(Versioning::user).orElseGet(() -> System.getProperty("user.name", "unknown"));
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
        String unavailable = " (PostgreSQL support is not available yet)";
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

        private Builder() {
            for (PromotionGate g : ServiceLoader.load(PromotionGate.class, Gryt.class.getClassLoader())) gates.add(g);
        }

        /** A listener for lifecycle events ({@code evolution.finished}, {@code promotion.blocked}...). */
        public Builder eventListener(EventListener listener) {
            eventListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A promotion gate for every promotion (gates registered with {@link ServiceLoader} are added too). */
        public Builder gate(PromotionGate gate) {
            gates.add(Objects.requireNonNull(gate, "gate"));
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
