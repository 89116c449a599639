package io.gryt.core.internal.yaml;

import io.gryt.core.config.ConfigKey;
import io.gryt.core.text.Durations;
import io.gryt.core.text.Suggestions;
import io.gryt.api.InvalidPipelineException;
import io.gryt.api.OnFailure;
import io.gryt.api.Pipeline;
import io.gryt.api.Secret;
import io.gryt.api.Step;
import io.gryt.core.internal.yaml.Value.Fields;
import io.gryt.core.internal.yaml.Value.Member;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the node tree of a pipeline file or of {@code steps.yaml} into gryt-api values. Every mistake in the file
 * is reported, one line each: a field that is wrong is collected and the reading goes on.
 */
final class PipelineReader {
    static final List<String> PIPELINE_KEYS = List.of("name", "runners", "env", "secrets", "fail_fast",
            "on_failure", "sequential", "working_dir", "steps", "hooks");
    static final List<String> STEP_KEYS = List.of("name", "run", "timeout", "retries", "depends_on", "env",
            "secrets", "artifacts", "junit", "continue_on_error", "working_dir");
    static final List<String> DEFINITION_KEYS = STEP_KEYS.subList(1, STEP_KEYS.size());

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PipelineReader() {
    }

    /**
     * The pipeline in {@code root}, a file whose name without extension is {@code fileName}; it runs
     * {@code defaultRunners} steps at once unless the file sets {@code runners}.
     */
    static Pipeline pipeline(Value root, String fileName, int defaultRunners) {
        if (!root.isMapping()) {
            throw root.error("expected a map of pipeline settings (name, steps, ...) at the top level, got "
                    + root.describe());
        }
        Problems problems = new Problems();
        Fields fields = root.fields(PIPELINE_KEYS, problems);
        problems.attempt(() -> fields.get("name").ifPresent(v -> {
            if (!v.text().equals(fileName)) {
                throw v.error("'" + v.text() + "' differs from the file name '" + fileName
                        + "'; rename the file or remove the key");
            }
        }));
        Pipeline.Builder pipeline = at(root, () -> Pipeline.named(fileName).runners(defaultRunners));
        problems.attempt(() -> fields.get("runners").ifPresent(v -> pipeline.runners(v.integer(1, ConfigKey.MAX_RUNNERS))));
        problems.attempt(() -> fields.get("env").ifPresent(v -> pipeline.env(env(v))));
        problems.attempt(() -> fields.get("secrets").ifPresent(v -> pipeline.secrets(secrets(v))));
        problems.attempt(() -> fields.get("fail_fast").ifPresent(v -> pipeline.failFast(v.bool())));
        problems.attempt(() -> fields.get("on_failure").ifPresent(v -> pipeline.onFailure(onFailure(v))));
        problems.attempt(() -> fields.get("sequential").ifPresent(v -> pipeline.sequential(v.bool())));
        problems.attempt(() -> fields.get("working_dir").ifPresent(v -> pipeline.workDir(path(v))));
        problems.attempt(() -> fields.get("hooks").ifPresent(v -> HookReader.hooks(v, projectDirOf(root), problems)
                .forEach(pipeline::hook)));

        List<Value> items = fields.missingBesideUnknownKeys("steps") ? null : problems.attempt(() -> {
            Value stepList = fields.require("steps", "a pipeline needs a list of steps");
            if (!stepList.isSequence()) throw stepList.error("expected a list of steps, got " + stepList.describe());
            if (stepList.items().isEmpty()) throw stepList.error("the list is empty; a pipeline needs at least one step");
            return stepList.items();
        });
        Map<String, Value> names = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        Map<String, Fields> stepFields = new LinkedHashMap<>();
        for (Value item : items == null ? List.<Value>of() : items) {
            problems.attempt(() -> {
                if (!item.isMapping()) {
                    throw item.error("expected a step (a map with 'name' and usually 'run'), got " + item.describe());
                }
                Fields f = item.fields(STEP_KEYS, problems);
                if (f.missingBesideUnknownKeys("name")) return;
                Value nameValue = f.require("name", "every step needs a name");
                String name = nameValue.text();
                Value earlier = names.putIfAbsent(name, nameValue);
                if (earlier != null) {
                    throw nameValue.error("duplicate step name '" + name + "' (first at line " + earlier.mark().line() + ")");
                }
                stepFields.put(name, f);
                steps.add(settings(at(nameValue, () -> Step.step(name)), f, problems));
            });
        }
        stepFields.forEach((name, f) -> problems.attempt(
                () -> f.get("depends_on").ifPresent(v -> checkDependencies(v, name, names.keySet(), problems))));
        problems.throwIfAny();
        pipeline.steps(steps);
        return at(root, pipeline::build);
    }

