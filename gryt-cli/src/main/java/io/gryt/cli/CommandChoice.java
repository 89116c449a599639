package io.gryt.cli;

/**
 * Which subcommand a command line names, read before picocli parses it: the first argument that is not a
 * global option, when it is one of {@link GrytCommand#COMMANDS}. {@code help} and {@code completion} need
 * the whole tree, and anything else (no command, a typo picocli should explain) gets it too, except a bare
 * {@code --version}, which needs none.
 */
final class CommandChoice {
    private CommandChoice() {
    }

    /** What {@link #named} returns when no subcommand is needed at all. */
    static final String NONE = "";

    /** The subcommand {@code args} names, {@link #NONE} when it needs none, or null when it needs them all. */
    static String named(String[] args) {
        boolean version = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-C")) {
                i++; // its value
            } else if (a.equals("--")) {
                return null;
            } else if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                help = true;
            } else if (!a.startsWith("-")) {
                boolean lone = GrytCommand.COMMANDS.containsKey(a) && !a.equals("help") && !a.equals("completion");
                return lone ? a : null;
            }
        }
        return version && !help ? NONE : null;
    }
}
