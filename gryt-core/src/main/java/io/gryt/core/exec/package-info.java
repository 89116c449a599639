/**
 * The run engine: schedules an {@link io.gryt.core.plan.ExecutionPlan} over a bounded pool of workers, runs
 * process and lambda steps with timeouts, retries and secret masking, streams their output to log files and
 * records every step, metric and artifact in a {@link io.gryt.api.spi.RunStore}.
 *
 * <p>The public types are {@link io.gryt.core.exec.RunEngine}, {@link io.gryt.core.exec.RunRequest},
 * {@link io.gryt.core.exec.ProcessTree} and {@link io.gryt.core.exec.RunIds}; everything else is internal.
 */
package io.gryt.core.exec;
