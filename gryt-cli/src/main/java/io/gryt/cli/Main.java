package io.gryt.cli;

import io.gryt.git.GitSystemConfig;

import java.nio.file.Path;

/** The {@code gryt} executable: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    /** Entry point of {@code gryt.jar}. */
    public static void main(String[] args) {
        chooseProcessLaunch();
        Path cache = NativeLibraryCache.cacheRoot(System.getenv());
        NativeLibraryCache.prepare(cache);
        // this process is gryt's own: JGit may keep where git's system configuration is (see GitSystemConfig)
        if (cache != null) GitSystemConfig.rememberIn(cache);
        int code = Cli.execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    /**
     * Starts step processes with {@code vfork} on Linux JDKs that offer it (17 to 24), unless the user chose a
     * mechanism: the default, {@code posix_spawn} of the JDK's {@code jspawnhelper} program, which then runs the
     * command, executes two programs per step, and on a loaded machine that doubled the cost of a trivial step
     * (see bench/results.md). {@code vfork} was Linux's default up to JDK 11; JDK 25 deprecates it.
     */
    static void chooseProcessLaunch() {
        if (System.getProperty(LAUNCH_MECHANISM) != null) return;
        if (!System.getProperty("os.name", "").startsWith("Linux") || Runtime.version().feature() > 24) return;
        System.setProperty(LAUNCH_MECHANISM, "VFORK");
    }
}
