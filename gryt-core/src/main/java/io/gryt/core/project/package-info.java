/**
 * A project on disk: the layout of {@code .gryt/} ({@link io.gryt.core.project.ProjectLayout}), {@code gryt init}
 * ({@link io.gryt.core.project.ProjectInit}) and file errors in words ({@link io.gryt.core.project.FileErrors}).
 * Public API.
 */
package io.gryt.core.project;
