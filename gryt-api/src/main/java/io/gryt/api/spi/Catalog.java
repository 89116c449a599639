package io.gryt.api.spi;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;

import java.util.Map;

/**
 * A named set of reusable step definitions and pipelines for one ecosystem ({@code go}, {@code python}...).
 * A generation's {@code pipeline_template: go.release} names pipeline {@code release} of catalog {@code go};
 * a reference {@code step("go.test")} names one of its steps. gryt ships built-in catalogs; a project adds its
 * own in {@code .gryt/catalogs/<name>.yaml}; Java code registers one with {@link java.util.ServiceLoader} or
 * {@code Gryt.builder().catalog(...)}. Stable.
 */
public interface Catalog {
    /** The catalog's name: letters, digits, '_' or '-', no '.' (it prefixes references: {@code go.release}). */
    String name();

    /** One line saying what the catalog is for. */
    default String description() {
        return "";
    }

    /** The step definitions, by name, in a stable order; each has something to run. */
    Map<String, Step> steps();

    /**
     * The pipelines, by name, in a stable order. Their step references resolve against {@link #steps()} (a
     * pipeline built from a catalog's steps usually {@link Pipeline#define defines} them).
     */
    Map<String, Pipeline> pipelines();
}
