/**
 * Pipelines written in YAML ({@code .gryt/pipelines/*.yaml}, {@code .gryt/steps.yaml}): reading with errors
 * that name file, line, column and field, and writing. The entry point is {@link io.gryt.core.yaml.PipelineFiles}.
 */
package io.gryt.core.yaml;
