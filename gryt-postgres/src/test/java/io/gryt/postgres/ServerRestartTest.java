package io.gryt.postgres;

import io.gryt.api.RunStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.testing.PostgresCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A server restart in the middle of a run: writes wait for the server and go on; nothing acknowledged is lost. */
class ServerRestartTest {
    @Test
    void writesSurviveARestartOfTheServerAndNoAcknowledgedWriteIsLost() throws Exception {
        PostgresCluster pg = PostgresCluster.shared();
        String url = pg.newDatabase("restart");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<StoreException> reported = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (Store store = PostgresStore.open(url, PostgresOptions.forCommand().withPatience(Duration.ofMinutes(2)),
                () -> "tester", Map.of())) {
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get() && i < 10_000; i++) {
                    String id = "run-" + i;
                    try {
                        store.runs().runStarted(new PipelineRun(id, "p", RunStatus.RUNNING, Instant.now(), null,
                                new ProcessOwner(1, "h", null), "/w"));
                        acknowledged.add(id);
                    } catch (StoreException e) {
                        reported.add(e);
                    }
                }
            }, "writer");
            writer.start();
            awaitCount(acknowledged, 10);
            pg.restart();
            int atRestart = acknowledged.size();
            awaitCount(acknowledged, atRestart + 10);
            stop.set(true);
            writer.join(Duration.ofMinutes(2).toMillis());

            // writes wait for the server and go on; only one whose commit the restart cut may be reported (in one line)
            assertThat(reported).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("\n")
                    .contains("not known whether"));
            for (String id : acknowledged) assertThat(store.runs().run(id)).as(id).isPresent();
            assertThat(store.audit().verify().problems()).isEmpty();
        }
    }

    private static void awaitCount(List<String> list, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (list.size() < count) {
            assertThat(System.nanoTime()).as("%s writes acknowledged in time", count).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
