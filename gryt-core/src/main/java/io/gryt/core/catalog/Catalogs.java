package io.gryt.core.catalog;

import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.api.spi.Catalog;
import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.core.internal.yaml.CatalogFiles;
import io.gryt.core.internal.yaml.PipelineFiles;
import io.gryt.core.project.FileErrors;
import io.gryt.core.text.Suggestions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The catalogs a project sees, by name: its own {@code .gryt/catalogs/<name>.yaml} first, then those registered by
 * Java code ({@code Gryt.builder().catalog(...)}, then {@link ServiceLoader}), then gryt's built-in ones (go, python,
 * node, rust, maven, gradle); a name found earlier hides the same name later.
 *
 * <p>References: {@code go.release} is pipeline {@code release} of catalog {@code go}, {@code go.test} its step
 * {@code test}. A plain step name ({@code step("test")}) resolves to the step of the project's catalog (its
 * {@code catalog:} setting, or the catalog of the generation's {@code pipeline_template}), else of the one catalog
 * that defines it (see {@link #steps(Optional)}). A project's catalog file is read when first
 * needed; a mistake in it is a {@link io.gryt.core.internal.yaml.YamlException} naming file, line and column. Thread-safe.
 */
public final class Catalogs {
    private final Path catalogsDir;
    private final List<Catalog> registered;
    private final Map<Path, Catalog> parsed = new ConcurrentHashMap<>();

    /** The catalogs of a project whose catalog files are in {@code catalogsDir}, with {@code registered} ones. */
    public Catalogs(Path catalogsDir, List<Catalog> registered) {
        this.catalogsDir = catalogsDir;
        this.registered = List.copyOf(registered);
    }

    /** The catalogs found with {@link ServiceLoader} (registered through {@code META-INF/services/io.gryt.api.spi.Catalog}). */
    public static List<Catalog> serviceLoaded() {
        return serviceLoaded(Catalogs.class.getClassLoader());
    }

    /** The catalogs registered with {@link ServiceLoader} that {@code loader} sees (plugin jars included). */
    public static List<Catalog> serviceLoaded(ClassLoader loader) {
        List<Catalog> found = new ArrayList<>();
        for (Catalog c : ServiceLoader.load(Catalog.class, loader)) found.add(c);
        return found;
    }

    /** Every catalog, by name, hidden ones left out: the project's, the registered ones, the built-in ones. */
    public List<FoundCatalog> all() {
        Map<String, FoundCatalog> byName = new LinkedHashMap<>();
        for (Path file : projectFiles()) {
            String name = nameOf(file);
            byName.putIfAbsent(name, new FoundCatalog(project(file), CatalogOrigin.PROJECT, Optional.of(file)));
        }
        for (Catalog c : registered) byName.putIfAbsent(c.name(), new FoundCatalog(c, CatalogOrigin.REGISTERED, Optional.empty()));
        for (Catalog c : BuiltinCatalogs.all()) byName.putIfAbsent(c.name(), new FoundCatalog(c, CatalogOrigin.BUILT_IN, Optional.empty()));
        return List.copyOf(byName.values());
    }

    /** The names of every catalog, as {@link #all()} orders them; reading no project catalog file. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        projectFiles().stream().map(Catalogs::nameOf).forEach(n -> addOnce(names, n));
        registered.forEach(c -> addOnce(names, c.name()));
        BuiltinCatalogs.NAMES.forEach(n -> addOnce(names, n));
        return names;
    }

    /** Catalog {@code name}, if there is one. */
    public Optional<FoundCatalog> find(String name) {
        if (name == null || !CatalogFiles.NAME.matcher(name).matches()) return Optional.empty();
        for (Path file : projectFiles()) {
            if (nameOf(file).equals(name)) return Optional.of(new FoundCatalog(project(file), CatalogOrigin.PROJECT, Optional.of(file)));
        }
        for (Catalog c : registered) {
            if (c.name().equals(name)) return Optional.of(new FoundCatalog(c, CatalogOrigin.REGISTERED, Optional.empty()));
        }
        return BuiltinCatalogs.all().stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> new FoundCatalog(c, CatalogOrigin.BUILT_IN, Optional.empty()));
    }

    /**
     * Catalog {@code name}.
     *
     * @throws BadInputException when there is none (the message lists those there are)
     */
    public FoundCatalog require(String name) {
        return find(name).orElseThrow(() -> new BadInputException("no catalog '" + name + "'" + hint(name, names())
                + " (catalogs: " + String.join(", ", names()) + ")"));
    }

    /** True when {@code reference} has the form {@code <catalog>.<name>} and the catalog exists. */
    public boolean isCatalogReference(String reference) {
        int dot = reference == null ? -1 : reference.indexOf('.');
        return dot > 0 && dot < reference.length() - 1 && find(reference.substring(0, dot)).isPresent();
    }

    /** The catalog that {@code reference} ({@code <catalog>.<name>}) names, if it exists. */
    public Optional<FoundCatalog> catalogOf(String reference) {
        int dot = reference == null ? -1 : reference.indexOf('.');
        return dot > 0 ? find(reference.substring(0, dot)) : Optional.empty();
    }

    /**
     * Pipeline {@code reference} ({@code go.release}), named after it.
     *
     * @throws BadInputException when the reference is malformed or names an unknown catalog or pipeline (the
     *                           message lists the valid ones)
     */
    public Pipeline pipeline(String reference) {
        int dot = reference.indexOf('.');
        if (dot <= 0 || dot == reference.length() - 1) {
            throw new BadInputException("'" + reference + "' is not a catalog pipeline: write <catalog>.<pipeline>,"
                    + " e.g. go.release (catalogs: " + String.join(", ", names()) + ")");
        }
        FoundCatalog found = require(reference.substring(0, dot));
        String name = reference.substring(dot + 1);
        Pipeline pipeline = found.catalog().pipelines().get(name);
        if (pipeline == null) {
            List<String> valid = found.catalog().pipelines().keySet().stream().map(p -> found.name() + "." + p).toList();
            throw new BadInputException("catalog '" + found.name() + "' has no pipeline '" + name + "'"
                    + hint(reference, valid) + " (pipelines: " + (valid.isEmpty() ? "none" : String.join(", ", valid)) + ")");
        }
        return pipeline.name().equals(reference) ? pipeline : pipeline.withName(reference);
    }

    /**
     * Writes catalog pipeline {@code reference} as the project's pipeline file {@code <name>.yaml} in
     * {@code pipelinesDir}, headed by {@code comment} (one line, written as a YAML comment), and returns the file.
     * Never overwrites: a pipeline of that name already there is refused with a {@link BadInputException}.
     */
    public Path writePipeline(Path pipelinesDir, String name, String reference, String comment) {
        Pipeline pipeline = pipeline(reference).withName(name);
        if (PipelineFiles.exists(pipelinesDir, name)) {
            throw new BadInputException("pipeline '" + name + "' already exists in " + pipelinesDir
                    + ": choose another name, or remove the file first");
        }
        Path file = pipelinesDir.resolve(name + ".yaml");
        try {
            Files.createDirectories(pipelinesDir);
            Files.writeString(file, "# " + comment.replace('\n', ' ') + "\n" + PipelineFiles.toYaml(pipeline),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + FileErrors.describe(e));
        }
        return file;
    }

    /**
     * Each step of {@code pipeline} with the steps it waits for (the effective dependencies: a sequence waits for
     * the element before it, {@code dependsOn} replaces that), in planned order.
     */
    public static Map<String, List<String>> dependencies(Pipeline pipeline) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        PlanBuilder.plan(pipeline, Map::of).steps().forEach(s -> order.put(s.name(), List.copyOf(s.dependsOn())));
        return order;
    }

    /**
     * The step definitions catalogs give to references, with no project catalog: see {@link #steps(Optional)}.
     */
    public Map<String, Step> steps() {
        return steps(Optional.empty());
    }

    /**
     * The step definitions catalogs give to references: every catalog's step as {@code <catalog>.<step>}; then by its
     * plain name ({@code test}) each step of {@code projectCatalog} (the project's {@code catalog:} setting, or the
     * catalog of the generation's {@code pipeline_template}), when given and known; then a plain name that exactly one
     * catalog of the first group defining it (the project's catalog files, then registered catalogs, then the
     * built-in ones) defines. A plain name several catalogs of that group define is left out:
     * {@link #candidates} names them.
     */
    public Map<String, Step> steps(Optional<String> projectCatalog) {
        List<FoundCatalog> all = all();
        Map<String, Step> steps = new LinkedHashMap<>();
        for (FoundCatalog f : all) {
            f.catalog().steps().forEach((name, step) -> steps.put(f.name() + "." + name, step));
        }
        projectCatalog.flatMap(name -> all.stream().filter(f -> f.name().equals(name)).findFirst())
                .ifPresent(f -> f.catalog().steps().forEach(steps::putIfAbsent));
        Set<String> decided = new HashSet<>(); // a plain name the first group that has it settles
        for (CatalogOrigin group : CatalogOrigin.values()) {
            Map<String, List<Step>> plain = new LinkedHashMap<>();
            for (FoundCatalog f : all) {
                if (f.origin() != group) continue;
                f.catalog().steps().forEach((name, step) -> plain.computeIfAbsent(name, n -> new ArrayList<>()).add(step));
            }
            plain.forEach((name, defs) -> {
                if (decided.add(name) && defs.size() == 1) steps.putIfAbsent(name, defs.get(0));
            });
        }
        return Collections.unmodifiableMap(steps);
    }

    /** The qualified names ({@code go.test, python.test}) of the catalogs' steps named {@code name}, in catalog order. */
    public List<String> candidates(String name) {
        List<String> found = new ArrayList<>();
        for (FoundCatalog f : all()) {
            if (f.catalog().steps().containsKey(name)) found.add(f.name() + "." + name);
        }
        return found;
    }

    private Catalog project(Path file) {
        return parsed.computeIfAbsent(file, CatalogFiles::parse);
    }

    /** The project's catalog files, sorted by name; a name with both {@code .yaml} and {@code .yml} is a mistake. */
    private List<Path> projectFiles() {
        if (catalogsDir == null || !Files.isDirectory(catalogsDir)) return List.of();
        List<Path> files;
        try (Stream<Path> list = Files.list(catalogsDir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".+\\.(yaml|yml)"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path f : files) {
            Path earlier = byName.putIfAbsent(nameOf(f), f);
            if (earlier != null) {
                throw new BadInputException("catalog '" + nameOf(f) + "' is defined twice, in " + earlier + " and " + f
                        + "; keep one");
            }
        }
        return List.copyOf(byName.values());
    }

    private static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) names.add(name);
    }

    private static String hint(String word, List<String> valid) {
        String closest = Suggestions.closest(word, valid);
        return closest == null ? "" : "; did you mean '" + closest + "'?";
    }
}
