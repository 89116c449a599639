package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gryt help [command [subcommand...]]}: the usage of gryt or of any command, however deeply nested. */
@Command(name = "help", helpCommand = true,
        description = "Show the usage of gryt or of a command, e.g. 'gryt help generation new'.")
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<command>", arity = "0..*", description = "The command (and subcommands) to explain.")
    List<String> path = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine target = spec.parent().commandLine();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new BadInputException(UsageErrors.unknownCommand(target, name, List.of()));
            }
            target = sub;
        }
        target.usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
