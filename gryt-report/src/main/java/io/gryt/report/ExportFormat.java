package io.gryt.report;

import io.gryt.api.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats of {@link AuditExport}. */
public enum ExportFormat {
    /** One JSON document: generations with their evolutions, steps and promotions, the entries, the verification. */
    JSON,
    /** The audit entries as RFC 4180 CSV. */
    CSV,
    /** One self-contained HTML page for people. */
    HTML;

    /** The lower-case name, as given on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format called {@code label} (case-insensitive), or a {@link BadInputException} listing the formats. */
    public static ExportFormat parse(String label) {
        for (ExportFormat f : values()) if (f.label().equalsIgnoreCase(label)) return f;
        throw new BadInputException("unknown export format '" + label + "' (use "
                + Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", ")) + ")");
    }
}
