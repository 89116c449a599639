package io.gryt.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the CLI in-process and captures what it printed. */
record CliRun(int exitCode, String out, String err) {
    /** A git repository in {@code dir} with a gryt project made by {@code gryt init}: the set-up of most CLI tests. */
    static io.gryt.testing.TempGitRepo initProject(Path dir) {
        io.gryt.testing.TempGitRepo git = io.gryt.testing.TempGitRepo.init(dir);
        CliRun init = in(dir, "init");
        org.assertj.core.api.Assertions.assertThat(init.exitCode()).as(init.all()).isZero();
        return git;
    }

    static CliRun in(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
        all.addAll(Arrays.asList(args));
        return of(all.toArray(String[]::new));
    }

    /** Runs {@code args} in {@code dir} with {@code env} as the process environment. */
    static CliRun in(java.util.Map<String, String> env, Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
        all.addAll(Arrays.asList(args));
        return of(env, all.toArray(String[]::new));
    }

    static CliRun of(String... args) {
        return of(System.getenv(), args);
    }

    static CliRun of(java.util.Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.execute(args, o, e, env);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Everything printed. */
    String all() {
        return out + err;
    }
}
