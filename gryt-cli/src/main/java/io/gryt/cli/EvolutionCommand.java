package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gryt.api.BadInputException;
import io.gryt.api.event.AlertRaised;
import io.gryt.api.event.EventListener;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.release.EvolutionHandle;
import io.gryt.core.release.EvolutionRequest;
import io.gryt.core.format.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code gryt evolution start|list|show}: tagged proofs of a generation's changes. */
@Command(name = "evolution", description = "Prove changes: start an evolution (tagged vX.Y.Z-rc.N), list, show.",
        subcommands = {EvolutionCommand.Start.class, EvolutionCommand.ListCmd.class, EvolutionCommand.Show.class})
final class EvolutionCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("evolution");
    }

    Gryt open() {
        return gryt.openProject();
    }

    /** {@code gryt evolution start vX.Y.Z --change ID}. */
    @Command(name = "start", description = "Run the generation's pipeline on the current commit to prove changes; tags vX.Y.Z-rc.N.")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        EvolutionCommand parent;

        @Parameters(paramLabel = "<version>")
        String version;

        @Option(names = "--change", paramLabel = "<id>", required = true, description = "A change this evolution proves (repeatable).")
        List<String> changes;

        @Option(names = "--pipeline", paramLabel = "<name>", description = "Run this pipeline instead of the generation's pipeline_template.")
        String pipeline;

        @Option(names = "--allow-dirty", description = "Run on a work tree with uncommitted changes (recorded).")
        boolean allowDirty;

        @Option(names = "--json", description = "Print the evolution as JSON (no live output).")
        boolean json;

        @Mixin
        OutputOptions output;

        @Mixin
        PushOptions push;

        @Override
        public Integer call() {
            GrytCommand gryt = parent.gryt;
            Verbosity verbosity = output.verbosity(json);
            try (Gryt g = gryt.openProject(EventListener.of(AlertRaised.class, a -> PolicyCommand.printAlert(gryt.err, a)));
                 RunOutput display = json ? RunOutput.SILENT : RunOutput.create(gryt.out, gryt.terminal(), g.projectDir(),
                         OutputSettings.forEvolution(verbosity));
                 InterruptGuard guard = InterruptGuard.arm(gryt.err, display::detach)) {
                EvolutionRequest request = g.evolve(version).proving(changes).allowDirty(allowDirty);
                if (pipeline != null) request.pipeline(pipeline);
                push.configure(g, request::push, request::noPush, request::onPushFailure);
                if (!json) request.listener(display);
                if (!json) GithubActions.detect(gryt.env, gryt.out).ifPresent(request::listener);
                request.onCreated(e -> display.note("evolution " + e.tag() + " proving " + String.join(", ", e.changes())));
                EvolutionHandle handle = request.launch();
                guard.guard(handle::interrupt, handle.result(), "evolution " + handle.started().tag());
                Evolution done = handle.await();
                // also when interrupted: the guard waits for this ending before the process halts
                if (json) {
                    Json.print(gryt.out, Json.evolution(done));
                } else {
                    gryt.out.println("evolution " + done.tag() + ": " + done.status().label() + " (tagged on "
                            + done.commit().substring(0, 12) + (done.allowDirty() ? ", dirty work tree" : "") + ")");
                }
                boolean notPushed = push.report(gryt.err);
                return switch (done.status()) {
                    case PASS -> notPushed ? ExitCodes.NOT_PUSHED : ExitCodes.OK;
                    case INTERRUPTED -> ExitCodes.INTERRUPTED;
                    default -> ExitCodes.FAILED;
                };
            }
        }
    }

    /** {@code gryt evolution list [vX.Y.Z] [--limit N]}. */
    @Command(name = "list", description = "List a generation's evolutions, or without a version the most recent of all.")
    static final class ListCmd implements Callable<Integer> {
        /** How many evolutions the list of all generations shows unless {@code --limit} says otherwise. */
        static final int DEFAULT_LIMIT = 20;

        @ParentCommand
        EvolutionCommand parent;

        @Parameters(paramLabel = "<version>", arity = "0..1",
                description = "A generation (all its evolutions, by RC number); without it, recent ones of all, newest first.")
        String version;

        @Option(names = "--limit", paramLabel = "N",
                description = "Show the N newest evolutions (default: " + DEFAULT_LIMIT + " without a version, all with one).")
        Integer limit;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (limit != null && limit < 1) throw new BadInputException("--limit must be at least 1, was " + limit);
            try (Gryt g = parent.open()) {
                List<Evolution> all;
                boolean more;
                if (version != null) {
                    // a recorded generation needs no parsing of its file: listing stays fast
                    if (g.storedGeneration(Versions.require(version)).isEmpty()) g.generations().load(version);
                    all = g.evolutions(version);
                    more = limit != null && all.size() > limit;
                    if (more) all = all.subList(all.size() - limit, all.size());
                } else {
                    int n = limit == null ? DEFAULT_LIMIT : limit;
                    all = g.recentEvolutions(n + 1);
                    more = all.size() > n;
                    if (more) all = all.subList(0, n);
                }
                if (json) {
                    ArrayNode arr = Json.MAPPER.createArrayNode();
                    all.forEach(e -> arr.add(Json.evolution(e)));
                    Json.print(parent.gryt.out, arr);
                    return ExitCodes.OK;
                }
                var out = parent.gryt.out;
                if (all.isEmpty()) {
                    out.println(version == null ? "no evolutions yet: gryt evolution start vX.Y.Z --change ID"
                            : "no evolutions of " + version + " yet: gryt evolution start " + version + " --change ID");
                    return ExitCodes.OK;
                }
                Table t = new Table("TAG", "STATUS", "CHANGES", "COMMIT", "RUN", "CREATED");
                for (Evolution e : all) {
                    t.row(e.tag(), e.status().label() + (e.allowDirty() ? " (dirty)" : ""), String.join(",", e.changes()),
                            e.commit() == null ? null : e.commit().substring(0, 12), e.runId(), e.createdAt());
                }
                t.print(out);
                out.println();
                out.println(summary(all));
                if (more) {
                    out.println("(only the " + all.size() + " newest are shown: --limit N shows more)");
                }
            }
            return ExitCodes.OK;
        }

        /** {@code N total | P passed | F failed | R running}, and {@code | I interrupted} when some were. */
        static String summary(List<Evolution> evolutions) {
            Map<EvolutionStatus, Long> by = evolutions.stream()
                    .collect(Collectors.groupingBy(Evolution::status, () -> new EnumMap<>(EvolutionStatus.class), Collectors.counting()));
            long running = by.getOrDefault(EvolutionStatus.PENDING, 0L) + by.getOrDefault(EvolutionStatus.RUNNING, 0L);
            long interrupted = by.getOrDefault(EvolutionStatus.INTERRUPTED, 0L);
            return evolutions.size() + " total | " + by.getOrDefault(EvolutionStatus.PASS, 0L) + " passed | "
                    + by.getOrDefault(EvolutionStatus.FAIL, 0L) + " failed | " + running + " running"
                    + (interrupted == 0 ? "" : " | " + interrupted + " interrupted");
        }
    }

    /** {@code gryt evolution show <tag>}. */
    @Command(name = "show", description = "Show one evolution.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        EvolutionCommand parent;

        @Parameters(paramLabel = "<tag>", description = "e.g. v2.2.0-rc.3")
        String tag;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Gryt g = parent.open()) {
                Evolution e = g.evolution(tag)
                        .orElseThrow(() -> new BadInputException("unknown evolution " + tag + " (see gryt evolution list vX.Y.Z)"));
                if (json) {
                    Json.print(parent.gryt.out, Json.evolution(e));
                    return ExitCodes.OK;
                }
                var out = parent.gryt.out;
                out.println("evolution " + e.tag() + " of " + e.generation());
                out.println("  status:   " + e.status().label() + (e.allowDirty() ? " (ran on a dirty work tree)" : ""));
                out.println("  changes:  " + String.join(", ", e.changes()));
                out.println("  commit:   " + e.commit());
                out.println("  run:      " + (e.runId() == null ? "-" : e.runId()));
                out.println("  created:  " + e.createdAt());
                out.println("  finished: " + (e.finishedAt() == null ? "-" : e.finishedAt()));
                if (e.policyHash() != null) out.println("  policy:   sha256 " + e.policyHash());
                if (e.runId() != null) {
                    Table t = new Table("STEP", "STATUS", "ATTEMPTS", "EXIT", "DURATION");
                    g.steps(e.runId()).forEach(s -> t.row(s.name(), s.status().label(), s.attempts(),
                            s.exitCode(), s.startedAt() == null || s.finishedAt() == null ? null
                                    : ConsoleReporter.format(java.time.Duration.between(s.startedAt(), s.finishedAt()))));
                    out.println();
                    t.print(out);
                    printTests(out, g.dataRows(e.runId()));
                }
            }
            return ExitCodes.OK;
        }

        /** The test cases the evolution's JUnit reports recorded: counts, then each failed or errored one. */
        private static void printTests(java.io.PrintStream out, List<io.gryt.api.spi.DataRow> rows) {
            List<io.gryt.api.spi.DataRow> tests = rows.stream().filter(r -> r.kind() == io.gryt.api.spi.DataRow.Kind.TEST).toList();
            if (tests.isEmpty()) return;
            Map<String, Long> by = new java.util.TreeMap<>();
            Table failed = new Table("FAILED TEST", "STEP", "STATUS", "MESSAGE");
            for (io.gryt.api.spi.DataRow r : tests) {
                String value = r.value() == null ? "" : r.value();
                int colon = value.indexOf(": ");
                String status = colon < 0 ? value : value.substring(0, colon);
                by.merge(status, 1L, Long::sum);
                if (status.equals("failed") || status.equals("errored")) {
                    failed.row(r.name(), r.step(), status, colon < 0 ? null : value.substring(colon + 2));
                }
            }
            StringBuilder counts = new StringBuilder();
            by.forEach((status, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(status));
            out.println();
            out.println("tests: " + tests.size() + " (" + counts + ")");
            if (by.getOrDefault("failed", 0L) + by.getOrDefault("errored", 0L) > 0) failed.print(out);
        }
    }
}
