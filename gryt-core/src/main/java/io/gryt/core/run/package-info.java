/**
 * How one run is asked for: {@link io.gryt.core.run.RunOptions} (runners, listeners, environment) and the
 * {@link io.gryt.core.run.StepSelection} of {@code --only} and {@code --from}. Public API.
 */
package io.gryt.core.run;
