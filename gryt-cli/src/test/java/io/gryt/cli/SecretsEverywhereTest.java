package io.gryt.cli;

import io.gryt.testing.HttpReceiver;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Torture, secrets: a declared secret value, printed by steps in every way a step might (whole, on stderr, in
 * pieces with pauses between them, base64, hex and URL encoded, in outputs, metrics, JUnit reports, a failure
 * message), written by a hook that fails and sitting in the URL of a destination that is down, appears nowhere
 * gryt writes: the step logs, the database file and its WAL (raw bytes), every audit export format, the HTML
 * status page, {@code evolution show}, every {@code --json} output, the outbox and its errors, stdout and stderr
 * of every command, the live display on a terminal and the plain lines of a pipe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsEverywhereTest {
    static final String TOKEN = "s3cr3t-T0KEN-9f8e7d6c5b4a";
    static final String SLACK_TOKEN = "xoxb-SLACK-7a6b5c4d";

    @TempDir
    static Path dir;

    final Map<String, String> env = new HashMap<>(System.getenv());
    final List<CliRun> printed = new ArrayList<>();

    @BeforeAll
    void aProjectWhoseStepsHooksAndDestinationsHandleTheSecret() throws Exception {
        TempGitRepo git = CliRun.initProject(dir);
        int closed = HttpReceiver.freePort();
        env.put("TOKEN", TOKEN);
        env.put("SLACK_URL", "http://127.0.0.1:" + closed + "/services/T00/B00/" + SLACK_TOKEN);
        git.write(".gryt/pipelines/ci.yaml", """
                name: ci
                secrets: [TOKEN]
                steps:
                  - name: plain
                    run: 'echo "token=$TOKEN"; echo "stderr token=$TOKEN" >&2'
                  - name: pieces
                    run: 'printf %s "$TOKEN" | head -c 7; sleep 0.3; printf %s "$TOKEN" | tail -c +8; echo " end"'
                  - name: encoded
                    run: 'printf %s "$TOKEN" | base64; printf %s "$TOKEN" | od -An -tx1 | tr -d " \\n"; echo;
                      printf %s "$TOKEN" | od -An -tx1 | tr -d " \\n" | tr a-f A-F; echo'
                  - name: split
                    run: 'printf %s "$TOKEN" | head -c 6; echo; printf %s "$TOKEN" | tail -c +7; echo " end"'
                  - name: wrapped
                    run: 'printf %s "$TOKEN" | base64 -w 20'
                  - name: records
                    run: |
                      echo "key=$TOKEN" >> "$GRYT_OUTPUT"
                      echo "m-$TOKEN=1" >> "$GRYT_METRICS"
                      mkdir -p reports
                      printf '<testsuite name="s" tests="1" failures="1"><testcase classname="c" name="t-%s"><failure message="got %s">%s</failure><system-out>%s</system-out></testcase></testsuite>' "$TOKEN" "$TOKEN" "$TOKEN" "$TOKEN" > reports/TEST-s.xml
                    junit: reports/*.xml
                    continue_on_error: true
                  - name: fails
                    run: 'echo "cannot deploy with $TOKEN" >&2; exit 3'
                hooks:
                  - name: notify
                    on: run.finished
                    run: 'echo "POST https://chat.example.com/hook?token=$TOKEN failed"; exit 1'
                """);
        git.write(".gryt/config.yaml", """
                destinations:
                  - name: slack
                    type: slack
                    events: [run.finished, evolution.finished]
                    settings:
                      webhook_url_env: SLACK_URL
                """);
        git.write(".gitignore", "reports/\n");
        git.commit("pipeline with a secret");
        run("generation", "new", "v1.0.0", "--change", "fix:S-1:Secret handling");
        git.commit("v1.0.0");

        run("run", "ci");
        run("run", "ci", "--json");
        Map<String, String> terminal = new HashMap<>(env);
        terminal.put("GRYT_FORCE_TTY", "1");
        terminal.put("TERM", "xterm");
        printed.add(CliRun.in(terminal, dir, "run", "ci", "-v"));
        run("evolution", "start", "v1.0.0", "--change", "S-1");
        run("evolution", "start", "v1.0.0", "--change", "S-1", "--json");
        run("evolution", "show", "v1.0.0-rc.1");
        run("evolution", "show", "v1.0.0-rc.1", "--json");
        run("evolution", "list", "--json");
        run("generation", "show", "v1.0.0", "--json");
        run("generation", "promote", "v1.0.0", "--dry-run", "--json");
        run("status", "--json");
        run("status", "--html", "status.html");
        for (String format : List.of("json", "csv", "html")) {
            run("audit", "export", "--format", format);
            run("audit", "export", "--format", format, "-o", "export." + format);
        }
        run("compliance", "report");
        run("destinations", "status");
        run("destinations", "flush");
        run("db", "query", "SELECT * FROM step_runs");
    }

    private void run(String... args) {
        CliRun r = CliRun.in(env, dir, args);
        assertThat(r.all()).as(String.join(" ", args)).doesNotContain("\tat ", "internal error");
        printed.add(r);
    }

    @Test
    void theStepsRanAndPrintedTheSecretSoThereWasSomethingToHide() throws IOException {
        assertThat(printed.get(1).exitCode()).as(printed.get(1).all()).isEqualTo(1);
        assertThat(printed.get(1).all()).contains("fail", "fails");
        Path runs = dir.resolve(".gryt/runs");
        String logs = allText(runs);
        assertThat(logs).contains("token=***", "stderr token=***", "*** end", "cannot deploy with ***");
        assertThat(printed.get(3).out()).as("--verbose on a terminal streams the masked lines").contains("token=***");
    }

    @Test
    void noFileGrytWroteHoldsTheSecretInAnyForm() throws IOException {
        for (String form : forms(TOKEN)) {
            assertThat(allText(dir.resolve(".gryt"))).as(form).doesNotContain(form);
            assertThat(allText(dir.resolve("status.html"))).doesNotContain(form);
            for (String format : List.of("json", "csv", "html")) {
                assertThat(Files.readString(dir.resolve("export." + format))).as(format + ": " + form).doesNotContain(form);
            }
        }
        for (String form : forms(SLACK_TOKEN)) assertThat(allText(dir.resolve(".gryt"))).as(form).doesNotContain(form);
    }

    @Test
    void theDatabaseFileAndItsWalHoldNoByteOfTheSecret() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve(".gryt"))) { // gryt.db, -wal, -shm and gryt.db.synced/*
            files = s.filter(Files::isRegularFile)
                    .filter(f -> dir.resolve(".gryt").relativize(f).toString().startsWith("gryt.db")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String form : forms(TOKEN)) assertThat(bytes).as(f + ": " + form).doesNotContain(form);
            for (String form : forms(SLACK_TOKEN)) assertThat(bytes).as(f + ": " + form).doesNotContain(form);
        }
    }

    @Test
    void noCommandPrintedTheSecretOnStdoutOrStderr() {
        assertThat(printed).hasSizeGreaterThan(20);
        for (CliRun r : printed) {
            for (String form : forms(TOKEN)) assertThat(r.all()).as(r.all()).doesNotContain(form);
            for (String form : forms(SLACK_TOKEN)) assertThat(r.all()).as(r.all()).doesNotContain(form);
        }
    }

    @Test
    void theHookFailureAndTheDestinationErrorAreRecordedMasked() {
        String all = String.join("\n", printed.stream().map(CliRun::all).toList());
        assertThat(all).contains("hook notify failed", "hook?token=*** failed");
        CliRun status = CliRun.in(env, dir, "destinations", "status");
        assertThat(status.out()).contains("slack").doesNotContain(SLACK_TOKEN);
    }

    @Test
    void aSecretPrintedSplitOverTwoLinesOrAsBase64WrappedOverLinesIsMaskedInEveryPart() throws IOException {
        String logs = allText(dir.resolve(".gryt/runs"));
        assertThat(logs).contains("***\n*** end");
        String encoded = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        List<String> parts = List.of(TOKEN.substring(0, 6), TOKEN.substring(6), encoded.substring(0, 20),
                encoded.substring(20, 32));
        String everything = allText(dir.resolve(".gryt")) + allText(dir.resolve("status.html"))
                + String.join("\n", printed.stream().map(CliRun::all).toList());
        for (String format : List.of("json", "csv", "html")) everything += Files.readString(dir.resolve("export." + format));
        for (String part : parts) assertThat(everything).as(part).doesNotContain(part);
    }

    /** The value and the encodings the masker promises to catch. */
    static List<String> forms(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return List.of(value, Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                URLEncoder.encode(value, StandardCharsets.UTF_8),
                // a fragment long enough to be the secret's
                value.substring(2, value.length() - 2));
    }

    private static String allText(Path root) throws IOException {
        if (Files.isRegularFile(root)) return Files.readString(root, StandardCharsets.ISO_8859_1);
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(f).append('\n').append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}
