package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code gryt audit verify}. */
@Command(name = "verify", description = "Recompute the audit chain and check every record against it.")
final class AuditVerifyCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand parent;

    @Override
    public Integer call() {
        throw new BadInputException("gryt audit verify is not available in this version yet");
    }
}