    /** The project directory of a pipeline file ({@code <project>/.gryt/pipelines/x.yaml}): where its hooks run. */
    private static Path projectDirOf(Value root) {
        Path file = Path.of(root.file()).toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir != null && dir.getParent() != null && dir.getParent().getParent() != null
                && dir.getFileName().toString().equals("pipelines") && dir.getParent().getFileName().toString().equals(".gryt")) {
            return dir.getParent().getParent();
        }
        return dir != null ? dir : Path.of("").toAbsolutePath();
    }

    /** The step definitions of {@code steps.yaml}, by name, in file order. */
    static Map<String, Step> definitions(Value root) {
        if (!root.isMapping()) {
            throw root.error("expected a map with 'steps' at the top level, got " + root.describe());
        }
        Problems problems = new Problems();
        Fields top = root.fields(List.of("steps"), problems);
        if (top.missingBesideUnknownKeys("steps")) problems.throwIfAny();
        Value steps = top.require("steps", "a map of step definitions by name");
        Map<String, Step> definitions = definitions(steps, problems);
        problems.throwIfAny();
        return definitions;
    }

    /** The step definitions of map {@code steps} ({@code name: {run: ...}}), in file order; mistakes go to {@code problems}. */
    static Map<String, Step> definitions(Value steps, Problems problems) {
        Map<String, Step> definitions = new LinkedHashMap<>();
        List<Member> members = problems.attempt(steps::members);
        for (Member m : members == null ? List.<Member>of() : members) {
            problems.attempt(() -> {
                Value body = m.value();
                if (!body.isMapping()) {
                    throw body.error("expected a step definition (a map with 'run'), got " + body.describe());
                }
                Step named;
                try {
                    named = Step.step(m.key());
                } catch (InvalidPipelineException e) {
                    throw steps.errorAt(m.mark(), e.getMessage());
                }
                Fields f = body.fields(DEFINITION_KEYS, problems);
                if (!f.missingBesideUnknownKeys("run")) {
                    problems.attempt(() -> f.require("run", "a definition needs a command or script to run"));
                }
                problems.attempt(() -> f.get("depends_on").ifPresent(v -> checkNotItself(v, m.key())));
                definitions.put(m.key(), settings(named, f, problems));
            });
        }
        return Collections.unmodifiableMap(definitions);
    }

    /** {@code step} with the settings of {@code f}; each setting that is wrong is added to {@code problems}. */
    private static Step settings(Step step, Fields f, Problems problems) {
        Step s = step;
        for (String key : STEP_KEYS) {
            Step current = s;
            Step next = problems.attempt(() -> setting(current, key, f));
            if (next != null) s = next;
        }
        return s;
    }

    private static Step setting(Step current, String key, Fields f) {
        Value v = f.get(key).orElse(null);
        if (v == null) return current;
        return switch (key) {
            case "run" -> run(current, v);
            case "timeout" -> at(v, () -> current.timeout(duration(v)));
            case "retries" -> current.retries(v.integer(0));
            case "depends_on" -> at(v, () -> current.dependsOn(v.texts().toArray(String[]::new)));
            case "env" -> current.env(env(v));
            case "secrets" -> current.secrets(secrets(v));
            case "artifacts" -> current.artifacts(artifacts(v));
            case "junit" -> current.junitReports(junitReports(v));
            case "continue_on_error" -> current.continueOnError(v.bool());
            case "working_dir" -> current.workDir(path(v));
            default -> current; // name, read by the caller
        };
    }

    private static Step run(Step step, Value v) {
        if (v.isSequence()) {
            List<String> argv = v.texts();
            if (argv.isEmpty()) throw v.error("the argument list is empty; give a program to run");
            if (argv.get(0).isBlank()) throw v.error("the program to run (first argument) is blank");
            return at(v, () -> step.run(argv));
        }
        if (v.scalar() == null) throw v.error("expected a command line (text) or a list of arguments, got " + v.describe());
        String script = v.text();
        if (script.isBlank()) throw v.error("the script is blank");
        return at(v, () -> step.sh(script));
    }

    private static Duration duration(Value v) {
        Object raw = v.scalar();
        Duration d;
        if (raw instanceof Number) {
            d = Duration.ofSeconds(v.integer(1));
        } else if (raw instanceof String text) {
            d = Durations.parse(text);
            if (d == null) throw v.error("'" + text + "' is not a duration (use 30s, 10m, 1h30m)");
        } else {
            throw v.error("expected a duration (30s, 10m, 1h30m) or a number of seconds, got " + v.describe());
        }
        if (d.isZero()) throw v.error("must be longer than zero");
        return d;
    }

    private static Map<String, String> env(Value v) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Member m : v.members()) {
            if (!ENV_NAME.matcher(m.key()).matches()) {
                throw v.errorAt(m.mark(), "'" + m.key() + "' is not an environment variable name "
                        + "(letters, digits and '_', not starting with a digit)");
            }
            if (m.value().scalar() == null) {
                throw m.value().error("expected a text value, got " + m.value().describe());
            }
            env.put(m.key(), m.value().text());
        }
        return env;
    }

    private static Secret[] secrets(Value v) {
        List<Secret> secrets = new ArrayList<>();
        List<Value> items = v.isSequence() ? v.items() : List.of(v);
        for (Value item : items) {
            String name = item.text();
            if (!ENV_NAME.matcher(name).matches()) {
                throw item.error("'" + name + "' is not an environment variable name "
                        + "(letters, digits and '_', not starting with a digit)");
            }
            secrets.add(new Secret(name));
        }
        return secrets.toArray(Secret[]::new);
    }

    private static String[] artifacts(Value v) {
        List<String> patterns = new ArrayList<>();
        List<Value> items = v.isSequence() ? v.items() : List.of(v);
        for (Value item : items) {
            String pattern = item.text();
            if (pattern.isBlank()) throw item.error("an artifact path must not be blank");
            patterns.add(pattern);
        }
        return patterns.toArray(String[]::new);
    }

    private static String[] junitReports(Value v) {
        List<String> patterns = new ArrayList<>();
        for (Value item : v.isSequence() ? v.items() : List.of(v)) {
            String pattern = item.text();
            if (pattern.isBlank()) throw item.error("a junit report path must not be blank");
            patterns.add(pattern);
        }
        return patterns.toArray(String[]::new);
    }

    private static OnFailure onFailure(Value v) {
        String text = v.text();
        for (OnFailure policy : OnFailure.values()) {
            if (policy.name().toLowerCase(Locale.ROOT).equals(text)) return policy;
        }
        throw v.error("'" + text + "' is not a failure policy (use finish_running or cancel_running)");
    }

    private static Path path(Value v) {
        String text = v.text();
        if (text.isBlank()) throw v.error("the directory must not be blank");
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw v.error("'" + text + "' is not a valid path: " + e.getReason());
        }
    }

    private static void checkDependencies(Value dependsOn, String step, Set<String> names, Problems problems) {
        checkNotItself(dependsOn, step);
        for (Value item : dependsOn.isSequence() ? dependsOn.items() : List.of(dependsOn)) {
            problems.attempt(() -> {
                String name = item.text();
                if (!names.contains(name)) {
                    String closest = Suggestions.closest(name, names);
                    throw item.error("no step named '" + name + "' in this pipeline " + (closest != null
                            ? "(did you mean '" + closest + "'?)" : "(steps: " + String.join(", ", names) + ")"));
                }
            });
        }
    }

    private static void checkNotItself(Value dependsOn, String step) {
        for (Value item : dependsOn.isSequence() ? dependsOn.items() : List.of(dependsOn)) {
            if (item.text().equals(step)) throw item.error("step '" + step + "' cannot depend on itself");
        }
    }

    /** Runs a gryt-api builder call, turning its {@link InvalidPipelineException} into an error at {@code v}. */
    private static <T> T at(Value v, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidPipelineException e) {
            throw v.error(e.getMessage());
        }
    }
}
