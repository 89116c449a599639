package io.gryt.core;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.Step;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreProvider;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.VersioningProvider;
import io.gryt.core.exec.RunEngine;
import io.gryt.core.exec.RunRequest;
import io.gryt.core.plan.ExecutionPlan;
import io.gryt.core.plan.PlanBuilder;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.yaml.PipelineFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
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
 * <p>{@link #open(Path)} finds the store and versioning adapters with {@link ServiceLoader}; the
 * {@link #builder()} lets an embedder pass its own. On opening, runs left {@code running} by a gryt process
 * that died are marked {@code interrupted} and their leftover processes killed (see {@link #recovered()}).
 * A {@code Gryt} is safe to use from several threads; it holds no global state and never exits the JVM.
 */
public final class Gryt implements AutoCloseable {
    private final ProjectLayout layout;
    private final Store store;
    private final boolean ownsStore;
    private final Versioning versioning;
    private final Map<String, String> environment;
    private final List<RunListener> listeners;
    private final RunEngine engine;
    private final List<PipelineRun> recovered;

    private Gryt(Builder b) {
        this.layout = new ProjectLayout(b.projectDir);
        this.environment = b.environment == null ? System.getenv() : Map.copyOf(b.environment);
        this.listeners = List.copyOf(b.listeners);
        this.ownsStore = b.store == null;
        this.store = b.store != null ? b.store : openStore(layout, b.storeUrl);
        try {
            this.versioning = b.versioning != null ? b.versioning : discoverVersioning(layout.root()).orElse(null);
            this.recovered = Recovery.recover(store.runs());
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

    /** A builder for embedders who choose their own store, versioning, environment or listeners. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code pipeline} to the end and returns its recorded result. */
    public RunResult run(Pipeline pipeline, RunListener... runListeners) {
        return start(pipeline, new RunOptions(Map.of(), Arrays.asList(runListeners))).await();
    }

    /** Starts {@code pipeline} and returns at once; the run is recorded before this returns. */
    public RunHandle start(Pipeline pipeline, RunListener... runListeners) {
        return start(pipeline, new RunOptions(Map.of(), Arrays.asList(runListeners)));
    }

    /**
     * Starts {@code pipeline} with extra environment variables and listeners. The pipeline is resolved and
     * validated first: unresolved step references, unknown dependencies and cycles fail here with an
     * {@link io.gryt.api.InvalidPipelineException} and nothing runs.
     */
    public RunHandle start(Pipeline pipeline, RunOptions options) {
        Objects.requireNonNull(pipeline, "pipeline");
        ExecutionPlan plan = PlanBuilder.plan(pipeline, projectSteps());
        List<RunListener> all = new ArrayList<>(listeners);
        all.addAll(options.listeners());
        return engine.start(new RunRequest(plan, layout.root(), layout.runsDir(), environment, options.env(), all));
    }

    /** The pipeline defined in {@code .gryt/pipelines/<name>.yaml}. */
    public Pipeline pipeline(String name) {
        return PipelineFiles.load(layout.pipelinesDir(), name);
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

    /** The project's version control, when it is in a git repository (and an adapter is present). */
    public Optional<Versioning> versioning() {
        return Optional.ofNullable(versioning);
    }

    /** The project's version control, or a clear error when the project is not in a repository. */
    public Versioning requireVersioning() {
        if (versioning == null) {
            throw new BadInputException("no git repository at " + layout.root() + " (run 'git init' first)");
        }
        return versioning;
    }

    /** Runs that a dead gryt process had left {@code running} and that opening this project marked interrupted. */
    public List<PipelineRun> recovered() {
        return recovered;
    }

    /** Closes the store if this instance opened it. */
    @Override
    public void close() {
        if (ownsStore) store.close();
    }

    private static Store openStore(ProjectLayout layout, String url) {
        String location = url == null ? StoreProvider.DEFAULT_URL : url;
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Gryt.class.getClassLoader())) {
            if (provider.supports(location)) return provider.open(layout.root(), location);
        }
        throw new GrytException("no store adapter for '" + location
                + "' on the class path (add gryt-sqlite, or pass a store to Gryt.builder())");
    }

    private static Optional<Versioning> discoverVersioning(Path root) {
        for (VersioningProvider provider : ServiceLoader.load(VersioningProvider.class, Gryt.class.getClassLoader())) {
            Optional<Versioning> v = provider.open(root);
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
        private final List<RunListener> listeners = new ArrayList<>();

        private Builder() {
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

        /** The store location to open ({@value StoreProvider#DEFAULT_URL} by default). */
        public Builder storeUrl(String url) {
            this.storeUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Version control to use instead of the one found with {@link ServiceLoader}. */
        public Builder versioning(Versioning value) {
            this.versioning = Objects.requireNonNull(value, "versioning");
            return this;
        }

        /** The environment steps inherit (the gryt process's own by default). */
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
