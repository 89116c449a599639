package io.gryt.cli;

/** The {@code gryt} executable: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    /** Entry point of {@code gryt.jar}. */
    public static void main(String[] args) {
        int code = Cli.execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}
