package io.gryt.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, runnable set of steps and how to schedule them. Fluent methods return new pipelines.
 *
 * <p>Two ways to write one:
 * <pre>{@code
 * // a sequence: each element runs after the previous one; parallel(...) members run together
 * Pipeline p = Pipeline.of(step("lint"), parallel(step("unit"), step("it")), step("package")).runners(3);
 *
 * // a graph: steps run as soon as the steps they depend on have passed
 * Pipeline release = Pipeline.named("release")
 *     .steps(step("lint").run("mvn", "-q", "spotless:check"),
 *            step("test").run("mvn", "-q", "test"),
 *            step("build").run("mvn", "-q", "package").dependsOn("lint", "test"))
 *     .runners(3)
 *     .build();
 * }</pre>
 * In a sequence, a step that declares {@link Step#dependsOn} uses exactly those dependencies instead of the
 * implied order. Both forms are one mechanism: a dependency graph run over {@link #runners()} workers.
 */
public final class Pipeline {
    /** The name given to pipelines made with {@link #of} unless renamed. */
    public static final String DEFAULT_NAME = "pipeline";

    private final String name;
    private final List<PipelineElement> elements;
    private final boolean sequential;
    private final int runners;
    private final Map<String, String> env;
    private final Set<Secret> secrets;
    private final boolean failFast;
    private final OnFailure onFailure;
    private final Map<String, Step> catalog;
    private final Path workDir;
    private final List<PipelineHook> hooks;

    private Pipeline(Builder b) {
        this.name = b.name;
        this.elements = List.copyOf(b.elements);
        this.sequential = b.sequential;
        this.runners = b.runners;
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.secrets = Collections.unmodifiableSet(new LinkedHashSet<>(b.secrets));
        this.failFast = b.failFast;
        this.onFailure = b.onFailure;
        this.catalog = Collections.unmodifiableMap(new LinkedHashMap<>(b.catalog));
        this.workDir = b.workDir;
        this.hooks = List.copyOf(b.hooks);
        Set<String> seen = new LinkedHashSet<>();
        for (Step s : steps()) {
            if (!seen.add(s.name())) {
                throw new InvalidPipelineException("pipeline '" + name + "' has two steps named '" + s.name() + "'");
            }
        }
    }

    /** A sequential pipeline named {@value #DEFAULT_NAME}: each element runs after the one before it. */
    public static Pipeline of(PipelineElement... elements) {
        return new Builder(DEFAULT_NAME).sequential(true).steps(elements).build();
    }

    /** Starts a pipeline builder; {@link Builder#steps} form a dependency graph unless made sequential. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A group of steps that may run at the same time. */
    public static ParallelGroup parallel(Step... steps) {
        return new ParallelGroup(Args.list("steps", steps));
    }

    /** A builder holding this pipeline's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.elements.addAll(elements);
        b.sequential = sequential;
        b.runners = runners;
        b.env.putAll(env);
        b.secrets.addAll(secrets);
        b.failFast = failFast;
        b.onFailure = onFailure;
        b.catalog.putAll(catalog);
        b.workDir = workDir;
        b.hooks.addAll(hooks);
        return b;
    }

    /** This pipeline with another name. */
    public Pipeline withName(String newName) {
        Builder b = toBuilder();
        b.name = Builder.checkName(newName);
        return b.build();
    }

    /** This pipeline run over {@code n} parallel workers. */
    public Pipeline runners(int n) {
        return toBuilder().runners(n).build();
    }

    /** This pipeline with an environment variable for every step. */
    public Pipeline env(String key, String value) {
        return toBuilder().env(key, value).build();
    }

    /** This pipeline with more declared secrets (masked in logs and stored data). */
    public Pipeline secrets(Secret... more) {
        return toBuilder().secrets(more).build();
    }

    /** This pipeline with fail-fast on or off (on by default: after a failure nothing new starts). */
    public Pipeline failFast(boolean value) {
        return toBuilder().failFast(value).build();
    }

    /** This pipeline with another policy for running steps when one fails. */
    public Pipeline onFailure(OnFailure policy) {
        return toBuilder().onFailure(policy).build();
    }

    /** This pipeline with step definitions that references ({@code step("lint")}) resolve to. */
    public Pipeline define(Step... definitions) {
        return toBuilder().define(definitions).build();
    }

    /** This pipeline run in {@code dir} (relative paths resolve against the project directory). */
    public Pipeline workDir(Path dir) {
        return toBuilder().workDir(dir).build();
    }

    /**
     * This pipeline with a hook that sees its runs (run and step events) and the evolutions it proves
     * ({@code evolution.starting}, which it may veto, {@code evolution.started}, {@code evolution.finished}).
     */
    public Pipeline hook(PipelineHook hook) {
        return toBuilder().hook(hook).build();
    }

    /** The pipeline's name. */
    public String name() {
        return name;
    }

    /** The elements as written. */
    public List<PipelineElement> elements() {
        return elements;
    }

    /** All steps in declaration order. */
    public List<Step> steps() {
        List<Step> all = new ArrayList<>();
        for (PipelineElement e : elements) all.addAll(e.steps());
        return all;
    }

    /** True when elements run one after another (made with {@link #of} or {@link Builder#sequential}). */
    public boolean isSequential() {
        return sequential;
    }

    /** The number of steps that may run at once (at least 1). */
    public int runners() {
        return runners;
    }

    /** Environment variables for every step. */
    public Map<String, String> env() {
        return env;
    }

    /** Secrets declared for the whole pipeline. */
    public Set<Secret> secrets() {
        return secrets;
    }

    /** True when a failure stops new steps from starting. */
    public boolean failFast() {
        return failFast;
    }

    /** What happens to running steps after a failure. */
    public OnFailure onFailure() {
        return onFailure;
    }

    /** Step definitions for references, by name. */
    public Map<String, Step> catalog() {
        return catalog;
    }

    /** The working directory override, if any. */
    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    /** The hooks attached to this pipeline, in the order they were added. */
    public List<PipelineHook> hooks() {
        return hooks;
    }

    /** Pipelines are equal when every setting, element and definition is equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Pipeline p)) return false;
        return name.equals(p.name) && elements.equals(p.elements) && sequential == p.sequential
                && runners == p.runners && env.equals(p.env) && secrets.equals(p.secrets) && failFast == p.failFast
                && onFailure == p.onFailure && catalog.equals(p.catalog) && Objects.equals(workDir, p.workDir)
                && hooks.equals(p.hooks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, elements, sequential, runners, env, failFast, onFailure);
    }

    @Override
    public String toString() {
        return "Pipeline(" + name + ", " + (sequential ? "sequence" : "graph") + ", runners=" + runners + ", "
                + steps() + ")";
    }

    /** Builds a {@link Pipeline}. Not thread-safe; the pipeline it builds is. */
    public static final class Builder {
        private String name;
        private final List<PipelineElement> elements = new ArrayList<>();
        private boolean sequential;
        private int runners = 1;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Set<Secret> secrets = new LinkedHashSet<>();
        private boolean failFast = true;
        private OnFailure onFailure = OnFailure.FINISH_RUNNING;
        private final Map<String, Step> catalog = new LinkedHashMap<>();
        private Path workDir;
        private final List<PipelineHook> hooks = new ArrayList<>();

        private Builder(String name) {
            this.name = checkName(name);
        }

        static String checkName(String name) {
            Objects.requireNonNull(name, "name");
            // '+' joins the names of the pipelines an evolution merged (ci+e2e): see the release engine
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")) {
                throw new InvalidPipelineException("invalid pipeline name '" + name
                        + "': use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            return name;
        }

        /** Adds steps or parallel groups. */
        public Builder steps(PipelineElement... more) {
            elements.addAll(Args.list("steps", more));
            return this;
        }

        /** Adds steps or parallel groups. */
        public Builder steps(List<? extends PipelineElement> more) {
            elements.addAll(Args.list("steps", more));
            return this;
        }

        /** When true, each element runs after the previous one (as with {@link Pipeline#of}). */
        public Builder sequential(boolean value) {
            this.sequential = value;
            return this;
        }

        /** The number of steps that may run at once. */
        public Builder runners(int n) {
            if (n < 1) throw new InvalidPipelineException("pipeline '" + name + "': runners must be at least 1, was " + n);
            this.runners = n;
            return this;
        }

        /** An environment variable for every step. */
        public Builder env(String key, String value) {
            env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Environment variables for every step. */
        public Builder env(Map<String, String> vars) {
            Objects.requireNonNull(vars, "vars").forEach(this::env);
            return this;
        }

        /** Declares secrets for the whole pipeline. */
        public Builder secrets(Secret... more) {
            secrets.addAll(Args.list("secrets", more));
            return this;
        }

        /** Fail-fast on (the default) or off. */
        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        /** What happens to running steps after a failure. */
        public Builder onFailure(OnFailure policy) {
            this.onFailure = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Step definitions that references resolve to (later definitions of a name win). */
        public Builder define(Step... definitions) {
            for (Step d : Args.list("definitions", definitions)) {
                if (d.kind() == Step.Kind.REFERENCE) {
                    throw new InvalidPipelineException("definition of step '" + d.name()
                            + "' has nothing to run: give it run(...), sh(...) or action(...)");
                }
                catalog.put(d.name(), d);
            }
            return this;
        }

        /** The working directory for every step. */
        public Builder workDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** A hook that sees this pipeline's runs and the evolutions it proves (see {@link Pipeline#hook}). */
        public Builder hook(PipelineHook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** The immutable pipeline. */
        public Pipeline build() {
            if (elements.isEmpty()) throw new InvalidPipelineException("pipeline '" + name + "' has no steps");
            return new Pipeline(this);
        }
    }
}
