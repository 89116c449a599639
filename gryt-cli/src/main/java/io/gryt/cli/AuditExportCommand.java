package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code gryt audit export}. */
@Command(name = "export", description = "Export the audit trail as JSON, CSV or a self-contained HTML report.")
final class AuditExportCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand parent;

    @Override
    public Integer call() {
        throw new BadInputException("gryt audit export is not available in this version yet");
    }
}
