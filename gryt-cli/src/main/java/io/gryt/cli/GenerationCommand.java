package io.gryt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Generation;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.core.Gryt;
import io.gryt.core.release.GenerationSync;
import io.gryt.core.release.Generations;
import io.gryt.core.text.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code gryt generation new|list|show|sync|promote|hotfix|delete}: release contracts. */
@Command(name = "generation", description = "Release contracts: create, list, show, sync, promote, hot-fix, delete.",
        subcommands = {GenerationCommand.New.class, GenerationCommand.ListCmd.class, GenerationCommand.Show.class,
                GenerationCommand.Sync.class, GenerationCommand.Promote.class, GenerationCommand.Hotfix.class,
                GenerationCommand.Delete.class})
final class GenerationCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("generation");
    }

    Gryt open() {
        return gryt.openProject();
    }

    /** The generation's pipeline template, or the project's default pipeline marked as such. */
    static String pipeline(Generation gen, Gryt g) {
        return gen.pipelineTemplate() != null ? gen.pipelineTemplate() : g.config().pipelineTemplate() + " (default)";
    }

    /** {@code gryt generation new vX.Y.Z}. */
    @Command(name = "new", description = "Create .gryt/generations/<version>.yaml (a commented skeleton, or with --change).")
    static final class New implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Parameters(paramLabel = "<version>", description = "vMAJOR.MINOR.PATCH")
        String version;

        @Option(names = "--change", paramLabel = "type:ID:title", description = "A change (repeatable): fix, refine, add or remove.")
        List<String> changes;

        @Option(names = "--description", paramLabel = "<text>", description = "What the release is about.")
        String description = "";

        @Option(names = "--pipeline", paramLabel = "<name>",
                description = "The pipeline that proves it (default: the project setting pipeline_template, ci unless set).")
        String pipeline;

        @Option(names = "--json", description = "Print the generation as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<Change> parsed = ChangeSpec.parseAll(changes);
            try (Gryt g = parent.open()) {
                Generation gen = g.generations().create(version, description, parsed, pipeline);
                if (json) {
                    Json.print(parent.gryt.out, Json.generation(gen, null));
                } else {
                    parent.gryt.out.println("created generation " + gen.version() + " in "
                            + g.layout().display(g.layout().generationsDir().resolve(version + ".yaml"))
                            + (parsed.isEmpty() ? " (a skeleton: add its changes)" : " with " + parsed.size() + " change(s)"));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gryt generation list}. */
    @Command(name = "list", description = "List generations with their status and progress.")
    static final class ListCmd implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Gryt g = parent.open()) {
                Generations.Survey survey = g.generations().survey();
                List<Generation> all = survey.generations();
                // a file holding a mistake hides nothing else: it is named on stderr, and the command exits 2
                survey.problems().forEach(p -> Cli.printError(parent.gryt.err, p));
                int code = survey.problems().isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
                // one read for every generation's evidence, however many there are
                Map<String, List<ChangeEvidence>> evidence = all.isEmpty() ? Map.of() : g.evidenceOfAll();
                List<String> missing = survey.missingFiles();
                if (json) {
                    ArrayNode arr = Json.MAPPER.createArrayNode();
                    for (Generation gen : all) {
                        arr.add(Json.generation(gen, evidence.getOrDefault(gen.version(), List.of()))
                                .put("file_missing", missing.contains(gen.version())));
                    }
                    Json.print(parent.gryt.out, arr);
                    return code;
                }
                if (all.isEmpty()) {
                    if (code == ExitCodes.OK) parent.gryt.out.println("no generations yet: gryt generation new v1.0.0");
                    return code;
                }
                Table t = new Table("VERSION", "STATUS", "PROVEN", "PIPELINE", "DESCRIPTION");
                for (Generation gen : all) {
                    List<ChangeEvidence> ev = evidence.getOrDefault(gen.version(), List.of());
                    long proven = ev.stream().filter(ChangeEvidence::proven).count();
                    t.row(gen.version() + (gen.isHotfix() ? " (hotfix of " + gen.hotfixOf() + ")" : ""),
                            gen.status().label() + (missing.contains(gen.version()) ? " (file missing)" : ""),
                            proven + "/" + gen.changes().size(), pipeline(gen, g), gen.description());
                }
                t.print(parent.gryt.out);
                for (String version : missing) {
                    parent.gryt.out.println(version + ": " + g.layout().display(g.layout().generationsDir().resolve(version + ".yaml"))
                            + " is missing: restore it from git, or remove the draft with gryt generation delete " + version);
                }
                return code;
            }
        }
    }

    /** {@code gryt generation show vX.Y.Z}. */
    @Command(name = "show", description = "Show a generation's contract and each change's proof.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Parameters(paramLabel = "<version>")
        String version;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Gryt g = parent.open()) {
                Generation gen = g.generations().load(version);
                List<ChangeEvidence> evidence = g.evidence(version);
                if (json) {
                    Json.print(parent.gryt.out, Json.generation(gen, evidence));
                    return ExitCodes.OK;
                }
                var out = parent.gryt.out;
                out.println("generation " + gen.version() + " (" + gen.status().label() + ")"
                        + (gen.isHotfix() ? " hot-fix of " + gen.hotfixOf() : ""));
                if (!gen.description().isBlank()) out.println("  " + gen.description().strip());
                out.println("  pipeline: " + pipeline(gen, g));
                if (gen.isPromoted()) out.println("  promoted: " + gen.promotedAt() + " · contract sha256 " + gen.contractHash());
                out.println();
                Table t = new Table("TYPE", "ID", "TITLE", "PIPELINE", "PROOF");
                String generationPipeline = pipeline(gen, g);
                for (ChangeEvidence ev : evidence) {
                    String proof = ev.latest() == null ? "unproven" : ev.latest().status().label() + " (" + ev.latest().tag() + ")";
                    String proving = gen.change(ev.change().id()).map(c -> c.pipeline()).orElse(null);
                    t.row(ev.change().type().label(), ev.change().id(), ev.change().title(),
                            proving != null ? proving : generationPipeline, proof);
                }
                t.print(out);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gryt generation sync vX.Y.Z} (alias {@code update}). */
    @Command(name = "sync", aliases = "update",
            description = "Sync .gryt/generations/<version>.yaml into the store and say what changed.")
    static final class Sync implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Parameters(paramLabel = "<version>")
        String version;

        @Option(names = "--json", description = "Print what changed as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Gryt g = parent.open()) {
                GenerationSync sync = g.generations().sync(version);
                String file = g.layout().display(g.layout().generationsDir().resolve(version + ".yaml"));
                if (json) {
                    Json.print(parent.gryt.out, Json.sync(sync));
                    return ExitCodes.OK;
                }
                var out = parent.gryt.out;
                Generation gen = sync.after();
                if (gen.isPromoted()) {
                    out.println("generation " + version + " is promoted: its contract is frozen"
                            + " and the store keeps it (nothing to sync)");
                } else if (sync.created()) {
                    out.println("recorded generation " + version + " from " + file + " with " + gen.changes().size()
                            + " change(s)");
                } else if (!sync.changed()) {
                    out.println("generation " + version + " is up to date: the store agrees with " + file);
                } else {
                    out.println("synced generation " + version + " from " + file + ":");
                    sync.added().forEach(c -> out.println("  added    " + c.type().label() + " " + c.id() + ": " + c.title()));
                    sync.removed().forEach(c -> out.println("  removed  " + c.type().label() + " " + c.id() + ": " + c.title()));
                    sync.edited().forEach(c -> out.println("  edited   " + c.type().label() + " " + c.id() + ": " + c.title()));
                    if (sync.reordered()) out.println("  reordered the changes");
                    if (sync.descriptionChanged()) out.println("  description: " + gen.description());
                    if (sync.pipelineTemplateChanged()) out.println("  pipeline: " + pipeline(gen, g));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gryt generation delete vX.Y.Z}. */
    @Command(name = "delete", description = "Delete a draft generation with no evolutions: its file and its records.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Parameters(paramLabel = "<version>")
        String version;

        @Override
        public Integer call() {
            try (Gryt g = parent.open()) {
                g.generations().delete(version);
                parent.gryt.out.println("deleted draft generation " + version + " (its file and its records;"
                        + " the audit trail keeps the deletion)");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gryt generation promote vX.Y.Z}. */
    @Command(name = "promote", description = "Run every promotion gate; if all pass, tag vX.Y.Z on the tested commit.")
    static final class Promote implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Parameters(paramLabel = "<version>")
        String version;

        @Option(names = "--commit", paramLabel = "<rev>", description = "Promote this commit (an evolution must have passed on it).")
        String commit;

        @Option(names = "--dry-run", description = "Show the gate report without promoting.")
        boolean dryRun;

        @Option(names = "--min-evolutions", paramLabel = "N", description = "Require N passing evolutions (default 1).")
        Integer minEvolutions;

        @Option(names = "--wait", description = "Wait for the generation's running evolutions to end, then promote"
                + " (without it, a running evolution blocks the promotion).")
        boolean waitForEvolutions;

        @Option(names = "--timeout", paramLabel = "<duration>", converter = DurationConverter.class,
                description = "How long --wait waits, e.g. 90s, 10m, 1h30m (default: ${DEFAULT-VALUE}).", defaultValue = "10m")
        Duration timeout;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the promotion as JSON.")
        boolean json;

        @Mixin
        PushOptions push;

        @Override
        public Integer call() {
            if (!waitForEvolutions && spec.commandLine().getParseResult().hasMatchedOption("--timeout")) {
                throw new BadInputException("--timeout says how long --wait waits: add --wait");
            }
            try (Gryt g = parent.open()) {
                var request = g.promotion(version).dryRun(dryRun);
                if (waitForEvolutions) {
                    request.waitForEvolutions(timeout).onWaiting(inProgress -> parent.gryt.err.println("waiting up to "
                            + Durations.format(timeout) + " for " + inProgress.stream()
                            .map(EvolutionsInProgressException::describe).collect(Collectors.joining(", ")) + " to end"));
                }
                if (commit != null) request.commit(commit);
                if (minEvolutions != null) request.minimumEvolutions(minEvolutions);
                push.configure(g, request::push, request::noPush, request::onPushFailure);
                Promotion p = request.promote();
                if (!json) GithubActions.detect(parent.gryt.env, parent.gryt.out).ifPresent(ci -> ci.promotion(p));
                if (json) {
                    Json.print(parent.gryt.out, Json.promotion(p));
                } else {
                    printReport(p, parent.gryt);
                }
                if (p.status() == PromotionStatus.COMPLETED) return push.report(parent.gryt.err) ? ExitCodes.NOT_PUSHED : ExitCodes.OK;
                if (p.status() == PromotionStatus.DRY_RUN) return p.gatesPassed() ? ExitCodes.OK : ExitCodes.FAILED;
                return ExitCodes.FAILED;
            }
        }

        static void printReport(Promotion p, GrytCommand gryt) {
            ConsoleStyle style = gryt.style();
            var out = gryt.out;
            out.println("promotion of " + p.generation() + (p.commit() == null ? "" : " at " + p.commit().substring(0, 12))
                    + (p.status() == PromotionStatus.DRY_RUN ? " (dry run)" : ""));
            for (GateResult r : p.gates()) {
                out.println("  " + (r.passed() ? style.green("pass") : style.red("FAIL")) + "  " + r.gate() + ": " + r.summary());
                for (String problem : r.problems()) out.println("        - " + problem);
            }
            if (!p.artifacts().isEmpty()) {
                out.println("  artifacts:");
                p.artifacts().forEach(a -> out.println("        " + a.sha256() + "  " + a.path()));
            }
            switch (p.status()) {
                case COMPLETED -> out.println(style.green("promoted") + ": tagged " + p.tag() + " on " + p.commit());
                case BLOCKED -> out.println(style.red("blocked") + ": " + p.failedGates().size() + " gate(s) failed; nothing was released");
                default -> out.println(p.gatesPassed() ? "every gate passes: promotion would succeed" : "promotion would be blocked");
            }
        }
    }

    /** {@code gryt generation hotfix vX.Y.Z --change fix:ID:title}. */
    @Command(name = "hotfix", description = "Create the next patch generation of a promoted one, for fixes only (fast-track gates).")
    static final class Hotfix implements Callable<Integer> {
        @ParentCommand
        GenerationCommand parent;

        @Parameters(paramLabel = "<version>", description = "The promoted generation to patch.")
        String base;

        @Option(names = "--change", paramLabel = "fix:ID:title", required = true, description = "A fix (repeatable).")
        List<String> changes;

        @Option(names = "--pipeline", paramLabel = "<name>", description = "The proving pipeline (default: the base's).")
        String pipeline;

        @Option(names = "--json", description = "Print the generation as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<Change> parsed = ChangeSpec.parseAll(changes);
            try (Gryt g = parent.open()) {
                Generation gen = g.generations().hotfix(base, parsed, pipeline);
                if (json) {
                    Json.print(parent.gryt.out, Json.generation(gen, null));
                } else {
                    parent.gryt.out.println("created hot-fix generation " + gen.version() + " of " + base + " with "
                            + parsed.size() + " fix(es); prove them with: gryt evolution start " + gen.version()
                            + " --change " + parsed.get(0).id());
                }
            }
            return ExitCodes.OK;
        }
    }
}
