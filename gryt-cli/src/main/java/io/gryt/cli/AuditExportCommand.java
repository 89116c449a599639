package io.gryt.cli;

import io.gryt.core.Gryt;
import io.gryt.report.AuditExport;
import io.gryt.report.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gryt audit export --format json|csv|html [--gen vX.Y.Z] [-o file]}. */
@Command(name = "export", description = "Export the audit trail as JSON, CSV or a self-contained HTML report.")
final class AuditExportCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand parent;

    @Option(names = "--format", paramLabel = "json|csv|html", description = "The format (default: json).")
    String format = "json";

    @Option(names = "--gen", paramLabel = "<version>",
            description = "Only this generation: its evolutions, their runs and the entries about them.")
    String generation;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
            description = "Write to this file, atomically (default: standard output).")
    Path output;

    @Option(names = "--no-verify", description = "Do not verify the trail (the export says it was not checked).")
    boolean noVerify;

    @Override
    public Integer call() {
        ExportFormat f = ExportFormat.parse(format);
        try (Gryt g = parent.open()) {
            AuditExport export = AuditExport.of(g).format(f).generation(generation).verify(!noVerify);
            if (output == null) {
                export.writeTo(parent.gryt.out);
                parent.gryt.out.flush();
            } else {
                Path file = parent.gryt.workingDir().resolve(output);
                export.writeTo(file);
                parent.gryt.out.println("exported " + (generation == null ? "the audit trail" : generation) + " as "
                        + f.label() + " to " + output);
            }
        }
        return ExitCodes.OK;
    }
}
