package io.gryt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child JVM for torture tests: prints {@code READY}, waits for the signal file {@code args[0]} to exist, then runs
 * the {@code gryt} command line {@code args[1..]} as {@link Main} does and exits with its code. Many of them
 * released by one file start their commands within milliseconds of each other.
 */
public final class GrytOnSignal {
    private GrytOnSignal() {
    }

    public static void main(String[] args) throws Exception {
        Path signal = Path.of(args[0]);
        System.out.println("READY");
        while (!Files.exists(signal)) Thread.sleep(2);
        int code = Cli.execute(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}
