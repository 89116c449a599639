package io.gryt.core.internal.yaml;

import io.gryt.core.text.Durations;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gryt.api.BadInputException;
import io.gryt.api.OnFailure;
import io.gryt.api.ParallelGroup;
import io.gryt.api.Pipeline;
import io.gryt.api.PipelineElement;
import io.gryt.api.PipelineHook;
import io.gryt.api.release.ChangeType;
import io.gryt.core.internal.hook.CommandHook;
import io.gryt.api.Secret;
import io.gryt.api.Step;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Pipeline} in the format {@link PipelineReader} reads. */
final class PipelineWriter {
    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private PipelineWriter() {
    }

    static String toYaml(Pipeline pipeline) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", pipeline.name());
        if (pipeline.runners() != 1) root.put("runners", pipeline.runners());
        if (!pipeline.env().isEmpty()) root.put("env", pipeline.env());
        if (!pipeline.secrets().isEmpty()) root.put("secrets", secretNames(pipeline.secrets()));
        if (!pipeline.failFast()) root.put("fail_fast", false);
        if (pipeline.onFailure() != OnFailure.FINISH_RUNNING) {
            root.put("on_failure", pipeline.onFailure().name().toLowerCase(Locale.ROOT));
        }
        // YAML has no parallel groups: a sequence with groups is written as the graph it stands for.
        boolean groups = pipeline.elements().stream().anyMatch(e -> e instanceof ParallelGroup);
        boolean explicitOrder = pipeline.isSequential() && groups;
        if (pipeline.isSequential() && !groups) root.put("sequential", true);
        pipeline.workDir().ifPresent(dir -> root.put("working_dir", dir.toString()));

        List<Object> steps = new ArrayList<>();
        List<String> previous = List.of();
        for (PipelineElement element : pipeline.elements()) {
            for (Step step : element.steps()) {
                Step definition = pipeline.catalog().get(step.name());
                Step s = definition == null ? step : step.resolvedWith(definition);
                List<String> implied = explicitOrder && !s.declaresDependencies() ? previous : List.of();
                steps.add(step(pipeline, s, implied));
            }
            previous = element.steps().stream().map(Step::name).toList();
        }
        root.put("steps", steps);
        if (!pipeline.hooks().isEmpty()) root.put("hooks", hooks(pipeline));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // writing maps of strings to a String cannot fail
        }
    }

    private static Map<String, Object> step(Pipeline pipeline, Step s, List<String> impliedDependencies) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        switch (s.kind()) {
            case COMMAND -> m.put("run", s.command());
            case SHELL -> m.put("run", s.script().orElseThrow());
            case ACTION -> throw new BadInputException("pipeline '" + pipeline.name() + "': step '" + s.name()
                    + "' runs a Java lambda, which cannot be written to YAML");
            case REFERENCE -> { } // resolved from .gryt/steps.yaml when the pipeline runs
        }
        s.timeout().ifPresent(t -> m.put("timeout", timeout(pipeline, s)));
        if (s.retries() > 0) m.put("retries", s.retries());
        if (s.declaresDependencies()) {
            m.put("depends_on", s.dependsOn());
        } else if (!impliedDependencies.isEmpty()) {
            m.put("depends_on", impliedDependencies);
        }
        if (!s.env().isEmpty()) m.put("env", s.env());
        if (!s.secrets().isEmpty()) m.put("secrets", secretNames(s.secrets()));
        if (!s.artifacts().isEmpty()) m.put("artifacts", s.artifacts());
        if (!s.junitReports().isEmpty()) m.put("junit", s.junitReports());
        if (s.continuesOnError()) m.put("continue_on_error", true);
        s.workDir().ifPresent(dir -> m.put("working_dir", dir.toString()));
        return m;
    }

    /** The pipeline's hooks as {@code hooks:} entries: command hooks only; a Java hook has no YAML form. */
    private static List<Object> hooks(Pipeline pipeline) {
        List<Object> hooks = new ArrayList<>();
        for (PipelineHook h : pipeline.hooks()) {
            if (!(h instanceof CommandHook c)) {
                throw new BadInputException("pipeline '" + pipeline.name() + "': hook " + hookName(h) + " is Java code ("
                        + h.getClass().getName() + "), which cannot be written to YAML (declare it as a command hook)");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            if (!c.events().isEmpty()) m.put("on", c.events().stream().sorted().toList());
            List<String> argv = c.command();
            boolean script = argv.size() == 3 && argv.get(0).equals("sh") && argv.get(1).equals("-c");
            m.put("run", script ? argv.get(2) : argv);
            c.timeout().ifPresent(t -> m.put("timeout", Durations.format(t)));
            if (!c.changeTypes().isEmpty()) {
                m.put("change_types", java.util.Arrays.stream(ChangeType.values()).filter(c.changeTypes()::contains)
                        .map(ChangeType::label).toList());
            }
            hooks.add(m);
        }
        return hooks;
    }

    private static String hookName(PipelineHook h) {
        try {
            return h instanceof io.gryt.api.spi.Hook hook ? "'" + hook.name() + "'" : h.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return h.getClass().getSimpleName();
        }
    }

    private static String timeout(Pipeline pipeline, Step s) {
        try {
            return Durations.format(s.timeout().orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("pipeline '" + pipeline.name() + "': step '" + s.name() + "': timeout "
                    + e.getMessage() + ", which cannot be written to YAML");
        }
    }

    private static List<String> secretNames(Iterable<Secret> secrets) {
        List<String> names = new ArrayList<>();
        secrets.forEach(s -> names.add(s.name()));
        return names;
    }
}
