/**
 * Reports over the record: {@link io.gryt.report.AuditExport} writes the audit trail and the release record
 * as JSON, CSV or one self-contained HTML page, streaming and deterministically; {@link
 * io.gryt.report.ComplianceAssessment} maps the recorded evidence to NIST SP 800-218 (SSDF) practices and
 * NIST SP 800-161 Rev. 1 controls, with a pointer to each piece of evidence and the practices it cannot evidence
 * listed as gaps. Both read the store only through its typed reads ({@link io.gryt.api.spi.RecordReads}), so that any store
 * serves them. The module depends on gryt-api and gryt-core only.
 */
package io.gryt.report;
