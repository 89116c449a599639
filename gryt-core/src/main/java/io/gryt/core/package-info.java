/**
 * gryt's entry point, {@link io.gryt.core.Gryt}: a project, its store and its version control; runs, releases and
 * reads all go through it. Public API. Implementation lives in {@code io.gryt.core.internal.*}, which embedders must not
 * use (no compatibility promise there).
 */
package io.gryt.core;
