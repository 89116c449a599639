package io.gryt.core.internal.yaml;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.api.spi.Catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A catalog read from YAML ({@link CatalogFiles}): a built-in one, or a project's {@code .gryt/catalogs/<name>.yaml}.
 * Its pipelines define the catalog's steps, so their references resolve without the project's help.
 *
 * @param name        the catalog's name (the file's name without extension)
 * @param description one line saying what it is for, or empty
 * @param steps       the step definitions, in file order
 * @param pipelines   the pipelines, in file order, each named {@code <catalog>.<pipeline>}
 */
public record YamlCatalog(String name, String description, Map<String, Step> steps, Map<String, Pipeline> pipelines)
        implements Catalog {
    public YamlCatalog {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
    }
}
