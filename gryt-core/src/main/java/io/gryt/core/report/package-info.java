/**
 * Reports over the record: {@link io.gryt.core.report.AuditExport} writes the audit trail and the release record
 * as JSON, CSV or one self-contained HTML page, streaming and deterministically; {@link
 * io.gryt.core.report.ComplianceAssessment} maps the recorded evidence to NIST SP 800-218 (SSDF) practices and
 * NIST SP 800-161 Rev. 1 controls, with a pointer to each piece of evidence and the practices it cannot evidence
 * listed as gaps. Both read the store with read-only queries.
 */
package io.gryt.core.report;
