package io.gryt.core.internal.plan;

import io.gryt.api.InvalidPipelineException;
import io.gryt.api.Pipeline;
import io.gryt.api.PipelineElement;
import io.gryt.api.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resolves and validates a pipeline into an {@link ExecutionPlan}, so that every mistake in it is reported
 * before the first step starts.
 *
 * <ul>
 *   <li>A reference ({@code step("lint")}) resolves against the pipeline's catalog
 *       ({@link Pipeline#define}), then the project's steps ({@code .gryt/steps.yaml}).</li>
 *   <li>A step that declares {@link Step#dependsOn} depends on exactly those steps. Otherwise, in a sequential
 *       pipeline it depends on every step of the previous element (all members of a parallel group), and in a
 *       graph on nothing.</li>
 *   <li>A dependency on an unknown step, on itself, or any cycle is an {@link InvalidPipelineException}.</li>
 *   <li>So is an environment variable no process can be given: a name that is empty or holds {@code =} or a
 *       NUL character, or a value that holds a NUL character.</li>
 * </ul>
 */
public final class PlanBuilder {
    private PlanBuilder() {
    }

    /**
     * Plans {@code pipeline}. {@code projectSteps} supplies the project's step definitions; it is called at
     * most once, and only when a reference is not in the pipeline's catalog.
     *
     * @throws InvalidPipelineException when a reference is undefined, a dependency unknown, or there is a cycle
     */
    public static ExecutionPlan plan(Pipeline pipeline, Supplier<Map<String, Step>> projectSteps) {
        return plan(pipeline, projectSteps, name -> List.of());
    }

    /**
     * As {@link #plan(Pipeline, Supplier)}; a reference defined nowhere whose name {@code candidates} knows in several
     * catalogs ({@code go.test, python.test}) is refused as ambiguous, listing them.
     */
    public static ExecutionPlan plan(Pipeline pipeline, Supplier<Map<String, Step>> projectSteps,
                                     Function<String, List<String>> candidates) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(projectSteps, "projectSteps");
        Objects.requireNonNull(candidates, "candidates");
        checkEnv("pipeline '" + pipeline.name() + "'", pipeline.env());
        Definitions definitions = new Definitions(pipeline.catalog(), projectSteps, candidates);
        List<PlannedStep> planned = new ArrayList<>();
        List<String> previous = List.of();
        for (PipelineElement element : pipeline.elements()) {
            List<String> names = new ArrayList<>();
            for (Step declared : element.steps()) {
                Step step = definitions.resolve(declared);
                checkEnv("step '" + step.name() + "'", step.env());
                List<String> dependsOn = step.declaresDependencies() ? step.dependsOn()
                        : pipeline.isSequential() ? previous : List.of();
                planned.add(new PlannedStep(step, dependsOn));
                names.add(step.name());
            }
            previous = List.copyOf(names);
        }
        checkDependencies(pipeline.name(), planned);
        return new ExecutionPlan(pipeline, planned);
    }

    private static void checkEnv(String owner, Map<String, String> env) {
        env.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new InvalidPipelineException(owner + ": invalid environment variable name '"
                        + name.replace('\0', ' ') + "' (it must be non-empty, without '=' or NUL)");
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidPipelineException(owner + ": the value of environment variable '" + name
                        + "' contains a NUL character, which no process can be given");
            }
        });
    }

    private static void checkDependencies(String pipeline, List<PlannedStep> steps) {
        Map<String, PlannedStep> byName = new LinkedHashMap<>();
        for (PlannedStep s : steps) byName.put(s.name(), s);
        for (PlannedStep s : steps) {
            for (String dependency : s.dependsOn()) {
                if (!byName.containsKey(dependency)) {
                    throw new InvalidPipelineException("step '" + s.name() + "' depends on '" + dependency
                            + "', which is not a step of pipeline '" + pipeline + "'");
                }
            }
        }
        List<String> cycle = findCycle(byName);
        if (!cycle.isEmpty()) {
            throw new InvalidPipelineException("pipeline '" + pipeline + "' has a dependency cycle: "
                    + String.join(" -> ", cycle));
        }
    }

    /** A cycle as a path that starts and ends with the same step, or an empty list. Depth-first, iterative. */
    private static List<String> findCycle(Map<String, PlannedStep> steps) {
        enum Mark { VISITING, DONE }
        Map<String, Mark> marks = new HashMap<>();
        for (String root : steps.keySet()) {
            if (marks.containsKey(root)) continue;
            List<String> path = new ArrayList<>();
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            marks.put(root, Mark.VISITING);
            path.add(root);
            pending.push(steps.get(root).dependsOn().iterator());
            while (!pending.isEmpty()) {
                Iterator<String> next = pending.peek();
                if (!next.hasNext()) {
                    pending.pop();
                    marks.put(path.remove(path.size() - 1), Mark.DONE);
                    continue;
                }
                String dependency = next.next();
                Mark mark = marks.get(dependency);
                if (mark == Mark.VISITING) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
                    cycle.add(dependency);
                    return cycle;
                }
                if (mark == null) {
                    marks.put(dependency, Mark.VISITING);
                    path.add(dependency);
                    pending.push(steps.get(dependency).dependsOn().iterator());
                }
            }
        }
        return List.of();
    }

    /** Step definitions: the pipeline's catalog first, then the project's, loaded on first need. */
    private static final class Definitions {
        private final Map<String, Step> catalog;
        private final Supplier<Map<String, Step>> projectSteps;
        private final Function<String, List<String>> candidates;
        private Map<String, Step> loaded;

        Definitions(Map<String, Step> catalog, Supplier<Map<String, Step>> projectSteps,
                    Function<String, List<String>> candidates) {
            this.catalog = catalog;
            this.projectSteps = projectSteps;
            this.candidates = candidates;
        }

        Step resolve(Step declared) {
            if (declared.kind() != Step.Kind.REFERENCE) return declared;
            Step definition = catalog.get(declared.name());
            if (definition == null) definition = project().get(declared.name());
            if (definition == null || definition.kind() == Step.Kind.REFERENCE) {
                List<String> found = declared.name().contains(".") ? List.of() : candidates.apply(declared.name());
                if (found.size() > 1) {
                    throw new InvalidPipelineException("step '" + declared.name() + "' is ambiguous: " + found.size()
                            + " catalogs define it (" + String.join(", ", found) + "); name one (" + found.get(0)
                            + "), define it in the pipeline or .gryt/steps.yaml, or set the project's catalog"
                            + " (gryt config set catalog " + found.get(0).substring(0, found.get(0).indexOf('.')) + ")");
                }
                throw new InvalidPipelineException("step '" + declared.name()
                        + "' is not defined: add it to the pipeline (define(...)) or to .gryt/steps.yaml,"
                        + " or name a catalog's step (go.test; gryt catalog list)");
            }
            return declared.resolvedWith(definition);
        }

        private Map<String, Step> project() {
            if (loaded == null) {
                Map<String, Step> steps = projectSteps.get();
                loaded = steps == null ? Map.of() : steps;
            }
            return loaded;
        }
    }
}
