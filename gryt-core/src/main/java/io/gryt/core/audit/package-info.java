/**
 * The audit trail as a whole: verification of the store's hash-chained trail together with its anchors in git
 * (the {@code audit-head:} line of every release tag). See {@code docs/audit.md}.
 */
package io.gryt.core.audit;
