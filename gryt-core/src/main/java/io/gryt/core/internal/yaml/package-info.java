/**
 * Internal: the YAML files users write, read with errors that name file, line, column and field, and written back:
 * pipelines ({@code .gryt/pipelines/*.yaml}, {@code .gryt/steps.yaml}) through
 * {@link io.gryt.core.internal.yaml.PipelineFiles}, and generations, the release contracts in
 * {@code .gryt/generations/vX.Y.Z.yaml}, through {@link io.gryt.core.internal.yaml.GenerationFiles} (validated against the
 * JSON schema {@code generation.schema.json} in this package).
 */
package io.gryt.core.internal.yaml;
