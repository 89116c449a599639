package io.gryt.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child JVM for torture tests: prints {@code READY}, waits for the signal file {@code args[0]} to exist, then runs
 * the {@code gryt} command line {@code args[1..]} as {@link Main} does and exits with its code. Many of them
 * released by one file start their commands within milliseconds of each other. The command line's classes are
 * loaded before {@code READY}, so that the time from the signal to the exit is the command's own.
 */
public final class GrytOnSignal {
    private GrytOnSignal() {
    }

    public static void main(String[] args) throws Exception {
        Path signal = Path.of(args[0]);
        warmUp();
        System.out.println("READY");
        while (!Files.exists(signal)) Thread.sleep(2);
        int code = Cli.execute(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Loads the command line's classes (no file is read or written) and picks the process launch as {@link Main} does. */
    static void warmUp() {
        Main.chooseProcessLaunch();
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true);
        Cli.execute(new String[] {"--version"}, sink, sink);
    }
}
