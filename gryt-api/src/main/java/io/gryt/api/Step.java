package io.gryt.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One unit of work in a pipeline: a command, a shell script, a Java lambda, or a reference by name to a
 * step defined elsewhere. Steps are immutable; every fluent method returns a new step.
 *
 * <pre>{@code
 * step("lint")                                              // a reference, resolved when the pipeline runs
 * step("test").run("mvn", "-q", "test").timeout(Duration.ofMinutes(10)).retries(2).dependsOn("lint")
 * step("build").sh("make && make install")                  // runs with sh -c
 * step("check").action(ctx -> ctx.log("checked"))           // a Java lambda
 * }</pre>
 *
 * <p>A reference ({@link Kind#REFERENCE}) is resolved against the pipeline's catalog
 * ({@link Pipeline#define(Step...)}) and then the project's {@code .gryt/steps.yaml}; settings made on the
 * reference (dependencies, timeout, retries, env...) override those of the definition.
 */
public final class Step implements PipelineElement {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** The longest timeout: what fits in a {@code long} of nanoseconds (about 292 years). */
    private static final Duration MAX_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

    /** What a step executes. */
    public enum Kind {
        /** Only a name: resolved against a catalog when the pipeline runs. */
        REFERENCE,
        /** An argument vector run directly, without a shell. */
        COMMAND,
        /** A script run with {@code sh -c}. */
        SHELL,
        /** A Java {@link StepAction}. */
        ACTION
    }

    private final String name;
    private final List<String> command;
    private final String script;
    private final StepAction action;
    private final Duration timeout;
    private final Integer retries;
    private final Map<String, String> env;
    private final Set<Secret> secrets;
    private final List<String> dependsOn;
    private final Path workDir;
    private final Boolean continueOnError;
    private final List<String> artifacts;
    private final List<String> junitReports;

    private Step(String name, List<String> command, String script, StepAction action, Duration timeout,
                 Integer retries, Map<String, String> env, Set<Secret> secrets, List<String> dependsOn,
                 Path workDir, Boolean continueOnError, List<String> artifacts, List<String> junitReports) {
        this.name = name;
        this.command = command;
        this.script = script;
        this.action = action;
        this.timeout = timeout;
        this.retries = retries;
        this.env = env;
        this.secrets = secrets;
        this.dependsOn = dependsOn;
        this.workDir = workDir;
        this.continueOnError = continueOnError;
        this.artifacts = artifacts;
        this.junitReports = junitReports;
    }

    /**
     * A step named {@code name}: a reference until {@link #run}, {@link #sh} or {@link #action} give it a body.
     * Names are 1-100 characters: letters, digits, {@code . _ -}, starting with a letter or digit.
     */
    public static Step step(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidPipelineException("invalid step name '" + name
                    + "': use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return new Step(name, null, null, null, null, null, Map.of(), Set.of(), null, null, null, List.of(), List.of());
    }

    private Step with(List<String> command, String script, StepAction action) {
        return new Step(name, command, script, action, timeout, retries, env, secrets, dependsOn, workDir,
                continueOnError, artifacts, junitReports);
    }

    private Step copy(Duration timeout, Integer retries, Map<String, String> env, Set<Secret> secrets,
                      List<String> dependsOn, Path workDir, Boolean continueOnError, List<String> artifacts) {
        return new Step(name, command, script, action, timeout, retries, env, secrets, dependsOn, workDir,
                continueOnError, artifacts, junitReports);
    }

    /** Runs {@code argv} directly (no shell): {@code run("mvn", "-q", "test")}. */
    public Step run(String... argv) {
        return run(Args.list("argv", argv));
    }

    /** Runs {@code argv} directly (no shell). */
    public Step run(List<String> argv) {
        List<String> copy = Args.list("argv", argv);
        if (copy.isEmpty() || copy.get(0).isBlank()) {
            throw new InvalidPipelineException("step '" + name + "': run needs a program to execute");
        }
        return with(copy, null, null);
    }

    /** Runs {@code script} with {@code sh -c}. */
    public Step sh(String script) {
        Objects.requireNonNull(script, "script");
        if (script.isBlank()) throw new InvalidPipelineException("step '" + name + "': sh needs a script");
        return with(null, script, null);
    }

    /** Runs a Java lambda in the gryt process. */
    public Step action(StepAction action) {
        return with(null, null, Objects.requireNonNull(action, "action"));
    }

    /** Kills the step's whole process tree after {@code timeout} (per attempt; positive, at most about 292 years). */
    public Step timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidPipelineException("step '" + name + "': timeout must be positive");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidPipelineException("step '" + name + "': timeout must be at most "
                    + MAX_TIMEOUT.toDays() + " days");
        }
        return copy(timeout, retries, env, secrets, dependsOn, workDir, continueOnError, artifacts);
    }

    /** Retries a failed or timed-out attempt up to {@code retries} more times. */
    public Step retries(int retries) {
        if (retries < 0) throw new InvalidPipelineException("step '" + name + "': retries must be >= 0");
        return copy(timeout, retries, env, secrets, dependsOn, workDir, continueOnError, artifacts);
    }

    /** Adds an environment variable for this step (over the pipeline's and the parent process's). */
    public Step env(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return copy(timeout, retries, Collections.unmodifiableMap(copy), secrets, dependsOn, workDir,
                continueOnError, artifacts);
    }

    /** Adds environment variables for this step. */
    public Step env(Map<String, String> vars) {
        Objects.requireNonNull(vars, "vars");
        Step s = this;
        for (Map.Entry<String, String> e : vars.entrySet()) s = s.env(e.getKey(), e.getValue());
        return s;
    }

    /** Declares secrets this step uses; their values are masked in its log and stored data. */
    public Step secrets(Secret... more) {
        Set<Secret> copy = new LinkedHashSet<>(secrets);
        copy.addAll(Args.list("secrets", more));
        return copy(timeout, retries, env, Collections.unmodifiableSet(copy), dependsOn, workDir, continueOnError,
                artifacts);
    }

    /** Runs this step only after the named steps passed (replaces any order implied by a sequence). */
    public Step dependsOn(String... steps) {
        List<String> copy = new ArrayList<>(dependsOn == null ? List.of() : dependsOn);
        for (String s : Args.list("steps", steps)) {
            if (!copy.contains(s)) copy.add(s);
        }
        return copy(timeout, retries, env, secrets, List.copyOf(copy), workDir, continueOnError, artifacts);
    }

    /** Runs the step in {@code dir} (relative paths are resolved against the project directory). */
    public Step workDir(Path dir) {
        return copy(timeout, retries, env, secrets, dependsOn, Objects.requireNonNull(dir, "dir"), continueOnError,
                artifacts);
    }

    /** When true, a failure of this step is recorded but neither fails the pipeline nor skips its dependents. */
    public Step continueOnError(boolean value) {
        return copy(timeout, retries, env, secrets, dependsOn, workDir, value, artifacts);
    }

    /**
     * Declares files the step produces, as paths or globs relative to its working directory
     * ({@code "bin/app"}, {@code "target/*.jar"}, {@code "dist/**}}); after a pass each match is recorded with
     * its size and SHA-256.
     */
    public Step artifacts(String... patterns) {
        List<String> copy = new ArrayList<>(artifacts);
        copy.addAll(Args.list("patterns", patterns));
        return copy(timeout, retries, env, secrets, dependsOn, workDir, continueOnError, List.copyOf(copy));
    }

    /**
     * Declares the JUnit XML reports the step writes (Surefire/Failsafe, Gradle, pytest, go-junit-report...), as
     * paths or globs relative to its working directory ({@code "target/surefire-reports/*.xml"}). After the step
     * ran, each test case becomes a data row and the counts part of its result; a failed test fails the step,
     * a malformed report fails it naming the file, and a pattern that matches no file fails it too.
     */
    public Step junitReports(String... patterns) {
        List<String> copy = new ArrayList<>(junitReports);
        for (String p : Args.list("patterns", patterns)) if (!copy.contains(p)) copy.add(p);
        return new Step(name, command, script, action, timeout, retries, env, secrets, dependsOn, workDir,
                continueOnError, artifacts, List.copyOf(copy));
    }

    /**
     * Resolves this reference against {@code definition}: the definition's body and settings, overridden by
     * whatever this step set itself. Returns this step unchanged when it is not a reference.
     */
    public Step resolvedWith(Step definition) {
        Objects.requireNonNull(definition, "definition");
        if (kind() != Kind.REFERENCE) return this;
        Map<String, String> mergedEnv = new LinkedHashMap<>(definition.env);
        mergedEnv.putAll(env);
        Set<Secret> mergedSecrets = new LinkedHashSet<>(definition.secrets);
        mergedSecrets.addAll(secrets);
        List<String> mergedArtifacts = new ArrayList<>(definition.artifacts);
        for (String a : artifacts) if (!mergedArtifacts.contains(a)) mergedArtifacts.add(a);
        List<String> mergedReports = new ArrayList<>(definition.junitReports);
        for (String r : junitReports) if (!mergedReports.contains(r)) mergedReports.add(r);
        return new Step(name, definition.command, definition.script, definition.action,
                timeout != null ? timeout : definition.timeout,
                retries != null ? retries : definition.retries,
                Collections.unmodifiableMap(mergedEnv), Collections.unmodifiableSet(mergedSecrets),
                dependsOn != null ? dependsOn : definition.dependsOn,
                workDir != null ? workDir : definition.workDir,
                continueOnError != null ? continueOnError : definition.continueOnError,
                List.copyOf(mergedArtifacts), List.copyOf(mergedReports));
    }

    @Override
    public List<Step> steps() {
        return List.of(this);
    }

    /** The step's name, unique within a pipeline. */
    public String name() {
        return name;
    }

    /** What the step executes. */
    public Kind kind() {
        if (command != null) return Kind.COMMAND;
        if (script != null) return Kind.SHELL;
        if (action != null) return Kind.ACTION;
        return Kind.REFERENCE;
    }

    /** The argument vector of a {@link Kind#COMMAND} step, or an empty list. */
    public List<String> command() {
        return command == null ? List.of() : command;
    }

    /** The script of a {@link Kind#SHELL} step. */
    public Optional<String> script() {
        return Optional.ofNullable(script);
    }

    /** The lambda of an {@link Kind#ACTION} step. */
    public Optional<StepAction> action() {
        return Optional.ofNullable(action);
    }

    /** The per-attempt timeout, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** How many times a failed attempt is retried (0 by default). */
    public int retries() {
        return retries == null ? 0 : retries;
    }

    /** This step's own environment variables. */
    public Map<String, String> env() {
        return env;
    }

    /** The secrets this step declared. */
    public Set<Secret> secrets() {
        return secrets;
    }

    /** The steps this one explicitly depends on; empty when it declared none. */
    public List<String> dependsOn() {
        return dependsOn == null ? List.of() : dependsOn;
    }

    /** True when {@link #dependsOn(String...)} was called, even with no names. */
    public boolean declaresDependencies() {
        return dependsOn != null;
    }

    /** The working directory override, if any. */
    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    /** True when a failure of this step does not fail the pipeline. */
    public boolean continuesOnError() {
        return continueOnError != null && continueOnError;
    }

    /** The declared artifact paths and globs. */
    public List<String> artifacts() {
        return artifacts;
    }

    /** The declared JUnit XML report paths and globs. */
    public List<String> junitReports() {
        return junitReports;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Step s)) return false;
        return name.equals(s.name) && Objects.equals(command, s.command) && Objects.equals(script, s.script)
                && Objects.equals(action, s.action) && Objects.equals(timeout, s.timeout)
                && Objects.equals(retries, s.retries) && env.equals(s.env) && secrets.equals(s.secrets)
                && Objects.equals(dependsOn, s.dependsOn) && Objects.equals(workDir, s.workDir)
                && Objects.equals(continueOnError, s.continueOnError) && artifacts.equals(s.artifacts)
                && junitReports.equals(s.junitReports);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, command, script, action, timeout, retries, env, dependsOn);
    }

    @Override
    public String toString() {
        String body = switch (kind()) {
            case COMMAND -> "run" + command;
            case SHELL -> "sh[" + script + "]";
            case ACTION -> "action";
            case REFERENCE -> "ref";
        };
        return "step(" + name + ", " + body + (dependsOn == null ? "" : ", dependsOn" + dependsOn) + ")";
    }
}
