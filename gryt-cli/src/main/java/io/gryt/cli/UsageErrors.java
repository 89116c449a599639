package io.gryt.cli;

import io.gryt.core.text.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Usage errors (a mistyped command or option, a missing or invalid value) in gryt's own one-line form,
 * {@code gryt: error: ...}, exit code 2. A mistyped name gets a suggestion: picocli's own
 * ({@link UnmatchedArgumentException#getSuggestions()}), else the closest name by edit distance (which also
 * catches swapped letters, {@code rnu} for {@code run}, that picocli's similarity misses).
 */
final class UsageErrors implements IParameterExceptionHandler {
    static final String PREFIX = "gryt: error: ";

    private final PrintStream err;

    UsageErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        err.println(PREFIX + ControlCodes.visible(message(ex)));
        return ExitCodes.BAD_INPUT;
    }

    /** The one line that explains {@code ex}, without the prefix. */
    static String message(ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            List<String> args = unmatched.getUnmatched();
            Optional<String> option = args.stream().filter(a -> a.startsWith("-") && a.length() > 1).findFirst();
            if (unmatched.isUnknownOption() && option.isPresent()) {
                String name = option.get().split("=", 2)[0];
                return "unknown option '" + name + "' for '" + name(command) + "'"
                        + didYouMean(suggestion(name, unmatched.getSuggestions(), optionNames(command)))
                        .orElse(" (see '" + name(command) + " --help')");
            }
            String arg = args.get(0);
            if (!visibleSubcommands(command).isEmpty()) {
                return unknownCommand(command, arg, unmatched.getSuggestions());
            }
            return "unexpected argument '" + arg + "' for '" + name(command) + "' (see '" + name(command) + " --help')";
        }
        String message = String.valueOf(ex.getMessage()).strip();
        if (message.startsWith("Error: ")) message = message.substring("Error: ".length());
        int nl = message.indexOf('\n');
        if (nl >= 0) message = message.substring(0, nl).strip();
        return lowerFirst(message) + " (see '" + name(command) + " --help')";
    }

    /**
     * {@code unknown command 'generation lst'; did you mean 'generation list'?}: {@code name} is not a subcommand
     * of {@code parent}; {@code hints} are picocli's suggestions, if any.
     */
    static String unknownCommand(CommandLine parent, String name, List<String> hints) {
        List<String> commands = visibleSubcommands(parent);
        String path = path(parent);
        String shown = path.isEmpty() ? name : path + " " + name;
        return "unknown command '" + shown + "'" + didYouMean(suggestion(name, hints, commands)
                .map(s -> path.isEmpty() ? s : path + " " + s))
                .orElse(" (" + (path.isEmpty() ? "gryt's" : "'gryt " + path + "'") + " commands: "
                        + String.join(", ", commands) + ")");
    }

    /** The line a command that groups subcommands prints before its usage when none is given. */
    static String missingCommand(CommandLine command) {
        return "'" + name(command) + "' needs a command: " + String.join(", ", visibleSubcommands(command));
    }

    private static Optional<String> didYouMean(Optional<String> suggestion) {
        return suggestion.map(s -> "; did you mean '" + s + "'?");
    }

    /** The first of picocli's suggestions that is a visible name, else the closest visible name, if any is close. */
    private static Optional<String> suggestion(String typed, List<String> hints, List<String> names) {
        for (String hint : hints) {
            if (names.contains(hint)) return Optional.of(hint);
        }
        return Optional.ofNullable(Suggestions.closest(typed, names));
    }

    /** The names of the subcommands help lists (not hidden ones). */
    static List<String> visibleSubcommands(CommandLine command) {
        List<String> names = new ArrayList<>();
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandName())) names.add(name);
        });
        return names;
    }

    private static List<String> optionNames(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (!option.hidden()) names.addAll(List.of(option.names()));
        }
        return names;
    }

    /** {@code gryt generation}. */
    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** The command's words after {@code gryt}: {@code generation}, or empty for gryt itself. */
    private static String path(CommandLine command) {
        String name = name(command);
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1);
    }

    private static String lowerFirst(String message) {
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && !Character.isUpperCase(message.charAt(1))) {
            return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message;
    }
}
