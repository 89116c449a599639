package io.gryt.report;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The formats of a {@link ComplianceReport}. */
public enum ComplianceFormat {
    /** Markdown, for people and for pull requests. */
    MARKDOWN("md"),
    /** One self-contained HTML page. */
    HTML("html"),
    /** JSON, for tools (shape in {@code docs/cli.md}). */
    JSON("json");

    private final String label;

    ComplianceFormat(String label) {
        this.label = label;
    }

    /** The name given on the command line: {@code md}, {@code html} or {@code json}. */
    public String label() {
        return label;
    }

    /** The format called {@code label} (case-insensitive), or a {@link BadInputException} listing the formats. */
    public static ComplianceFormat parse(String label) {
        for (ComplianceFormat f : values()) if (f.label.equalsIgnoreCase(label)) return f;
        throw new BadInputException("unknown report format '" + label + "' (use "
                + Arrays.stream(values()).map(ComplianceFormat::label).collect(Collectors.joining(", ")) + ")");
    }

    void write(ComplianceReport report, OutputStream stream) {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        try {
            out.write(switch (this) {
                case MARKDOWN -> ComplianceMarkdown.render(report);
                case HTML -> ComplianceHtml.render(report);
                case JSON -> ComplianceJson.render(report);
            });
            out.flush();
        } catch (IOException e) {
            throw new GrytException("cannot write the report: " + e.getMessage(), e);
        }
    }
}
