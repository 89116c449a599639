/**
 * Project settings in {@code .gryt/config.yaml}: the keys gryt knows ({@link io.gryt.core.config.ConfigKey}),
 * the immutable settings of a project ({@link io.gryt.core.config.ProjectConfig}) and reading and writing the
 * file ({@link io.gryt.core.config.ConfigFile}).
 */
package io.gryt.core.config;
