/**
 * Release policies: the rules of {@code .gryt/policy.yaml} (or the original tool's {@code .gryt/policies.yaml})
 * that gryt enforces when an evolution starts, after its run, and at promotion (gate {@code policy}), and the
 * alert thresholds checked after each evolution. {@link io.gryt.core.release.Policies#load} reads a project's policy.
 */
package io.gryt.core.policy;
