package io.gryt.report;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.spi.Store;
import io.gryt.core.Gryt;
import io.gryt.core.audit.AuditVerifier;
import io.gryt.core.format.Versions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Exports the record: the audit entries and, for JSON and HTML, every generation with its contract, each change
 * with the evolutions that prove it, each evolution's step results and artifacts, and each promotion's gate
 * report, followed by the trail's verification.
 *
 * <pre>{@code
 * AuditExport.of(gryt).format(ExportFormat.HTML).generation("v2.2.0").writeTo(Path.of("v2.2.0.html"));
 * }</pre>
 *
 * <p>The export streams: entries and step rows go from the store to the output as they are read, so the
 * memory it needs does not grow with the trail. It is deterministic: it holds nothing about the export itself,
 * so the same data gives the same bytes. It holds what the store recorded, in which secret values were already
 * masked as {@code ***}. Files are written atomically ({@link #writeTo(Path)}).
 *
 * <p>Stability: experimental; the JSON shape is versioned by its {@code version} field.
 */
public final class AuditExport {
    private final Store store;
    private String title;
    private ExportFormat format = ExportFormat.JSON;
    private String generation;
    private Supplier<VerifyReport> verifier;
    private boolean verify = true;

    private AuditExport(Store store, String title) {
        this.store = Objects.requireNonNull(store, "store");
        this.title = title;
    }

    /**
     * An export of {@code gryt}'s store, titled with the project directory's name, verified with the {@link
     * AuditVerifier} (the chain, every recorded row, and the anchors in the release tags).
     */
    public static AuditExport of(Gryt gryt) {
        Path name = gryt.projectDir().getFileName();
        return new AuditExport(gryt.store(), name == null ? "gryt project" : name.toString())
                .verifier(() -> AuditVerifier.verify(gryt.store(), gryt.versioning()).report());
    }

    /** An export of {@code store}, verified with the store's own {@link io.gryt.api.spi.AuditStore#verify()}. */
    public static AuditExport of(Store store) {
        return new AuditExport(store, "gryt project");
    }

    /** The format (JSON unless set). */
    public AuditExport format(ExportFormat value) {
        this.format = Objects.requireNonNull(value, "format");
        return this;
    }

    /** Restricts the export to generation {@code version}: its evolutions, their runs, and the entries about them. */
    public AuditExport generation(String version) {
        this.generation = version;
        return this;
    }

    /** The project's name in the HTML report's heading. */
    public AuditExport title(String value) {
        this.title = Objects.requireNonNull(value, "title");
        return this;
    }

    /** How to verify the trail (by default the store's own {@link io.gryt.api.spi.AuditStore#verify()}). */
    public AuditExport verifier(Supplier<VerifyReport> value) {
        this.verifier = Objects.requireNonNull(value, "verifier");
        return this;
    }

    /** Whether to verify the trail (true by default); without, the export says it was not checked. */
    public AuditExport verify(boolean value) {
        this.verify = value;
        return this;
    }

    /**
     * Writes the export to {@code out} as it is read, and flushes it; {@code out} stays open.
     *
     * @throws BadInputException when the generation is not a version or is not recorded
     */
    public void writeTo(OutputStream out) {
        check();
        try {
            write(out);
        } catch (UncheckedIOException e) {
            throw new GrytException("cannot write the export: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Writes the export to {@code file} atomically: the file holds the old content or the whole export, never a
     * part of it, and a failure leaves it as it was.
     *
     * @throws BadInputException when the generation is not a version or is not recorded, or {@code file} is a
     *                           directory or in one that does not exist
     */
    public void writeTo(Path file) {
        check();
        AtomicFile.write(file, this::write);
    }

    private void check() {
        if (generation == null) return;
        Versions.require(generation);
        if (!store.recordsReleases() || store.releases().generation(generation).isEmpty()) {
            throw new BadInputException("unknown generation " + generation + " (no contract of it is recorded in "
                    + store.location() + ")");
        }
    }

    private void write(OutputStream stream) {
        TrailVerification trail = !verify ? TrailVerification.notChecked()
                : TrailVerification.run(verifier != null ? verifier : () -> store.audit().verify());
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        ExportSink sink = switch (format) {
            case JSON -> new JsonExport(out);
            case CSV -> new CsvExport(out);
            case HTML -> new HtmlExport(out);
        };
        new ExportReader(store, generation).read(sink, title, trail);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
