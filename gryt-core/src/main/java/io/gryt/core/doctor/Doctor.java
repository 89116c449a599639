package io.gryt.core.doctor;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.api.release.Generation;
import io.gryt.api.spi.Hook;
import io.gryt.api.spi.RowHandler;
import io.gryt.core.Gryt;
import io.gryt.core.audit.AuditVerifier.AuditVerification;
import io.gryt.core.internal.hook.CommandHook;
import io.gryt.core.internal.hook.HookSettings;
import io.gryt.core.internal.policy.PolicyHooks;
import io.gryt.core.internal.yaml.CatalogFiles;
import io.gryt.core.internal.yaml.HookFiles;
import io.gryt.core.policy.Policy;
import io.gryt.core.release.Policies;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.release.Generations;
import io.gryt.core.template.ProjectTemplates;
import io.gryt.core.internal.yaml.PipelineFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that this machine and the project around a directory can run gryt: Java, git, the project layout, the
 * database (integrity, schema version, audit trail), the configuration, generation, pipeline, step and catalog files,
 * the hook file ({@code .gryt/hooks.yaml}), the policy file, the pipelines that generations name, and the programs
 * those pipelines and hooks call (on the PATH or not). Every finding
 * says what to fix; {@link #healthy} when none is a {@link Check.Status#FAIL}.
 */
public final class Doctor {
    /** Words a shell script starts with that are not programs to look for on the PATH. */
    private static final Set<String> SHELL_WORDS = Set.of("test", "[", "echo", "printf", "cd", "true", "false", "exit",
            "export", "set", "if", "then", "else", "fi", "for", "do", "done", "while", "case", "esac", "read", "!", "{",
            "}", "(", ")", "eval", "exec", "command", "type", "return", "shift", "unset", "local", ":", ".", "source",
            "trap", "wait", "sleep");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    private final Path start;
    private final String path;
    private final List<Check> checks = new ArrayList<>();

    private Doctor(Path start, String path) {
        this.start = start;
        this.path = path;
    }

    /** Examines the project around {@code start}, looking programs up on {@code path} (a PATH value). */
    public static List<Check> examine(Path start, String path) {
        Doctor d = new Doctor(start, path);
        d.run();
        return List.copyOf(d.checks);
    }

    /** True when no check failed. */
    public static boolean healthy(List<Check> checks) {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    private void run() {
        java();
        git();
        Optional<ProjectLayout> found = ProjectLayout.find(start);
        if (found.isEmpty()) {
            checks.add(Check.fail("project", "no .gryt/ in " + start.toAbsolutePath().normalize()
                    + " or above: run gryt init here, or gryt new <template> <dir> for a new project"));
            return;
        }
        ProjectLayout layout = found.get();
        layout(layout);
        Gryt gryt;
        try {
            gryt = Gryt.open(layout.root());
        } catch (GrytException e) {
            checks.add(Check.fail("database", e.getMessage()));
            return;
        }
        try (gryt) {
            repository(gryt);
            database(gryt);
            config(gryt);
            Map<String, Pipeline> pipelines = pipelines(gryt, layout);
            catalogs(gryt, layout);
            generations(gryt, layout, pipelines);
            List<Hook> hooks = hooks(layout);
            policy(layout, hooks);
            tools(gryt, layout, pipelines, hooks);
        }
    }

    private void java() {
        Runtime.Version v = Runtime.version();
        String what = "Java " + v + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
        checks.add(v.feature() >= 17 ? Check.ok("java", what) : Check.fail("java", what + ": gryt needs Java 17 or later"));
    }

    private void git() {
        if (!ProjectTemplates.onPath("git", path)) {
            checks.add(Check.fail("git", "git is not on the PATH: install it (https://git-scm.com/downloads); evolutions"
                    + " and promotions tag commits"));
            return;
        }
        checks.add(Check.ok("git", output("git", "--version").orElse("git (version unknown)")));
    }

    private void layout(ProjectLayout layout) {
        List<String> missing = new ArrayList<>();
        for (Path dir : List.of(layout.pipelinesDir(), layout.generationsDir())) {
            if (!Files.isDirectory(dir)) missing.add(layout.display(dir) + "/");
        }
        if (!Files.isRegularFile(layout.grytDir().resolve(".gitignore"))) missing.add(".gryt/.gitignore");
        checks.add(missing.isEmpty() ? Check.ok("project", ".gryt/ in " + layout.root())
                : Check.warn("project", ".gryt/ in " + layout.root() + " lacks " + String.join(", ", missing)
                + ": gryt init adds what is missing and changes nothing else"));
    }

    private void repository(Gryt gryt) {
        if (gryt.versioning().isPresent()) {
            checks.add(Check.ok("repository", "git repository at " + gryt.versioning().get().root()));
        } else {
            checks.add(Check.warn("repository", "the project is not in a git repository: runs work, evolutions and"
                    + " promotions need one (git init && git add -A && git commit)"));
        }
    }

    private void database(Gryt gryt) {
        String store = gryt.store().location();
        try {
            List<Object> integrity = firstColumn(gryt, "PRAGMA integrity_check");
            List<Object> version = firstColumn(gryt, "SELECT MAX(version) FROM schema_version");
            boolean intact = integrity.size() == 1 && "ok".equals(integrity.get(0));
            if (!intact) {
                checks.add(Check.fail("database", store + " is damaged (integrity check: " + integrity + "): restore a"
                        + " snapshot (gryt audit rollback <snapshot>)"));
                return;
            }
            checks.add(Check.ok("database", store + ": integrity ok, schema version "
                    + (version.isEmpty() ? "?" : version.get(0))));
        } catch (RuntimeException e) {
            checks.add(Check.warn("database", store + ": not checked (" + e.getMessage() + ")"));
        }
        try {
            AuditVerification audit = gryt.verifyAudit();
            checks.add(audit.intact() ? Check.ok("audit trail", "hash chain intact")
                    : Check.fail("audit trail", "the audit trail does not verify: gryt audit verify says where"));
        } catch (RuntimeException e) {
            checks.add(Check.fail("audit trail", e.getMessage()));
        }
    }

    private void config(Gryt gryt) {
        try {
            gryt.config();
            checks.add(Check.ok("config", Files.exists(gryt.layout().configFile()) ? ".gryt/config.yaml valid" : "defaults"));
        } catch (RuntimeException e) {
            checks.add(Check.fail("config", e.getMessage()));
        }
    }

    /** Every pipeline file, read and planned; the readable ones by name. */
    private Map<String, Pipeline> pipelines(Gryt gryt, ProjectLayout layout) {
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        try {
            PipelineFiles.loadSteps(layout.stepsFile());
        } catch (RuntimeException e) {
            checks.add(Check.fail("steps", e.getMessage()));
        }
        for (String name : PipelineFiles.available(layout.pipelinesDir())) {
            try {
                Pipeline p = gryt.pipeline(name);
                gryt.validate(p);
                pipelines.put(name, p);
                checks.add(Check.ok("pipeline " + name, p.steps().size() + (p.steps().size() == 1 ? " step" : " steps") + ", valid"));
            } catch (RuntimeException e) {
                checks.add(Check.fail("pipeline " + name, e.getMessage()));
            }
        }
        return pipelines;
    }

    /** Each file of {@code .gryt/catalogs/} on its own (every problem of each), then the catalogs together. */
    private void catalogs(Gryt gryt, ProjectLayout layout) {
        boolean broken = false;
        for (Path file : files(layout.catalogsDir())) {
            String name = file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
            try {
                CatalogFiles.parse(file, layout.display(file));
                checks.add(Check.ok("catalog " + name, layout.display(file) + " valid"));
            } catch (RuntimeException e) {
                broken = true;
                failEach("catalog " + name, e);
            }
        }
        if (broken) return; // the catalogs together would only repeat the first problem
        try {
            gryt.catalogs().all();
        } catch (RuntimeException e) {
            failEach("catalogs", e);
        }
    }

    /** {@code .gryt/hooks.yaml}: every problem, one line each; its command hooks when valid. */
    private List<Hook> hooks(ProjectLayout layout) {
        Path file = layout.hooksFile();
        if (!Files.exists(file)) return new ArrayList<>();
        try {
            HookSettings settings = HookFiles.load(file, layout.display(file), layout.root());
            checks.add(Check.ok("hooks", layout.display(file) + " valid: " + settings.hooks().size() + " hook(s), "
                    + settings.onChangeType().size() + " change type(s) adding steps"));
            return new ArrayList<>(settings.hooks());
        } catch (RuntimeException e) {
            failEach("hooks", e);
            return new ArrayList<>();
        }
    }

    /** {@code .gryt/policy.yaml} or {@code policies.yaml}: every problem, one line each. */
    private void policy(ProjectLayout layout, List<Hook> hooks) {
        Optional<Policy> policy;
        try {
            policy = Policies.load(layout);
        } catch (RuntimeException e) {
            failEach("policy", e);
            return;
        }
        policy.ifPresent(p -> {
            checks.add(Check.ok("policy", p.file() + " valid: " + p.enabledRules().size() + " rule(s) in force"));
            p.notes().forEach(n -> checks.add(Check.warn("policy", n)));
        });
        hooks.addAll(PolicyHooks.of(policy, layout.root()));
    }

    /** One failed check per problem of {@code e} ({@code file:line:col: field: what}). */
    private void failEach(String topic, RuntimeException e) {
        List<String> problems = e instanceof BadInputException b && !b.problems().isEmpty() ? b.problems()
                : List.of(String.valueOf(e.getMessage()));
        problems.forEach(p -> checks.add(Check.fail(topic, p)));
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.getFileName().toString().matches(".*\\.(yaml|yml)") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every generation file, and the pipeline each names (a file, or a catalog's). */
    private void generations(Gryt gryt, ProjectLayout layout, Map<String, Pipeline> pipelines) {
        Generations.Survey survey;
        try {
            survey = gryt.generations().survey();
        } catch (RuntimeException e) {
            checks.add(Check.fail("generations", e.getMessage()));
            return;
        }
        survey.problems().forEach(p -> checks.add(Check.fail("generations", p.getMessage())));
        survey.missingFiles().forEach(v -> checks.add(Check.fail("generation " + v, layout.display(
                layout.generationsDir().resolve(v + ".yaml")) + " is missing: restore it from git, or gryt generation delete " + v)));
        for (Generation g : survey.generations()) {
            if (survey.missingFiles().contains(g.version())) continue;
            String template = g.pipelineTemplate() != null ? g.pipelineTemplate() : gryt.config().pipelineTemplate();
            if (pipelines.containsKey(template)) {
                checks.add(Check.ok("generation " + g.version(), g.status().label() + ", pipeline " + template));
                continue;
            }
            try {
                Pipeline p = gryt.pipeline(template);
                gryt.validate(p);
                pipelines.put(template, p);
                checks.add(Check.ok("generation " + g.version(), g.status().label() + ", pipeline " + template));
            } catch (RuntimeException e) {
                checks.add(Check.fail("generation " + g.version(), "its pipeline '" + template + "': " + e.getMessage()));
            }
        }
    }

    /** The programs the pipelines' steps start, looked up on the PATH (or, for a relative path, in the project). */
    private void tools(Gryt gryt, ProjectLayout layout, Map<String, Pipeline> pipelines, List<Hook> hooks) {
        Map<String, Set<String>> users = new LinkedHashMap<>(); // program -> "pipeline.step"
        for (Hook hook : hooks) {
            if (!(hook instanceof CommandHook c)) continue;
            for (String program : programs(c.command())) {
                users.computeIfAbsent(program, k -> new LinkedHashSet<>()).add("hook " + c.name());
            }
        }
        for (Map.Entry<String, Pipeline> p : pipelines.entrySet()) {
            List<Step> steps;
            try {
                steps = gryt.resolve(p.getValue());
            } catch (RuntimeException e) {
                continue; // reported with the pipeline
            }
            for (Step s : steps) {
                for (String program : programs(s)) {
                    users.computeIfAbsent(program, k -> new LinkedHashSet<>()).add(p.getKey() + ":" + s.name());
                }
            }
        }
        for (Map.Entry<String, Set<String>> u : users.entrySet()) {
            String program = u.getKey();
            boolean found = program.contains("/") ? Files.isExecutable(layout.root().resolve(program))
                    : ProjectTemplates.onPath(program, path);
            String usedBy = "used by " + String.join(", ", u.getValue());
            checks.add(found ? Check.ok("tool " + program, usedBy)
                    : Check.fail("tool " + program, (program.contains("/") ? program + " is not an executable file in the project"
                    : program + " is not on the PATH") + " (" + usedBy + "): install it, or change the step"));
        }
    }

    /**
     * The programs a step starts: a command's first word; for a script, the first word of each of its simple commands
     * (split at {@code ; & | ( ) { }} and backquotes) that is a plain program name, not shell syntax or a builtin.
     */
    static List<String> programs(Step step) {
        return switch (step.kind()) {
            case COMMAND -> step.command().isEmpty() ? List.of() : List.of(step.command().get(0));
            case SHELL -> step.script().map(Doctor::scriptPrograms).orElse(List.of());
            default -> List.of();
        };
    }

    /** The programs a command hook starts: its program, or those of its {@code sh -c} script. */
    static List<String> programs(List<String> command) {
        if (command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c")) {
            return scriptPrograms(command.get(2));
        }
        return command.isEmpty() ? List.of() : List.of(command.get(0));
    }

    private static List<String> scriptPrograms(String script) {
        Set<String> programs = new LinkedHashSet<>();
        for (String command : script.split("[;&|(){}`\\n]")) {
            for (String word : command.strip().split("\\s+")) {
                if (word.isEmpty() || ASSIGNMENT.matcher(word).matches()) continue;
                if (!SHELL_WORDS.contains(word) && word.matches("[A-Za-z0-9_./+-]+") && !word.startsWith("-")) {
                    programs.add(word);
                }
                break; // only a command's first word is a program
            }
        }
        return List.copyOf(programs);
    }

    private static List<Object> firstColumn(Gryt gryt, String sql) {
        List<Object> values = new ArrayList<>();
        gryt.query(sql, new RowHandler() {
            @Override
            public void columns(List<String> names) {
            }

            @Override
            public void row(List<Object> row) {
                values.add(row.isEmpty() ? null : row.get(0));
            }
        });
        return values;
    }

    private static Optional<String> output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out.lines().findFirst().orElse(out))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
