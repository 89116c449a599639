/**
 * Enforcement of a {@link io.gryt.core.policy.Policy}: the checks when an evolution starts and after its run
 * ({@link io.gryt.core.internal.policy.PolicyChecks}), the promotion gate {@code policy}
 * ({@link io.gryt.core.internal.policy.PolicyGate}) and the alert thresholds ({@link io.gryt.core.internal.policy.Alerts}).
 */
package io.gryt.core.internal.policy;
