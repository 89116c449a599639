/**
 * {@code gryt dashboard}: a full-screen terminal view of releases and runs on JLine, reading only through
 * {@link io.gryt.core.Gryt}'s typed reads. Its own module, so that the terminal library loads only when the
 * dashboard runs and the other commands start as fast as before. Stability: experimental (the entry point is
 * {@link io.gryt.dashboard.Dashboard}).
 */
package io.gryt.dashboard;
