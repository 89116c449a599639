package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command name kept for a feature still to come, so that no script comes to depend on it meaning something
 * else. It is hidden from help, accepts any arguments, and says it is not available yet (exit 2).
 *
 * <p>To implement one, add its command class to {@link GrytCommand#COMMANDS}: {@link #addTo} leaves a name
 * that a real command already has alone (and the entry here can then go).
 */
@Command(hidden = true)
final class ReservedCommand implements Callable<Integer> {
    /** Each reserved name and what it will be for. */
    static final Map<String, String> RESERVED = reserved();

    private final String name;
    private final String purpose;

    @Unmatched
    List<String> arguments;

    private ReservedCommand(String name, String purpose) {
        this.name = name;
        this.purpose = purpose;
    }

    private static Map<String, String> reserved() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("dashboard", "a dashboard of runs and releases");
        return Collections.unmodifiableMap(names);
    }

    /** Adds every reserved name that no real command has. */
    static void addTo(CommandLine root) {
        RESERVED.forEach((name, purpose) -> {
            if (!GrytCommand.COMMANDS.containsKey(name) && !root.getSubcommands().containsKey(name)) {
                root.addSubcommand(name, new CommandLine(new ReservedCommand(name, purpose)));
            }
        });
    }

    @Override
    public Integer call() {
        throw new BadInputException("gryt " + name + " is not available in this version yet (planned: " + purpose + ")");
    }
}
