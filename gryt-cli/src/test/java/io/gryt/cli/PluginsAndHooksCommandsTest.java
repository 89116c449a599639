package io.gryt.cli;

import io.gryt.api.spi.PromotionGate;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CLI with plugin jars built here (a gate and a hook compiled with {@link JavaCompiler}), command hooks that
 * veto, and changes proven by their own pipelines.
 */
class PluginsAndHooksCommandsTest {
    static final String GATE = """
            package com.example.plugin;

            import io.gryt.api.release.GateResult;
            import io.gryt.api.spi.GateContext;
            import io.gryt.api.spi.PromotionGate;

            public class TicketGate implements PromotionGate {
                @Override
                public GateResult evaluate(GateContext context) {
                    return GateResult.pass(name(), "ticket RM-7 approved for " + context.generation().version());
                }

                @Override
                public String name() {
                    return "ticket-gate";
                }
            }
            """;
    static final String HOOK = """
            package com.example.plugin;

            import io.gryt.api.event.GrytEvent;
            import io.gryt.api.spi.Hook;
            import java.util.Set;

            public class FreezeHook implements Hook {
                @Override
                public Verdict on(GrytEvent event) {
                    return Verdict.veto("release freeze until the audit ends");
                }

                @Override
                public String name() {
                    return "freeze";
                }

                @Override
                public Set<String> events() {
                    return Set.of("promotion.starting");
                }
            }
            """;

    @TempDir
    Path dir;
    @TempDir
    Path build;

    TempGitRepo git;

    @BeforeEach
    void project() {
        git = CliRun.initProject(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", """
                steps:
                  - name: prove
                    run: "echo proving $GRYT_CHANGES"
                """);
        git.write(".gryt/pipelines/e2e.yaml", """
                steps:
                  - name: browser
                    run: "echo browsing"
                """);
        git.write(".gryt/generations/v2.2.0.yaml", """
                version: v2.2.0
                changes:
                  - type: fix
                    id: PAY-001
                    title: "Race condition in refund webhook"
                  - type: add
                    id: PAY-003
                    title: "Support Apple Pay"
                    pipeline: e2e
                pipeline_template: release-pipeline
                """);
        git.commit("v2.2.0 contract");
    }

    /** A plugin jar with {@code sources} (class name to source) and their service entries. */
    private Path pluginJar(Path jar, Map<String, String> sources, Map<String, String> services) throws IOException {
        Path src = build.resolve("src");
        Path classes = build.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-classpath", apiClassPath()));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
            for (Map.Entry<String, String> s : services.entrySet()) {
                j.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
                j.write((s.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    /** Where gryt-api's classes are, to compile a plugin against. */
    private static String apiClassPath() {
        try {
            return Path.of(PromotionGate.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path gateAndHookJar(Path jar) throws IOException {
        return pluginJar(jar, Map.of("com.example.plugin.TicketGate", GATE, "com.example.plugin.FreezeHook", HOOK),
                Map.of("io.gryt.api.spi.PromotionGate", "com.example.plugin.TicketGate",
                        "io.gryt.api.spi.Hook", "com.example.plugin.FreezeHook"));
    }

    @Test
    void aPluginJarsGateShowsInTheGateReportAndItsHookVetoesThePromotion() throws IOException {
        gateAndHookJar(dir.resolve(".gryt/plugins/release-rules.jar"));
        Files.write(dir.resolve(".gryt/plugins/broken.jar"), new byte[]{'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        git.commit("plugins"); // a work tree with uncommitted files takes no evolution

        CliRun listed = CliRun.in(dir, "plugins");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).contains(".gryt/plugins/release-rules.jar", "loaded", ".gryt/plugins/broken.jar",
                "broken: not a readable jar");
        assertThat(listed.out()).containsPattern("gate +ticket-gate +com.example.plugin.TicketGate +.gryt/plugins/release-rules.jar");
        assertThat(listed.out()).containsPattern("hook +freeze \\(on promotion.starting\\) +com.example.plugin.FreezeHook");

        CliRun evolved = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001", "--change", "PAY-003");
        assertThat(evolved.exitCode()).as(evolved.all()).isZero();
        assertThat(evolved.err()).as("the broken jar is reported in one line, the rest works")
                .containsOnlyOnce("plugin .gryt/plugins/broken.jar left out: not a readable jar");

        CliRun dry = CliRun.in(dir, "generation", "promote", "v2.2.0", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("ticket-gate", "ticket RM-7 approved for v2.2.0");

        CliRun vetoed = CliRun.in(dir, "generation", "promote", "v2.2.0");
        assertThat(vetoed.exitCode()).as(vetoed.all()).isEqualTo(1);
        assertThat(vetoed.out()).contains("blocked", "hook freeze", "release freeze until the audit ends");
        assertThat(git.git("tag", "-l", "v2.2.0")).isBlank();
        CliRun trail = CliRun.in(dir, "db", "query", "SELECT event, payload FROM audit_log WHERE event = 'hook.vetoed'");
        assertThat(trail.exitCode()).as(trail.all()).isZero();
        assertThat(trail.out()).contains("hook.vetoed", "release freeze until the audit ends", "promotion.starting");
        CliRun verified = CliRun.in(dir, "audit", "verify");
        assertThat(verified.exitCode()).as(verified.all()).isZero();
    }

    @Test
    void pluginsOnTheGrytPluginsPathAreLoadedToo() throws IOException {
        Path elsewhere = gateAndHookJar(build.resolve("shared/rules.jar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.execute(new String[]{"-C", dir.toString(), "plugins", "--json"}, o, e,
                    Map.of("GRYT_PLUGINS", elsewhere.getParent().toString()));
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"from\" : \"GRYT_PLUGINS\"", "\"loaded\" : true",
                "\"name\" : \"ticket-gate\"", elsewhere.toString());
    }

    @Test
    void withoutPluginsTheCommandSaysWhereToPutThem() {
        CliRun r = CliRun.in(dir, "plugins");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("no plugins: put jars in .gryt/plugins/");
    }

    @Test
    void aCommandHookVetoStopsAnEvolutionWithExitCode1AndItsReason() {
        git.write(".gryt/hooks.yaml", """
                hooks:
                  - name: change-window
                    on: evolution.starting
                    run: "echo \\"no evolutions of $GRYT_EVENT_GENERATION outside the change window\\"; exit 1"
                """);
        git.commit("hooks");
        CliRun r = CliRun.in(dir, "evolution", "start", "v2.2.0", "--change", "PAY-001");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("evolution.starting vetoed by hook change-window: no evolutions of v2.2.0 outside"
                + " the change window");
        assertThat(git.git("tag", "-l")).isBlank();
    }

    @Test
    void generationShowNamesThePipelineThatProvesEachChange() {
        CliRun r = CliRun.in(dir, "generation", "show", "v2.2.0");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("fix +PAY-001 +Race condition in refund webhook +release-pipeline +unproven");
        assertThat(r.out()).containsPattern("add +PAY-003 +Support Apple Pay +e2e +unproven");
    }
}
