package io.gryt.cli;

/**
 * Which subcommand a command line names, read before picocli parses it: the first argument that is not a
 * global option, when it is one of {@link GrytCommand#COMMANDS}. {@code help} and {@code completion} need
 * the whole tree, and anything else (no command, a typo picocli should explain) gets it too.
 */
final class CommandChoice {
    private CommandChoice() {
    }

    /** The subcommand {@code args} names, or null when the whole command tree is needed. */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-C")) {
                i++; // its value
            } else if (a.equals("--")) {
                return null;
            } else if (!a.startsWith("-")) {
                boolean lone = GrytCommand.COMMANDS.containsKey(a) && !a.equals("help") && !a.equals("completion");
                return lone ? a : null;
            }
        }
        return null;
    }
}
