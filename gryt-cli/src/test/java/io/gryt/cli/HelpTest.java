package io.gryt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command explains itself, with {@code --help}, {@code -h} and {@code gryt help <command...>}. */
class HelpTest {
    @TempDir
    Path dir;

    /** The visible commands of the tree, as argument paths ("generation", "new"). */
    private static List<List<String>> commands() {
        CommandLine root = Cli.commandLine(new GrytCommand(System.out, System.err), System.out, System.err);
        List<List<String>> found = new ArrayList<>();
        collect(root, new ArrayList<>(), found);
        return found;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> found) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden() || !name.equals(sub.getCommandName())) return;
            List<String> p = new ArrayList<>(path);
            p.add(name);
            found.add(p);
            collect(sub, p, found);
        });
    }

    private static String[] args(List<String> path, String... more) {
        return Stream.concat(path.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void everyCommandPrintsItsUsageWithHelpOutsideAProject() {
        List<List<String>> commands = commands();
        assertThat(commands).hasSizeGreaterThan(25).contains(List.of("generation", "new"), List.of("audit", "rollback"));
        for (List<String> path : commands) {
            String usage = "Usage: gryt " + String.join(" ", path);
            for (String flag : List.of("--help", "-h")) {
                CliRun r = CliRun.in(dir, args(path, flag));
                assertThat(r.exitCode()).as(path + " " + flag + "\n" + r.all()).isZero();
                assertThat(r.out()).as(path + " " + flag).startsWith(usage);
                assertThat(r.err()).as(path + " " + flag).isEmpty();
            }
            CliRun viaHelp = CliRun.in(dir, args(List.of("help"), path.toArray(String[]::new)));
            assertThat(viaHelp.exitCode()).as("help " + path + "\n" + viaHelp.all()).isZero();
            assertThat(viaHelp.out()).as("help " + path).startsWith(usage);
        }
    }

    @Test
    void helpAloneListsTheCommandsAndTheExitCodes() {
        CliRun r = CliRun.of("help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: gryt").contains("generation").contains("evolution").contains("Exit codes");
        assertThat(CliRun.of("--help").out()).isEqualTo(r.out());
    }

    @Test
    void helpForAnUnknownCommandIsBadInputNamingIt() {
        CliRun r = CliRun.of("help", "generation", "nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("gryt: error: unknown command 'generation nope'"
                + " ('gryt generation' commands: new, list, show, sync, promote, hotfix, delete)").endsWith(")").doesNotContain("\n");
        assertThat(CliRun.of("help", "generation", "lst").err())
                .isEqualTo("gryt: error: unknown command 'generation lst'; did you mean 'generation list'?\n");
        assertThat(r.out()).isEmpty();
    }
}
