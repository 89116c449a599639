package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code gryt compliance report}. */
@Command(name = "compliance", description = "Compliance evidence reports (NIST SP 800-161 Rev. 1, SP 800-218 SSDF).")
final class ComplianceCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        throw new BadInputException("gryt compliance is not available in this version yet");
    }
}
