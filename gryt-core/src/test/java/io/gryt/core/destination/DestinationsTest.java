package io.gryt.core.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.RunStatus;
import io.gryt.api.event.RunFinished;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.OutboxStore.OutboxDelivery;
import io.gryt.core.Gryt;
import io.gryt.testing.HttpReceiver;
import io.gryt.testing.HttpReceiver.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Destinations end to end: a real SQLite store, real HTTP servers on loopback, the outbox in between. */
class DestinationsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGNING_KEY = "s3cr3t-signing-key-0123456789";
    static final Pipeline CI = Pipeline.of(step("build").action(ctx -> { }), step("test").action(ctx -> { })).withName("ci");
    static final Pipeline BROKEN = Pipeline.of(step("build").action(ctx -> {
        throw new IllegalStateException("compilation failed");
    })).withName("broken");

    @TempDir
    Path dir;

    private void configure(String yaml) throws Exception {
        Files.createDirectories(dir.resolve(".gryt"));
        Files.writeString(dir.resolve(".gryt/config.yaml"), yaml);
    }

    private Gryt open(Map<String, String> secrets) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(secrets);
        return Gryt.builder().projectDir(dir).environment(env).build();
    }

    private static boolean posted(Request r) {
        return r.method().equals("POST");
    }

    @Test
    void slackGetsAConciseMessageForEachEventItSubscribesTo() throws Exception {
        try (HttpReceiver slack = HttpReceiver.start()) {
            configure("""
                    destinations:
                      - name: team
                        type: slack
                        events: [run.finished, step.failed]
                        settings:
                          webhook_url_env: TEAM_SLACK_URL
                          report_url: https://ci.example/reports/{subject}
                    """);
            String runId;
            try (Gryt gryt = open(Map.of("TEAM_SLACK_URL", slack.url("/services/T000/B000/XXXX")))) {
                assertThat(gryt.run(CI).status()).isEqualTo(RunStatus.PASS);
                runId = gryt.run(BROKEN).runId();
            }
            List<Request> got = slack.await(3, DestinationsTest::posted, Duration.ofSeconds(10));
            assertThat(got).hasSize(3).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/services/T000/B000/XXXX");
                assertThat(r.header("content-type")).isEqualTo("application/json");
            });
            List<String> texts = got.stream().map(r -> text(r.body())).toList();
            assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("Run ").contains(" of ci: *pass* in "))
                    .anySatisfy(t -> assertThat(t).startsWith("Step build of run " + runId + " *fail*")
                            .contains("compilation failed"))
                    .anySatisfy(t -> assertThat(t).contains(" of broken: *fail* in ")
                            .endsWith("<https://ci.example/reports/" + runId + "|report>"));
        }
    }

    private static String text(String body) {
        try {
            return JSON.readTree(body).get("text").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Test
    void theWebhookSendsSignedCloudEventsAndARetryKeepsTheEventId() throws Exception {
        try (HttpReceiver hook = HttpReceiver.start()) {
            hook.failNext(1, 503); // the first attempt fails: Failsafe retries it at once, with the same id
            configure("""
                    destinations:
                      - name: audit-hook
                        type: webhook
                        events: [run.finished]
                        settings:
                          url: %s
                          secret_env: HOOK_KEY
                          source: urn:gryt:test
                    """.formatted(hook.url("/gryt")));
            String runId;
            try (Gryt gryt = open(Map.of("HOOK_KEY", SIGNING_KEY))) {
                runId = gryt.run(CI).runId();
            }
            List<Request> got = hook.await(2, DestinationsTest::posted, Duration.ofSeconds(10));
            assertThat(got).hasSize(2);
            assertThat(got.get(0).body()).isEqualTo(got.get(1).body());
            Request r = got.get(1);
            assertThat(r.header("content-type")).isEqualTo("application/cloudevents+json");
            assertThat(r.header("x-gryt-signature")).isEqualTo("sha256=" + hmac(SIGNING_KEY, r.body()));
            JsonNode event = JSON.readTree(r.body());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("type").asText()).isEqualTo("io.gryt.run.finished");
            assertThat(event.get("source").asText()).isEqualTo("urn:gryt:test");
            assertThat(event.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(event.get("subject").asText()).isEqualTo(runId);
            assertThat(event.get("data").get("runId").asText()).isEqualTo(runId);
            assertThat(event.get("data").get("status").asText()).isEqualTo("pass");
            assertThat(event.get("data").get("pipeline").asText()).isEqualTo("ci");
            try (Gryt gryt = open(Map.of("HOOK_KEY", SIGNING_KEY))) {
                assertThat(gryt.destinations().waiting()).isEmpty();
                assertThat(gryt.store().outbox().delivery(event.get("id").asText(), "audit-hook"))
                        .hasValueSatisfying(d -> assertThat(d.delivered()).isPresent());
            }
        }
    }

    private static String id(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String hmac(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDestinationThatIsDownNeitherFailsTheRunNorLosesItsEventsAndFlushDeliversEachOnce() throws Exception {
        int port = HttpReceiver.freePort();
        String secretUrl = "http://127.0.0.1:" + port + "/hook/token-5f1d3a";
        configure("""
                destinations:
                  - name: hook
                    type: webhook
                    events: [run.started, run.finished]
                    settings:
                      url_env: HOOK_URL
                      secret_env: HOOK_KEY
                """);
        Map<String, String> secrets = Map.of("HOOK_URL", secretUrl, "HOOK_KEY", SIGNING_KEY);
        try (Gryt gryt = open(secrets)) {
            assertThat(gryt.run(CI).status()).isEqualTo(RunStatus.PASS);
            assertThat(gryt.run(CI).status()).isEqualTo(RunStatus.PASS);
        }
        try (Gryt gryt = open(secrets)) {
            List<OutboxDelivery> waiting = gryt.destinations().waiting();
            assertThat(waiting).hasSize(4).extracting(OutboxDelivery::type)
                    .containsExactly("run.started", "run.finished", "run.started", "run.finished");
            assertThat(waiting).allSatisfy(d -> {
                assertThat(d.attempts()).isGreaterThanOrEqualTo(1);
                assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("***").doesNotContain("token-5f1d3a"));
            });
            try (HttpReceiver hook = HttpReceiver.startOn(port)) {
                List<Destinations.Attempt> flushed = gryt.destinations().flush();
                assertThat(flushed).hasSize(4).allSatisfy(a -> assertThat(a.sent()).isTrue());
                assertThat(gryt.destinations().flush()).isEmpty();
                List<Request> got = hook.requests();
                assertThat(got).hasSize(4);
                assertThat(got.stream().map(r -> id(r.body())).distinct().toList())
                        .containsExactlyElementsOf(waiting.stream().map(OutboxDelivery::eventId).toList());
            }
            assertThat(gryt.destinations().waiting()).isEmpty();
        }
        assertNoFileHolds(dir, "token-5f1d3a", SIGNING_KEY);
    }

    /** No file of the project (database, its write-ahead log, step logs, settings) holds any of {@code secrets}. */
    static void assertNoFileHolds(Path root, String... secrets) throws Exception {
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("gryt.db"));
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) assertThat(bytes).as(f.toString()).doesNotContain(secret);
        }
    }

    @Test
    void eachEventIsWrittenToTheOutboxWithTheStateItDescribes() throws Exception {
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        Destination refusing = new Destination() {
            @Override
            public String name() {
                return "refusing";
            }

            @Override
            public Set<String> events() {
                return Set.of(RunFinished.TYPE);
            }

            @Override
            public void deliver(Delivery delivery) {
                seen.add(delivery);
                throw new IllegalStateException("down for maintenance");
            }
        };
        try (Gryt gryt = Gryt.builder().projectDir(dir).destination(refusing).build()) {
            RunResult run = gryt.run(CI);
            // written with the run's end: the outbox has it as soon as the run is recorded
            assertThat(gryt.store().outbox().waiting()).singleElement().satisfies(d -> {
                assertThat(d.type()).isEqualTo("run.finished");
                assertThat(d.json()).contains("\"runId\":\"" + run.runId() + "\"");
            });
        }
        assertThat(seen).isNotEmpty().allSatisfy(d -> {
            assertThat(d.event()).isInstanceOf(RunFinished.class);
            assertThat(d.id()).isEqualTo(seen.get(0).id());
        });
        assertThat(seen).extracting(Delivery::attempt).containsOnly(1);
        try (Gryt gryt = Gryt.builder().projectDir(dir).destination(refusing).build()) {
            gryt.destinations().flush();
            assertThat(seen).extracting(Delivery::attempt).contains(2);
            assertThat(gryt.destinations().waiting()).singleElement()
                    .satisfies(d -> assertThat(d.error()).contains("down for maintenance"));
        }
    }

    @Test
    void testSendsATestEventAndAMissingSecretFailsTheDeliveryNotTheCommand() throws Exception {
        try (HttpReceiver slack = HttpReceiver.start()) {
            configure("""
                    destinations:
                      - name: team
                        type: slack
                        settings:
                          webhook_url_env: TEAM_SLACK_URL
                    """);
            try (Gryt gryt = open(Map.of("TEAM_SLACK_URL", slack.url("/x")))) {
                assertThat(gryt.destinations().test("team").sent()).isTrue();
                assertThatThrownBy(() -> gryt.destinations().test("nope")).isInstanceOf(BadInputException.class)
                        .hasMessage("no destination 'nope' (destinations: team)");
            }
            assertThat(text(slack.requests().get(0).body())).isEqualTo("gryt test event for destination team");
            try (Gryt gryt = open(Map.of())) { // TEAM_SLACK_URL is not set
                assertThat(gryt.run(CI).status()).isEqualTo(RunStatus.PASS);
                Destinations.Attempt a = gryt.destinations().test("team");
                assertThat(a.sent()).isFalse();
                assertThat(a.error()).endsWith("destination 'team' (slack): setting 'webhook_url_env' names environment"
                        + " variable TEAM_SLACK_URL, which is not set");
            }
        }
    }

    @Test
    void aMistakeInTheDestinationsIsOneLineNamingFileAndLine() throws Exception {
        configure("""
                run:
                  runners: 2
                destinations:
                  - name: team
                    type: slak
                """);
        assertThatThrownBy(() -> Gryt.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(".gryt/config.yaml:4: destination 'team': unknown type 'slak' (types: prometheus, slack, webhook)");
        configure("""
                destinations:
                  - name: team
                    kind: slack
                """);
        assertThatThrownBy(() -> Gryt.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".gryt/config.yaml:3:").hasMessageContaining("destinations[0].kind: unknown field");
    }
}
