package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.spi.DataRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Dsl.secret;
import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskingTest {
    private static final String TOKEN = "tok-5up3r-s3cr3t";
    private static final String TOKEN_PREFIX = "tok-5up3r";

    @TempDir
    Path dir;

    @Test
    void secretValuesAreMaskedEverywhereTheyAreWritten() throws IOException {
        Runs runs = new Runs(dir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TOKEN", TOKEN);
        env.put("SHORT", TOKEN_PREFIX);
        List<String> heard = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void stepOutput(String runId, String step, String line) {
                heard.add(line);
            }
        };
        Pipeline pipeline = Pipeline.of(
                step("print").sh("echo \"token is $TOKEN\"; echo \"key is $KEY\""),
                step("leak").action(ctx -> {
                    ctx.log("log " + ctx.env().get("TOKEN"));
                    ctx.metric("size-" + ctx.env().get("KEY"), 1);
                    throw new IllegalStateException("refused " + ctx.env().get("TOKEN"));
                }).env("KEY", "k3y-value").secrets(secret("KEY")).continueOnError(true))
                .secrets(secret("TOKEN"), secret("SHORT"));

        RunResult run = Runs.await(runs.engine.start(runs.request(pipeline).withBaseEnv(env).withListeners(listener)));

        StepResult print = run.step("print").orElseThrow();
        StepResult leak = run.step("leak").orElseThrow();
        assertThat(print.outputTail()).containsExactly("token is ***", "key is ");
        assertThat(Files.readString(print.logPath())).isEqualTo("token is ***\nkey is \n");
        assertThat(Files.readString(leak.logPath())).startsWith("log ***\n").doesNotContain(TOKEN_PREFIX);
        assertThat(leak.error()).isEqualTo("refused ***");
        assertThat(leak.metrics()).containsOnlyKeys("size-***");
        assertThat(heard).contains("token is ***", "log ***").noneMatch(l -> l.contains(TOKEN_PREFIX));
        String stored = runs.store.steps(run.runId()) + " " + runs.store.dataRows(run.runId());
        assertThat(stored).contains("refused ***").doesNotContain(TOKEN_PREFIX).doesNotContain("k3y-value");
        assertThat(runs.store.dataRows(run.runId())).extracting(DataRow::name).contains("size-***");
    }

    @Test
    void aSecretSplitWhereAVeryLongLineIsCutIsMasked() throws IOException {
        Runs runs = new Runs(dir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TOKEN", TOKEN);
        int before = OutputPump.MAX_LINE_BYTES - TOKEN.length() / 2;
        Pipeline pipeline = Pipeline.of(step("flood")
                .sh("head -c " + before + " /dev/zero | tr '\\0' x; echo \"$TOKEN\"")).secrets(secret("TOKEN"));

        RunResult run = Runs.await(runs.engine.start(runs.request(pipeline).withBaseEnv(env)));

        List<String> lines = Files.readAllLines(run.step("flood").orElseThrow().logPath());
        String joined = String.join("", lines);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(joined.contains(TOKEN.substring(0, 4)) || joined.contains(TOKEN.substring(TOKEN.length() - 4)))
                .as("no part of the token in the log").isFalse();
        assertThat(joined.endsWith("x***")).isTrue();
        assertThat(joined.length()).isEqualTo(before + 3);
    }

    @Test
    void eachLineOfAMultiLineSecretIsMaskedInTheLog() throws IOException {
        Runs runs = new Runs(dir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KEY", "-----BEGIN-----\nline-one-s3cr3t\nline-two-s3cr3t\n-----END-----\n");
        Pipeline pipeline = Pipeline.of(step("print").sh("printf '%s' \"$KEY\"")).secrets(secret("KEY"));

        RunResult run = Runs.await(runs.engine.start(runs.request(pipeline).withBaseEnv(env)));

        assertThat(Files.readString(run.step("print").orElseThrow().logPath())).isEqualTo("***\n***\n***\n***\n");
    }

    @Test
    void aSecretPrintedSplitOverLinesOrAsWrappedBase64IsMaskedInTheLogTheTailTheListenerAndTheStore() throws IOException {
        Runs runs = new Runs(dir);
        String token = "ghp_4f8a9c1e2b7d6a3f0e9d8c7b6a5f4e3d2c1b";
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TOKEN", token);
        List<String> heard = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void stepOutput(String runId, String step, String line) {
                heard.add(line);
            }
        };
        String encoded = java.util.Base64.getEncoder().encodeToString(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Pipeline pipeline = Pipeline.of(
                step("split").sh("printf '%s\\n%s\\n' \"${TOKEN%${TOKEN#??????}}\" \"${TOKEN#??????}\"; echo after"),
                step("wrapped").sh("printf %s \"$TOKEN\" | base64 -w 20; echo after"),
                step("quiet").sh("printf %s \"$TOKEN\" | base64 -w 20").continueOnError(true))
                .secrets(secret("TOKEN"));

        RunResult run = Runs.await(runs.engine.start(runs.request(pipeline).withBaseEnv(env).withListeners(listener)));
        Runs quiet = new Runs(dir.resolve("quiet"));
        RunResult unheard = Runs.await(quiet.engine.start(quiet.request(pipeline).withBaseEnv(env)));

        for (RunResult r : List.of(run, unheard)) {
            for (StepResult step : r.steps()) {
                String log = Files.readString(step.logPath());
                assertThat(log).as(step.name()).startsWith("***\n***").doesNotContain(token.substring(0, 6))
                        .doesNotContain(token.substring(6, 12)).doesNotContain(encoded.substring(20, 40));
                assertThat(String.join("\n", step.outputTail())).isEqualTo(log.strip());
            }
        }
        assertThat(heard).contains("***", "after").noneMatch(l -> l.contains(token.substring(6, 12)))
                .noneMatch(l -> l.contains(encoded.substring(0, 20)) || l.contains(encoded.substring(20, 40)));
        String stored = runs.store.steps(run.runId()) + " " + runs.store.dataRows(run.runId());
        assertThat(stored).doesNotContain(token.substring(6, 12)).doesNotContain(encoded.substring(20, 40));
    }
}
