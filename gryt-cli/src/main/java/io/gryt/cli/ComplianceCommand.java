package io.gryt.cli;

import io.gryt.core.Gryt;
import io.gryt.report.ComplianceAssessment;
import io.gryt.report.ComplianceFormat;
import io.gryt.report.ComplianceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gryt compliance report}: what the record evidences of NIST SP 800-218 and SP 800-161 Rev. 1. */
@Command(name = "compliance", description = "Compliance evidence reports (NIST SP 800-161 Rev. 1, SP 800-218 SSDF).",
        subcommands = ComplianceCommand.Report.class)
final class ComplianceCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("compliance");
    }

    /** {@code gryt compliance report [--gen vX.Y.Z] [--format md|html|json] [-o file]}. */
    @Command(name = "report", description = "Map the recorded evidence to NIST SP 800-218 (SSDF) practices and"
            + " SP 800-161 Rev. 1 controls, with pointers to the evidence, and list the gaps.")
    static final class Report implements Callable<Integer> {
        @ParentCommand
        ComplianceCommand parent;

        @Option(names = "--gen", paramLabel = "<version>", description = "Only this generation (default: all).")
        String generation;

        @Option(names = "--format", paramLabel = "md|html|json", description = "The format (default: md).")
        String format = "md";

        @Option(names = {"-o", "--output"}, paramLabel = "<file>",
                description = "Write to this file, atomically (default: standard output).")
        Path output;

        @Override
        public Integer call() {
            ComplianceFormat f = ComplianceFormat.parse(format);
            GrytCommand gryt = parent.gryt;
            try (Gryt g = Gryt.open(gryt.project().root())) {
                Recovered.report(g, gryt.err);
                ComplianceReport report = ComplianceAssessment.of(g).generation(generation).assess();
                if (output == null) {
                    report.writeTo(f, gryt.out);
                    gryt.out.flush();
                } else {
                    report.writeTo(f, gryt.workingDir().resolve(output));
                    gryt.out.println("wrote the compliance report (" + f.label() + ", " + report.evidenced().size()
                            + " evidenced, " + report.gaps().size() + " gaps) to " + output);
                }
            }
            return ExitCodes.OK;
        }
    }
}
