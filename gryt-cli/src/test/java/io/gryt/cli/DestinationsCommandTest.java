package io.gryt.cli;

import io.gryt.testing.HttpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt destinations status|flush|test}: what waits and why, flushing it once the destination is back. */
class DestinationsCommandTest {
    @TempDir
    Path dir;

    @Test
    void eventsWaitWhileTheDestinationIsDownAndFlushSendsThemOnceItIsBack() throws Exception {
        CliRun.initProject(dir);
        int port = HttpReceiver.freePort();
        Files.writeString(dir.resolve(".gryt/pipelines/quick.yaml"), """
                name: quick
                steps:
                  - name: hello
                    run: ["true"]
                """);
        Files.writeString(dir.resolve(".gryt/config.yaml"), """
                destinations:
                  - name: slack-down
                    type: slack
                    events: [run.finished]
                    settings:
                      webhook_url_env: GRYT_TEST_UNSET_SLACK_URL
                  - name: hook
                    type: webhook
                    events: [run.finished]
                    settings:
                      url: http://127.0.0.1:%d/hook
                      secret_env: PATH
                """.formatted(port));

        CliRun run = CliRun.in(dir, "run", "quick");
        assertThat(run.exitCode()).as(run.all()).isZero();

        CliRun status = CliRun.in(dir, "destinations", "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("slack-down", "hook", "webhook (.gryt/config.yaml:7)", "run.finished",
                "GRYT_TEST_UNSET_SLACK_URL, which is not set", "POST http://127.0.0.1:" + port + "/hook");
        assertThat(status.out()).doesNotContain(System.getenv("PATH"));

        assertThat(CliRun.in(dir, "destinations", "flush").exitCode()).isEqualTo(1);
        try (HttpReceiver hook = HttpReceiver.startOn(port)) {
            CliRun flush = CliRun.in(dir, "destinations", "flush");
            assertThat(flush.out()).contains("sent    hook  run.finished", "failed  slack-down  run.finished",
                    "1 sent, 1 failed");
            assertThat(hook.requests()).hasSize(1);
            CliRun again = CliRun.in(dir, "destinations", "flush");
            assertThat(again.out()).contains("0 sent, 1 failed");
            assertThat(hook.requests()).hasSize(1);
            assertThat(CliRun.in(dir, "destinations", "test", "hook").exitCode()).isZero();
            assertThat(hook.requests()).hasSize(2);
        }
        CliRun unknown = CliRun.in(dir, "destinations", "test", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no destination 'nope' (destinations: slack-down, hook)");
    }
}
