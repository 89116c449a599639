package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.core.project.ProjectLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The root {@code gryt} command: global options and the list of subcommands. */
@Command(name = "gryt", versionProvider = VersionProvider.class,
        description = "Local-first, contract-driven CI: run pipelines, prove release contracts, keep the evidence.",
        footer = {"", "Exit codes: 0 success, 1 the work ran and failed, 2 bad input or usage, 3 internal error,"
                + " 130 interrupted."})
final class GrytCommand implements Callable<Integer> {
    /**
     * The subcommands, by name, in the order help lists them. {@link Cli} adds them itself, and only the one
     * a command line names when it names one, so that a short command does not pay for the others' models.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Option(names = "-C", paramLabel = "<dir>", description = "Run as if gryt was started in <dir>.")
    Path directory;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    final PrintStream out;
    final PrintStream err;
    /** The environment gryt reads its own settings from ({@code NO_COLOR}, {@code COLUMNS}...). */
    final Map<String, String> env;
    private Terminal terminal;
    private Plugins plugins;

    GrytCommand(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    GrytCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> c = new LinkedHashMap<>();
        c.put("init", InitCommand.class);
        c.put("run", RunCommand.class);
        c.put("demo", DemoCommand.class);
        c.put("generation", GenerationCommand.class);
        c.put("evolution", EvolutionCommand.class);
        c.put("pipeline", PipelineCommand.class);
        c.put("catalog", CatalogCommand.class);
        c.put("new", NewCommand.class);
        c.put("db", DbCommand.class);
        c.put("audit", AuditCommand.class);
        c.put("compliance", ComplianceCommand.class);
        c.put("status", StatusCommand.class);
        c.put("dashboard", DashboardCommand.class);
        c.put("config", ConfigCommand.class);
        c.put("destinations", DestinationsCommand.class);
        c.put("policy", PolicyCommand.class);
        c.put("doctor", DoctorCommand.class);
        c.put("plugins", PluginsCommand.class);
        c.put("completion", CompletionCommand.class);
        c.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(c);
    }

    @Override
    public Integer call() {
        err.println(UsageErrors.PREFIX + UsageErrors.missingCommand(spec.commandLine()));
        spec.commandLine().usage(err);
        return ExitCodes.BAD_INPUT;
    }

    boolean debug() {
        return debug;
    }

    /** The directory gryt works in: {@code -C <dir>} or the current directory. */
    Path workingDir() {
        Path dir = (directory == null ? Path.of("") : directory).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("-C " + directory + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        return dir;
    }

    /**
     * Opens the project containing the working directory, with its plugins (a broken plugin jar is reported in one
     * line and left out), and reports what opening it repaired. Hooks that fail after the fact are reported on stderr.
     */
    io.gryt.core.Gryt openProject() {
        return openProject(null);
    }

    /** Opens the project like {@link #openProject()}, with {@code listener} (if not null) subscribed to its events. */
    io.gryt.core.Gryt openProject(io.gryt.api.event.EventListener listener) {
        ProjectLayout layout = project();
        Plugins found = plugins();
        found.broken().forEach(jar -> err.println("gryt: plugin " + layout.display(jar.path()) + " left out: "
                + jar.problem().orElseThrow()));
        io.gryt.core.Gryt.Builder builder = io.gryt.core.Gryt.builder().projectDir(layout.root())
                .environment(env).classLoader(found.loader()).hookReports(line -> err.println("gryt: " + line));
        if (listener != null) builder.eventListener(listener);
        io.gryt.core.Gryt g = builder.build();
        Recovered.report(g, err);
        return g;
    }

    /** The plugin jars of the project around the working directory (if any) and of {@code GRYT_PLUGINS}; found once. */
    synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = Plugins.find(ProjectLayout.find(workingDir()).map(ProjectLayout::pluginsDir), env);
        }
        return plugins;
    }

    /**
     * What a command that groups subcommands does when none is given: an error line naming its subcommands, then
     * its usage, on stderr; exit code 2.
     */
    int missingSubcommand(String name) {
        CommandLine command = spec.commandLine().getSubcommands().get(name);
        err.println(UsageErrors.PREFIX + UsageErrors.missingCommand(command));
        command.usage(err);
        return ExitCodes.BAD_INPUT;
    }

    /** The project containing the working directory (searched upwards, like git). */
    ProjectLayout project() {
        return ProjectLayout.require(workingDir());
    }

    /** What standard output is: a terminal (live display, colours unless {@code NO_COLOR}) or not (plain lines). */
    synchronized Terminal terminal() {
        if (terminal == null) terminal = Terminal.detect(out == System.out, env);
        return terminal;
    }

    /** The console style for standard output. */
    ConsoleStyle style() {
        return terminal().style();
    }
}
