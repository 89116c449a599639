/**
 * The audit trail as values: hash-chained {@link io.gryt.api.audit.AuditEntry entries}, the result of
 * verifying them, and database snapshots.
 */
package io.gryt.api.audit;
