/**
 * Enforcement of a {@link io.gryt.core.policy.Policy}: the checks when an evolution starts and after its run
 * ({@link io.gryt.core.internal.policy.PolicyChecks}), the promotion gate {@code policy}
 * ({@link io.gryt.core.internal.policy.PolicyGate}), the alert thresholds ({@link io.gryt.core.internal.policy.Alerts})
 * and the command hooks of the original {@code custom} policies ({@link io.gryt.core.internal.policy.PolicyHooks}).
 */
package io.gryt.core.internal.policy;
