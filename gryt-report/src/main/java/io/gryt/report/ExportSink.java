package io.gryt.report;

import io.gryt.api.audit.AuditEntry;

import java.util.List;

/**
 * Receives an export as {@link ExportReader} streams it, in document order: {@link #begin}, then per generation
 * {@link #beginGeneration}, its changes (each {@link #beginChange}, {@link #proof}s, {@link #endChange}),
 * {@link #beginEvolutions} and each {@link #evolution}, {@link #beginPromotions} and each {@link #promotion},
 * {@link #endGeneration}; then {@link #beginEntries}, each {@link #entry}, and {@link #end}. Only one evolution
 * (with its steps) is held at a time. Implementations write as they receive and may fail with
 * {@link java.io.UncheckedIOException}.
 */
interface ExportSink {
    /** False for formats that hold only the audit entries; the generations are then not read at all. */
    default boolean wantsGenerations() {
        return true;
    }

    void begin(Header header);

    void beginGeneration(GenerationRow generation);

    void beginChange(ChangeRow change);

    void proof(ProofRow evolution);

    void endChange();

    void beginEvolutions();

    void evolution(EvolutionRow evolution);

    void beginPromotions();

    void promotion(PromotionRow promotion);

    void endGeneration();

    void beginEntries();

    void entry(AuditEntry entry);

    void end();

    /**
     * What an export is about.
     *
     * @param title      the project's name, for the HTML report's heading
     * @param generation the generation the export is restricted to, or {@code null} for all
     * @param versions   the versions of the generations that follow, in order
     * @param trail      the audit trail's verification
     */
    record Header(String title, String generation, List<String> versions, TrailVerification trail) {
    }

    /** A stored generation; times are ISO-8601 text as stored. */
    record GenerationRow(long id, String version, String description, String status, String hotfixOf,
                         String pipelineTemplate, String contractHash, String file, String createdAt,
                         String promotedAt) {
    }

    /** A change of a generation's contract. */
    record ChangeRow(String id, String type, String title, String description) {
    }

    /** An evolution proving the current change. */
    record ProofRow(String tag, String status, String commit, String runId) {
    }

    /** An evolution with its run and the steps of that run. */
    record EvolutionRow(long rc, String tag, String status, List<String> changes, String commit, String runId,
                        boolean allowDirty, String createdAt, String finishedAt, RunRow run, List<StepRow> steps,
                        String policyHash) {
    }

    /** An evolution's pipeline run. */
    record RunRow(String id, String pipeline, String status, String startedAt, String finishedAt) {
    }

    /** One step of a run with the artifacts and metrics it recorded. */
    record StepRow(String name, String status, Long exitCode, Long attempts, Long durationMs, String startedAt,
                   String finishedAt, String error, List<RecordedRow> recorded) {
    }

    /**
     * An artifact ({@code sha256}, size in {@code number}), metric ({@code number}), output ({@code value}) or
     * test case ({@code value}: status, then {@code ": "} and a message; time in ms in {@code number}) data row.
     */
    record RecordedRow(long id, String kind, String name, String value, Double number, String sha256) {
        boolean isArtifact() {
            return "artifact".equals(kind);
        }

        boolean isMetric() {
            return "metric".equals(kind);
        }

        boolean isTest() {
            return "test".equals(kind);
        }

        /** A test case's status ({@code passed}, {@code failed}...). */
        String testStatus() {
            int colon = value == null ? -1 : value.indexOf(": ");
            return value == null ? "" : colon < 0 ? value : value.substring(0, colon);
        }

        /** A test case's message, or {@code ""}. */
        String testMessage() {
            int colon = value == null ? -1 : value.indexOf(": ");
            return colon < 0 ? "" : value.substring(colon + 2);
        }

        /** True for a test case that failed or errored. */
        boolean isFailedTest() {
            return isTest() && ("failed".equals(testStatus()) || "errored".equals(testStatus()));
        }
    }

    /** A promotion attempt with its stored gate report (JSON text). */
    record PromotionRow(long id, String status, String commit, String tag, String startedAt, String finishedAt,
                        String report) {
    }
}
