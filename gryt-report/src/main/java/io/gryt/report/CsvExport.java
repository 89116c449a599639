package io.gryt.report;

import io.gryt.api.audit.AuditEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The CSV export (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted):
 * a header row, then one row per audit entry, {@code seq,at,actor,event,prev_hash,hash,payload}.
 */
final class CsvExport implements ExportSink {
    static final String HEADER = "seq,at,actor,event,prev_hash,hash,payload";

    private final Writer out;

    CsvExport(Writer out) {
        this.out = out;
    }

    @Override
    public boolean wantsGenerations() {
        return false;
    }

    @Override
    public void begin(Header header) {
        line(HEADER);
    }

    @Override
    public void entry(AuditEntry e) {
        line(String.join(",", Long.toString(e.seq()), field(e.at().toString()), field(e.actor()), field(e.event()),
                field(e.prevHash()), field(e.hash()), field(e.payload())));
    }

    @Override
    public void end() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One field, quoted when it holds a comma, a quote or a line break (quotes doubled). A field that a spreadsheet
     * would read as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return)
     * gets a leading {@code '} (OWASP's advice against CSV injection), so that opening the export runs nothing.
     */
    static String field(String s) {
        if (s == null) return "";
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The CSV holds the audit entries only.

    @Override
    public void beginGeneration(GenerationRow generation) {
    }

    @Override
    public void beginChange(ChangeRow change) {
    }

    @Override
    public void proof(ProofRow evolution) {
    }

    @Override
    public void endChange() {
    }

    @Override
    public void beginEvolutions() {
    }

    @Override
    public void evolution(EvolutionRow evolution) {
    }

    @Override
    public void beginPromotions() {
    }

    @Override
    public void promotion(PromotionRow promotion) {
    }

    @Override
    public void endGeneration() {
    }

    @Override
    public void beginEntries() {
    }
}
