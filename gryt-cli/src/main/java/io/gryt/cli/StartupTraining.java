package io.gryt.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a tour of gryt's commands in one JVM, output discarded, so that the {@code ./gryt} launcher can record
 * every class they load: in a class-data-sharing archive (JDK 17 to 24: the class list of
 * {@code -XX:DumpLoadedClassList}, then {@code -Xshare:dump}) or an ahead-of-time cache (JDK 25+:
 * {@code -XX:AOTCacheOutput}). Each later start of any of these commands then maps those classes instead of
 * loading them from the jar. Not for users.
 *
 * <p>Usage: {@code java -XX:DumpLoadedClassList=classes -cp gryt.jar io.gryt.cli.StartupTraining <empty dir>}
 */
public final class StartupTraining {
    /** The commands, run in the demo project after {@code demo} made it. */
    static final List<List<String>> TOUR = List.of(
            List.of("generation", "new", "v1.0.0", "--change", "add:DEMO-1:Demo"),
            List.of("generation", "list"),
            List.of("generation", "show", "v1.0.0"),
            List.of("evolution", "list", "v1.0.0"),
            List.of("evolution", "list", "v1.0.0", "--json"),
            List.of("db", "query", "SELECT * FROM pipeline_runs"),
            List.of("db", "metric", "pass_rate"),
            List.of("audit", "verify"),
            List.of("status"),
            List.of("config", "list"),
            List.of("run", "--help"),
            List.of("--version"));

    /**
     * The commands then run once the demo project is a git repository with everything committed: the paths that
     * open a repository (who acts, tags, commits, packed refs) load several hundred JGit classes of their own.
     */
    static final List<List<String>> RELEASE_TOUR = List.of(
            List.of("run", "ci"),
            List.of("evolution", "start", "v1.0.0", "--change", "DEMO-1"),
            List.of("generation", "promote", "v1.0.0", "--dry-run"),
            List.of("generation", "promote", "v1.0.0"),
            List.of("status"));

    private StartupTraining() {
    }

    /** Runs the tour in {@code args[0]}, a directory that may not exist yet; exits 0 whatever the commands said. */
    public static void main(String[] args) {
        Main.class.getName(); // the entry point of every later start, archived with the rest
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true);
        tour(Path.of(args[0]), sink);
        System.exit(0);
    }

    /**
     * Runs the tour in {@code dir}, printing to {@code out}; returns the exit codes of {@code demo}, of each command of
     * {@link #TOUR}, then (the project committed to a new git repository, -1 if that failed) of each of {@link #RELEASE_TOUR}.
     */
    static List<Integer> tour(Path dir, PrintStream out) {
        String demo = dir.resolve("demo").toString();
        List<Integer> codes = new ArrayList<>();
        codes.add(Cli.execute(new String[] {"demo", "--dir", demo}, out, out));
        for (List<String> command : TOUR) codes.add(execute(demo, command, out));
        codes.add(commitAll(Path.of(demo)) ? 0 : -1);
        for (List<String> command : RELEASE_TOUR) codes.add(execute(demo, command, out));
        return codes;
    }

    private static int execute(String demo, List<String> command, PrintStream out) {
        List<String> all = new ArrayList<>(List.of("-C", demo));
        all.addAll(command);
        return Cli.execute(all.toArray(String[]::new), out, out);
    }

    /** Makes {@code dir} a git repository holding all its files in one commit; false when that failed. */
    private static boolean commitAll(Path dir) {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("gryt", "gryt@localhost");
            git.commit().setMessage("demo").setAuthor(who).setCommitter(who).setSign(false).call();
            return true;
        } catch (GitAPIException | RuntimeException e) {
            return false;
        }
    }
}
