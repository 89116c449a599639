package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gryt.api.spi.DamagedStoreException;
import io.gryt.core.Gryt;
import io.gryt.core.audit.RollbackReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gryt audit snapshot|snapshots|rollback}: consistent copies of the database, and restoring one. */
final class AuditSnapshotCommands {
    private AuditSnapshotCommands() {
    }

    /** {@code gryt audit snapshot [--name <name>]}. */
    @Command(name = "snapshot", description = "Take a consistent snapshot of the database (even while others write).")
    static final class Snapshot implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Option(names = "--name", paramLabel = "<name>",
                description = "Its name: letters, digits, '.', '_', '-' (default snapshot-<UTC time>).")
        String name;

        @Override
        public Integer call() {
            try (Gryt g = parent.open()) {
                io.gryt.api.audit.Snapshot s = g.snapshot(name);
                PrintStream out = parent.gryt.out;
                out.println("snapshot " + s.name() + ": " + s.entries() + (s.entries() == 1 ? " entry, " : " entries, ")
                        + s.size() + " bytes, sha256 " + s.sha256());
                out.println("  " + g.layout().display(s.file()));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gryt audit snapshots [--json]}. */
    @Command(name = "snapshots", description = "List the snapshots, oldest first.")
    static final class Snapshots implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintStream out = parent.gryt.out;
            try (Gryt g = parent.open()) {
                List<io.gryt.api.audit.Snapshot> all = g.snapshots();
                if (json) {
                    ArrayNode array = Json.MAPPER.createArrayNode();
                    for (io.gryt.api.audit.Snapshot s : all) {
                        array.addObject().put("name", s.name()).put("file", g.layout().display(s.file()))
                                .put("taken_at", s.takenAt().toString()).put("entries", s.entries())
                                .put("size", s.size()).put("sha256", s.sha256());
                    }
                    Json.print(out, array);
                } else if (all.isEmpty()) {
                    out.println("no snapshots (take one with: gryt audit snapshot)");
                } else {
                    Table table = new Table("NAME", "TAKEN", "ENTRIES", "SIZE", "SHA256");
                    all.forEach(s -> table.row(s.name(), s.takenAt().truncatedTo(ChronoUnit.SECONDS), s.entries(),
                            s.size(), s.sha256()));
                    table.print(out);
                }
            }
            return ExitCodes.OK;
        }
    }

    private static void printLeftovers(List<RollbackReport.Leftover> leftovers, PrintStream out) {
        if (leftovers.isEmpty()) {
            out.println("nothing outside the database differs from it (every generation file and gryt tag is"
                    + " known to the restored database)");
            return;
        }
        out.println("not rolled back, outside the database (gryt deletes no file and no tag; each is named"
                + " again by every command until it is resolved):");
        for (RollbackReport.Leftover l : leftovers) {
            out.println("  " + l.where() + ": " + l.what());
            out.println("    " + action(l) + l.command());
        }
    }

    /** What the command of leftover {@code l} does, as a prefix of it. */
    static String action(RollbackReport.Leftover l) {
        return l.kind() == RollbackReport.Kind.EDITED_GENERATION_FILE ? "to see its history: " : "to remove it: ";
    }

    /** {@code gryt audit rollback <name>}. */
    @Command(name = "rollback", description = "Restore a snapshot (after taking a safety snapshot of the current state,"
            + " so that the rollback can be undone).")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Parameters(paramLabel = "<name>", description = "The snapshot to restore (see gryt audit snapshots).")
        String name;

        @Override
        public Integer call() {
            PrintStream out = parent.gryt.out;
            try (Gryt g = parent.open()) {
                RollbackReport report = g.rollback(name);
                out.println("rolled back to snapshot " + name + " (the audit trail records the rollback)");
                out.println("the state before is kept in snapshot " + report.safety().name() + "; undo with: gryt audit rollback "
                        + report.safety().name());
                printLeftovers(report.leftovers(), out);
            } catch (DamagedStoreException damaged) {
                // a damaged database cannot take a safety snapshot or a transaction: put the snapshot in its place
                String kept = Gryt.restoreDamagedStore(parent.gryt.project().root(), name);
                out.println("the database was damaged: restored snapshot " + name + " in its place (the audit trail"
                        + " records the restore)");
                out.println("the damaged database is kept as " + kept + "; what it held after the snapshot is not"
                        + " in the restored trail");
                try (Gryt restored = Gryt.open(parent.gryt.project().root())) {
                    printLeftovers(restored.restoredFrom(name), out);
                }
            }
            return ExitCodes.OK;
        }
    }
}
