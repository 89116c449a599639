package io.gryt.core.destination;

import io.gryt.api.Pipeline;
import io.gryt.api.RunStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.HttpReceiver;
import io.gryt.testing.SampleGenerations;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus destination against a real Pushgateway ({@code prometheus-pushgateway}, Debian's package; .ci/run
 * installs it), started by the test on a free loopback port and scraped as Prometheus would.
 */
class PrometheusDestinationTest {
    static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");
    static final Pipeline PASSING = Pipeline.of(step("prove").action(ctx -> { })).withName("passing");
    static final Pipeline FAILING = Pipeline.of(step("prove").action(ctx -> {
        throw new IllegalStateException("still slow");
    })).withName("failing");

    @TempDir
    Path dir;
    @TempDir
    Path gatewayDir;

    private Process gateway;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startPushgateway() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PUSHGATEWAY), "no Pushgateway at " + PUSHGATEWAY
                + " (apt-get install prometheus-pushgateway): the Prometheus destination is not checked here");
        port = HttpReceiver.freePort();
        gateway = new ProcessBuilder(PUSHGATEWAY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=" + gatewayDir.resolve("pushgateway.data"))
                .redirectErrorStream(true).redirectOutput(gatewayDir.resolve("pushgateway.log").toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (get("/-/ready").statusCode() == 200) return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the Pushgateway did not start: " + Files.readString(gatewayDir.resolve("pushgateway.log")));
    }

    @AfterEach
    void stopPushgateway() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The exposition lines of {@code metric} with all of {@code labels} ({@code name="value"}). */
    private List<String> series(String scraped, String metric, String... labels) {
        return scraped.lines().filter(l -> l.startsWith(metric + "{"))
                .filter(l -> List.of(labels).stream().allMatch(l::contains)).toList();
    }

    @Test
    void runsEvolutionsPromotionsAndGatesArePushedWithTheNamesPrometheusUsersExpect() throws Exception {
        TempGitRepo git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(".gryt/generations/v2.2.0.yaml", SampleGenerations.SEED_V2_2_0);
        git.write(".gryt/config.yaml", """
                destinations:
                  - name: metrics
                    type: prometheus
                    events: [run.finished, evolution.finished, promotion.completed, promotion.blocked]
                    settings:
                      url: http://127.0.0.1:%d
                      job: gryt-ci
                """.formatted(port));
        git.commit("project");
        Pipeline ci = Pipeline.of(step("build").action(ctx -> Thread.sleep(20)), step("test").action(ctx -> { }))
                .withName("ci");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.run(ci).status()).isEqualTo(RunStatus.PASS);
            assertThat(gryt.run(ci).status()).isEqualTo(RunStatus.PASS);
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002").with(PASSING).start();
            gryt.evolve("v2.2.0").proving("PAY-003").with(FAILING).start();
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.BLOCKED);
        }
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.destinations().waiting()).isEmpty();
        }

        String scraped = get("/metrics").body();
        String ciPipeline = "pipeline=\"ci\"";
        String job = "job=\"gryt-ci\"";
        assertThat(series(scraped, "gryt_runs_total", job, ciPipeline, "status=\"pass\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 2"));
        assertThat(series(scraped, "gryt_runs_total", job, ciPipeline, "status=\"fail\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 0"));
        assertThat(series(scraped, "gryt_run_duration_seconds", job, ciPipeline, "status=\"pass\"")).hasSize(1);
        assertThat(series(scraped, "gryt_step_duration_seconds", job, ciPipeline, "step=\"build\"", "status=\"pass\""))
                .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isGreaterThanOrEqualTo(0.02).isLessThan(60));
        assertThat(scraped).contains("# TYPE gryt_runs_total counter", "# TYPE gryt_run_duration_seconds gauge");

        String generation = "generation=\"v2.2.0\"";
        assertThat(series(scraped, "gryt_evolutions_total", job, generation, "status=\"pass\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 1"));
        assertThat(series(scraped, "gryt_evolutions_total", job, generation, "status=\"fail\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 1"));
        assertThat(series(scraped, "gryt_promotions_total", job, generation, "status=\"blocked\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 1"));
        assertThat(series(scraped, "gryt_gate_passed", job, generation, "gate=\"all-changes-proven\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 0"));
        assertThat(series(scraped, "gryt_runs_total", "pipeline=\"passing\"", "status=\"pass\"")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 1"));
    }
}
