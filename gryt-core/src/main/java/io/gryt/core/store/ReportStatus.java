package io.gryt.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.release.PromotionStatus;

/**
 * The stored gate report's top-level {@code status} follows its promotion as it ends, as the SQLite store's
 * {@code json_set} does; a report that is not a JSON object is kept as it is.
 */
final class ReportStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportStatus() {
    }

    static String set(String reportJson, PromotionStatus status) {
        if (reportJson == null) return null;
        try {
            if (!(JSON.readTree(reportJson) instanceof ObjectNode report)) return reportJson;
            report.put("status", status.label());
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            return reportJson;
        }
    }
}
