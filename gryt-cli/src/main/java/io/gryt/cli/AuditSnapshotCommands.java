package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code gryt audit snapshot|snapshots|rollback}. */
final class AuditSnapshotCommands {
    private AuditSnapshotCommands() {
    }

    /** {@code gryt audit snapshot}. */
    @Command(name = "snapshot", description = "Take a consistent snapshot of the database.")
    static final class Snapshot implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Override
        public Integer call() {
            throw new BadInputException("gryt audit snapshot is not available in this version yet");
        }
    }

    /** {@code gryt audit snapshots}. */
    @Command(name = "snapshots", description = "List the snapshots.")
    static final class Snapshots implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Override
        public Integer call() {
            throw new BadInputException("gryt audit snapshots is not available in this version yet");
        }
    }

    /** {@code gryt audit rollback <name>}. */
    @Command(name = "rollback", description = "Restore a snapshot (after taking a safety snapshot of the current state).")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Override
        public Integer call() {
            throw new BadInputException("gryt audit rollback is not available in this version yet");
        }
    }
}
