/**
 * The run engine: schedules an {@link io.gryt.core.internal.plan.ExecutionPlan} over a bounded pool of workers, runs
 * process and lambda steps with timeouts, retries and secret masking, streams their output to log files and
 * records every step, metric and artifact in a {@link io.gryt.api.spi.RunStore}.
 *
 * <p>Internal to gryt-core: {@link io.gryt.core.Gryt} is the way in.
 */
package io.gryt.core.internal.exec;
