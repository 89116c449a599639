package io.gryt.cli;

import io.gryt.core.Gryt;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code gryt audit verify|export|snapshot|snapshots|rollback}: the audit trail. */
@Command(name = "audit", description = "The audit trail: verify it, export it, snapshot and roll back the database.",
        subcommands = {AuditVerifyCommand.class, AuditExportCommand.class, AuditSnapshotCommands.Snapshot.class,
                AuditSnapshotCommands.Snapshots.class, AuditSnapshotCommands.Rollback.class})
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("audit");
    }

    Gryt open() {
        return gryt.openProject();
    }
}
