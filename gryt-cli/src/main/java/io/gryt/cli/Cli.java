package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.VetoedException;
import io.gryt.api.spi.DamagedStoreException;
import io.gryt.api.spi.NewerStoreException;
import io.gryt.api.spi.ReadOnlyStoreException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code gryt} command line in-process and returns its exit code (never calls {@code System.exit}),
 * so that tests and embedders can drive it. Errors become one line on stderr (one per problem of a file with
 * several mistakes) and an exit code: 2 for bad input, 3 for internal errors (with the stack trace only under
 * {@code --debug}).
 */
public final class Cli {
    private Cli() {
    }

    /** Executes {@code args} writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, System.getenv());
    }

    /** As {@link #execute(String[], PrintStream, PrintStream)}, reading gryt's own settings from {@code env}. */
    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the lines picocli prints for it, without building the command model first
            for (String line : new VersionProvider().getVersion()) out.println(line);
            out.flush();
            return ExitCodes.OK;
        }
        GrytCommand root = new GrytCommand(out, err, env);
        return commandLine(root, out, err, CommandChoice.named(args)).execute(args);
    }

    /** The whole command tree under {@code root}, wired to print to {@code out} and {@code err}. */
    static CommandLine commandLine(GrytCommand root, PrintStream out, PrintStream err) {
        return commandLine(root, out, err, null);
    }

    /**
     * The command tree under {@code root} with only subcommand {@code only} when it is given (a command line
     * that names one needs no other), else with all of them.
     */
    private static CommandLine commandLine(GrytCommand root, PrintStream out, PrintStream err, String only) {
        CommandLine cl = new CommandLine(root);
        GrytCommand.COMMANDS.forEach((name, type) -> {
            if (only == null || only.equals(name)) cl.addSubcommand(name, type);
        });
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException bad) GithubActions.detect(root.env, out).ifPresent(ci -> ci.badInput(bad));
            return handle(ex, root.debug(), err);
        });
        cl.setParameterExceptionHandler(new UsageErrors(err));
        return cl;
    }

    static int handle(Exception ex, boolean debug, PrintStream err) {
        if (ex instanceof VetoedException) {
            err.println(UsageErrors.PREFIX + oneLine(ex.getMessage()));
            if (debug) ex.printStackTrace(err);
            return ExitCodes.FAILED;
        }
        if (ex instanceof BadInputException || ex instanceof DamagedStoreException || ex instanceof ReadOnlyStoreException
                || ex instanceof NewerStoreException) {
            printError(err, ex);
            if (debug) ex.printStackTrace(err);
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof GrytException) {
            err.println(UsageErrors.PREFIX + oneLine(ex.getMessage()));
        } else {
            err.println(UsageErrors.PREFIX + "internal error: " + oneLine(String.valueOf(ex)));
        }
        if (debug) {
            ex.printStackTrace(err);
        } else if (ex instanceof GrytException && causedByTheFileSystem(ex)) {
            err.println("hint: the file system refused (permissions, free space, a read-only mount?); --debug shows details");
        } else {
            err.println("hint: rerun with --debug for details, and report it if it looks like a gryt bug");
        }
        return ExitCodes.INTERNAL;
    }

    /**
     * Prints {@code ex} as {@code gryt: error: } lines: one per problem of a {@link YamlException} (a file with
     * several mistakes names each), else the first line of its message.
     */
    static void printError(PrintStream err, Exception ex) {
        List<String> lines = ex instanceof BadInputException bad ? bad.problems().stream().map(Cli::oneLine).toList()
                : List.of(oneLine(ex.getMessage()));
        lines.forEach(line -> err.println(UsageErrors.PREFIX + line));
    }

    /** True when a file operation failed under {@code ex}: the machine's state, not a gryt bug, is the likely cause. */
    private static boolean causedByTheFileSystem(Throwable ex) {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.FileSystemException) return true;
        }
        return false;
    }

    /** The first line of {@code message}, its control characters (from a hostile file or argument) made visible. */
    private static String oneLine(String message) {
        if (message == null) return "(no message)";
        int nl = message.indexOf('\n');
        return ControlCodes.visible(nl < 0 ? message : message.substring(0, nl));
    }
}
