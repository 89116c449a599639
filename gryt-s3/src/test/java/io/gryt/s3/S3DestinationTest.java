package io.gryt.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.event.DestinationTested;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.PromotionRecovered;
import io.gryt.api.event.RunFinished;
import io.gryt.api.event.RunStarted;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.SampleGenerations;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.gryt.api.Step.step;
import static io.gryt.s3.S3BucketTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code s3} destination delivering the events of real runs and a real promotion (temp git repository, SQLite
 * store) to a real S3-compatible server (s3proxy, filesystem backend), every object read back and checked.
 */
class S3DestinationTest {
    static final String BUCKET = "evidence";
    static final String PIPELINE = """
            name: release-pipeline
            steps:
              - name: prove
                run: "echo \\"proving $GRYT_CHANGES\\" && mkdir -p dist && echo app-$GRYT_RUN_ID > dist/app.bin"
                artifacts: ["dist/app.bin"]
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    static S3Server server;

    /** One promoted project shared by the evidence bundle's tests: an evolution and a promotion take seconds. */
    @TempDir
    static Path promotedDir;
    static final List<GrytEvent> promotedEvents = new CopyOnWriteArrayList<>();
    static Gryt promoted;
    static Evolution rc1;
    static Promotion promotion;

    @TempDir
    Path dir;
    final List<GrytEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.shared();
        server.bucket(BUCKET);
    }

    @AfterAll
    static void closePromoted() {
        if (promoted != null) promoted.close();
    }

    /** The shared project, its v2.2.0 proven by v2.2.0-rc.1 and promoted. */
    static synchronized Gryt promoted() {
        if (promoted == null) {
            project(promotedDir);
            promoted = open(promotedDir, promotedEvents);
            rc1 = promoted.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            promotion = promoted.promote("v2.2.0");
            assertThat(promotion.status()).as(promotion.toString()).isEqualTo(PromotionStatus.COMPLETED);
        }
        return promoted;
    }

    @Test
    void theProviderIsFoundByItsType() {
        assertThat(ServiceLoader.load(DestinationProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("s3")).toList()).singleElement().isInstanceOf(S3DestinationProvider.class);
    }

    @Test
    void aFinishedRunsLogsAndArtifactsAreUploadedAndListedWithTheirDigests() throws Exception {
        project();
        try (Gryt gryt = open(); Destination s3 = destination(gryt, "runs")) {
            RunResult result = gryt.run(gryt.pipeline("release-pipeline"));
            RunFinished finished = event(RunFinished.class);
            String id = UUID.randomUUID().toString();

            s3.deliver(delivery(id, finished));

            String folder = "ci/runs/runs/" + result.runId();
            assertThat(server.keys(BUCKET, folder + "/")).containsExactly(
                    folder + "/artifacts/dist/app.bin", folder + "/logs/prove.log", folder + "/manifest.json");
            StepRun prove = gryt.steps(result.runId()).get(0);
            assertThat(server.read(BUCKET, folder + "/logs/prove.log"))
                    .isEqualTo(Files.readAllBytes(dir.resolve(prove.logPath())));
            DataRow artifact = gryt.dataRows(result.runId()).stream()
                    .filter(r -> r.kind() == DataRow.Kind.ARTIFACT).findFirst().orElseThrow();
            assertThat(sha256(server.read(BUCKET, folder + "/artifacts/dist/app.bin"))).isEqualTo(artifact.sha256());

            JsonNode manifest = JSON.readTree(server.read(BUCKET, folder + "/manifest.json"));
            assertThat(manifest.path("event_id").asText()).isEqualTo(id);
            assertThat(manifest.path("run_id").asText()).isEqualTo(result.runId());
            assertThat(manifest.path("status").asText()).isEqualTo("pass");
            assertThat(manifest.has("generation")).isFalse();
            assertThat(manifest.path("missing")).isEmpty();
            assertListsEveryObjectWithItsDigest(manifest, folder);
        }
    }

    @Test
    void anArtifactRebuiltSinceTheRunIsListedAsMissingNotUploaded() throws Exception {
        project();
        try (Gryt gryt = open(); Destination s3 = destination(gryt, "rebuilt")) {
            RunResult result = gryt.run(gryt.pipeline("release-pipeline"));
            Files.writeString(dir.resolve("dist/app.bin"), "another build\n");

            s3.deliver(delivery(UUID.randomUUID().toString(), event(RunFinished.class)));

            String folder = "ci/rebuilt/runs/" + result.runId();
            assertThat(server.keys(BUCKET, folder + "/")).containsExactly(folder + "/logs/prove.log", folder + "/manifest.json");
            JsonNode missing = JSON.readTree(server.read(BUCKET, folder + "/manifest.json")).path("missing");
            assertThat(missing).hasSize(1);
            assertThat(missing.get(0).path("name").asText()).isEqualTo("dist/app.bin");
            assertThat(missing.get(0).path("reason").asText()).contains("changed since it was recorded");
        }
    }

    @Test
    void thePromotionsEvidenceBundleHoldsTheContractEvolutionsGateReportDigestsAndAuditTrail() throws Exception {
        Gryt gryt = promoted();
        try (Destination s3 = destination(gryt, "payments")) {
            String id = UUID.randomUUID().toString();

            s3.deliver(delivery(UUID.randomUUID().toString(), event(promotedEvents, RunFinished.class)));
            s3.deliver(delivery(id, event(promotedEvents, PromotionCompleted.class)));

            String run = "ci/payments/v2.2.0/evolutions/v2.2.0-rc.1";
            assertThat(server.keys(BUCKET, run + "/")).containsExactly(
                    run + "/artifacts/dist/app.bin", run + "/logs/prove.log", run + "/manifest.json");
            JsonNode runManifest = JSON.readTree(server.read(BUCKET, run + "/manifest.json"));
            assertThat(runManifest.path("evolution").asText()).isEqualTo(rc1.tag());
            assertThat(runManifest.path("commit").asText()).isEqualTo(rc1.commit());

            String evidence = "ci/payments/v2.2.0/evidence";
            assertThat(server.keys(BUCKET, evidence + "/")).containsExactly(
                    evidence + "/artifacts.json", evidence + "/artifacts/dist/app.bin", evidence + "/audit.json",
                    evidence + "/evolutions.json", evidence + "/gate-report.json", evidence + "/generation.yaml",
                    evidence + "/manifest.json");
            // the contract, byte for byte
            assertThat(server.read(BUCKET, evidence + "/generation.yaml"))
                    .isEqualTo(Files.readAllBytes(promotedDir.resolve(".gryt/generations/v2.2.0.yaml")));
            // the gate report as recorded
            ReleaseStore.StoredPromotion stored = gryt.store().releases().promotions("v2.2.0").get(0);
            assertThat(new String(server.read(BUCKET, evidence + "/gate-report.json"), StandardCharsets.UTF_8))
                    .isEqualTo(stored.reportJson());
            assertThat(JSON.readTree(stored.reportJson()).path("gates")).isNotEmpty();
            // the released artifacts' digests, and the artifact itself
            JsonNode digests = JSON.readTree(server.read(BUCKET, evidence + "/artifacts.json"));
            assertThat(digests.path("tag").asText()).isEqualTo("v2.2.0");
            assertThat(digests.path("artifacts")).hasSize(1);
            assertThat(digests.path("artifacts").get(0).path("path").asText()).isEqualTo("dist/app.bin");
            assertThat(digests.path("artifacts").get(0).path("sha256").asText())
                    .isEqualTo(promotion.artifacts().get(0).sha256())
                    .isEqualTo(sha256(server.read(BUCKET, evidence + "/artifacts/dist/app.bin")));
            // the evolutions and what each proved
            JsonNode evolutions = JSON.readTree(server.read(BUCKET, evidence + "/evolutions.json"));
            assertThat(evolutions.path("evolutions")).hasSize(1);
            assertThat(evolutions.path("evolutions").get(0).path("tag").asText()).isEqualTo("v2.2.0-rc.1");
            assertThat(evolutions.path("evolutions").get(0).path("status").asText()).isEqualTo("pass");
            assertThat(evolutions.path("evolutions").get(0).path("commit").asText()).isEqualTo(rc1.commit());
            assertThat(evolutions.path("changes").findValuesAsText("id")).containsExactly("PAY-001", "PAY-002", "PAY-003");
            assertThat(evolutions.path("changes").findValuesAsText("latest_pass")).containsOnly("v2.2.0-rc.1");
            // the audit trail's entries about the generation, hashes as recorded
            List<AuditEntry> entries = new ArrayList<>();
            gryt.store().audit().entriesAbout("v2.2.0", entries::add);
            JsonNode audit = JSON.readTree(server.read(BUCKET, evidence + "/audit.json")).path("entries");
            assertThat(entries).isNotEmpty();
            assertThat(audit.findValuesAsText("hash")).containsExactlyElementsOf(entries.stream().map(AuditEntry::hash).toList());
            assertThat(audit.findValuesAsText("payload")).containsExactlyElementsOf(entries.stream().map(AuditEntry::payload).toList());
            // the manifest lists every object of the bundle with the digest of what the server holds
            JsonNode manifest = JSON.readTree(server.read(BUCKET, evidence + "/manifest.json"));
            assertThat(manifest.path("event_id").asText()).isEqualTo(id);
            assertThat(manifest.path("commit").asText()).isEqualTo(promotion.commit());
            assertThat(manifest.path("contract_sha256").asText())
                    .isEqualTo(gryt.storedGeneration("v2.2.0").orElseThrow().contractHash()).isNotBlank();
            assertThat(manifest.path("missing")).isEmpty();
            assertListsEveryObjectWithItsDigest(manifest, evidence);
        }
    }

    @Test
    void deliveringAnEventAgainWritesTheSameObjectsWithTheSameContent() throws Exception {
        try (Destination s3 = destination(promoted(), "again")) {
            Delivery first = delivery(UUID.randomUUID().toString(), event(promotedEvents, PromotionCompleted.class));
            s3.deliver(first);
            Map<String, String> before = contents("ci/again/");

            s3.deliver(new Delivery(first.id(), first.destination(), first.event(), first.json(), 2, first.recordedAt()));

            assertThat(contents("ci/again/")).isEqualTo(before).hasSize(7);
        }
    }

    @Test
    void aPromotionThatRecoveryCompletedGetsItsBundleAndOneRolledBackNone() throws Exception {
        Gryt gryt = promoted();
        try (Destination completed = destination(gryt, "recovered"); Destination rolledBack = destination(gryt, "rolledback")) {
            String id = UUID.randomUUID().toString();

            completed.deliver(delivery(id, new PromotionRecovered("v2.2.0", "v2.2.0", PromotionStatus.COMPLETED, Instant.now())));
            rolledBack.deliver(delivery(UUID.randomUUID().toString(),
                    new PromotionRecovered("v2.2.0", "v2.2.0", PromotionStatus.ROLLED_BACK, Instant.now())));

            String evidence = "ci/recovered/v2.2.0/evidence";
            JsonNode manifest = JSON.readTree(server.read(BUCKET, evidence + "/manifest.json"));
            assertThat(manifest.path("event").asText()).isEqualTo("promotion.recovered");
            assertThat(manifest.path("event_id").asText()).isEqualTo(id);
            assertThat(manifest.path("commit").asText()).isEqualTo(promotion.commit());
            assertThat(server.keys(BUCKET, evidence + "/")).hasSize(7);
            assertListsEveryObjectWithItsDigest(manifest, evidence);
            assertThat(server.keys(BUCKET, "ci/rolledback/")).isEmpty();
        }
    }

    @Test
    void aTestEventWritesOneObjectAndOtherEventsNone() throws Exception {
        project();
        try (Gryt gryt = open(); Destination s3 = destination(gryt, "probe")) {
            String id = UUID.randomUUID().toString();
            String json = "{\"destination\":\"archive\"}";
            s3.deliver(new Delivery(id, "archive", new DestinationTested("archive", Instant.now()), json, 1, Instant.now()));
            s3.deliver(new Delivery(UUID.randomUUID().toString(), "archive",
                    new RunStarted("r1", "ci", Instant.now()), "{}", 1, Instant.now()));

            assertThat(server.keys(BUCKET, "ci/probe/")).containsExactly("ci/probe/tests/" + id + ".json");
            assertThat(new String(server.read(BUCKET, "ci/probe/tests/" + id + ".json"), StandardCharsets.UTF_8)).isEqualTo(json);
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheDestinationAndTheSetting() {
        project();
        try (Gryt gryt = open()) {
            assertThatThrownBy(() -> create(gryt, without(settings("x"), "bucket"), env()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(".gryt/config.yaml:7: destination 'archive' (s3): setting 'bucket' is required");
            assertThatThrownBy(() -> create(gryt, with(settings("x"), "endpoint", "127.0.0.1:9000"), env()))
                    .hasMessageContaining("setting 'endpoint' must be an http:// or https:// URL, was '127.0.0.1:9000'");
            assertThatThrownBy(() -> create(gryt, with(settings("x"), "path_style", "yes"), env()))
                    .hasMessageContaining("setting 'path_style' must be true or false, was 'yes'");
            assertThatThrownBy(() -> create(gryt, with(settings("x"), "secret_access_key", "inline"), env()))
                    .hasMessageContaining("unknown setting 'secret_access_key' (known: access_key_id_env, bucket,");
            assertThatThrownBy(() -> create(gryt, without(settings("x"), "secret_access_key_env"), env()))
                    .hasMessageContaining("setting 'secret_access_key_env' is required");
        }
    }

    @Test
    void aMissingCredentialFailsTheDeliveryNamingTheVariableNeverAValue() throws Exception {
        project();
        try (Gryt gryt = open()) {
            Map<String, String> env = new HashMap<>(env());
            env.remove("GRYT_TEST_S3_SECRET");
            Destination s3 = create(gryt, settings("nokey"), env);   // created: the environment is read when delivering
            gryt.run(gryt.pipeline("release-pipeline"));

            assertThatThrownBy(() -> s3.deliver(delivery(UUID.randomUUID().toString(), event(RunFinished.class))))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("setting 'secret_access_key_env' names environment variable GRYT_TEST_S3_SECRET, which is not set")
                    .hasMessageNotContaining(S3Server.ACCESS_KEY);
            assertThat(server.keys(BUCKET, "ci/nokey/")).isEmpty();
        }
    }

    @Test
    void aWrongSecretFailsTheDeliveryWithoutPrintingIt() throws Exception {
        project();
        try (Gryt gryt = open()) {
            Map<String, String> env = new HashMap<>(env());
            env.put("GRYT_TEST_S3_SECRET", "wrong-secret-value-1234");
            Destination s3 = create(gryt, settings("denied"), env);
            gryt.run(gryt.pipeline("release-pipeline"));

            assertThatThrownBy(() -> s3.deliver(delivery(UUID.randomUUID().toString(), event(RunFinished.class))))
                    .isInstanceOf(S3UploadException.class)
                    .hasMessageContaining("cannot upload s3://evidence/ci/denied/runs/")
                    .hasMessageNotContaining("wrong-secret-value-1234")
                    .hasMessageNotContaining(S3Server.ACCESS_KEY);
            assertThat(server.keys(BUCKET, "ci/denied/")).isEmpty();
        }
    }

    /** Every object in {@code folder} but the manifest is listed in it, with the SHA-256 of what the server holds. */
    private static void assertListsEveryObjectWithItsDigest(JsonNode manifest, String folder) throws Exception {
        Map<String, String> listed = new LinkedHashMap<>();
        for (JsonNode o : manifest.path("objects")) listed.put(o.path("key").asText(), o.path("sha256").asText());
        List<String> stored = new ArrayList<>(server.keys(BUCKET, folder + "/"));
        stored.remove(folder + "/manifest.json");
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(stored);
        for (Map.Entry<String, String> e : listed.entrySet()) {
            byte[] content = server.read(BUCKET, e.getKey());
            assertThat(sha256(content)).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(server.head(BUCKET, e.getKey()).metadata()).containsEntry("sha256", e.getValue());
        }
    }

    private Map<String, String> contents(String prefix) throws Exception {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String key : server.keys(BUCKET, prefix)) contents.put(key, sha256(server.read(BUCKET, key)));
        return contents;
    }

    private void project() {
        project(dir);
    }

    private static void project(Path dir) {
        TempGitRepo git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", PIPELINE);
        git.write(".gryt/generations/v2.2.0.yaml", SampleGenerations.SEED_V2_2_0);
        git.write(".gitignore", "dist/\n");
        git.commit("gryt project with the v2.2.0 contract");
    }

    private Gryt open() {
        return open(dir, events);
    }

    private static Gryt open(Path dir, List<GrytEvent> events) {
        return Gryt.builder().projectDir(dir).eventListener(events::add).build();
    }

    private <E extends GrytEvent> E event(Class<E> type) {
        return event(events, type);
    }

    private static <E extends GrytEvent> E event(List<GrytEvent> events, Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
    }

    private static Delivery delivery(String id, GrytEvent event) {
        return new Delivery(id, "archive", event, "{}", 1, Instant.now());
    }

    private static Destination destination(Gryt gryt, String project) {
        return create(gryt, settings(project), env());
    }

    private static Destination create(Gryt gryt, Map<String, String> settings, Map<String, String> env) {
        return new S3DestinationProvider().create(new DestinationSettings("archive", "s3",
                Set.of("run.finished", "promotion.completed"), settings, env, gryt.projectDir(), gryt.store(),
                ".gryt/config.yaml:7"));
    }

    private static Map<String, String> settings(String project) {
        Map<String, String> s = new HashMap<>();
        s.put("bucket", BUCKET);
        s.put("endpoint", server.endpoint().toString());
        s.put("prefix", "ci");
        s.put("project", project);
        s.put("access_key_id_env", "GRYT_TEST_S3_KEY");
        s.put("secret_access_key_env", "GRYT_TEST_S3_SECRET");
        return s;
    }

    private static Map<String, String> env() {
        return Map.of("GRYT_TEST_S3_KEY", S3Server.ACCESS_KEY, "GRYT_TEST_S3_SECRET", S3Server.SECRET_KEY);
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        settings.put(key, value);
        return settings;
    }

    private static Map<String, String> without(Map<String, String> settings, String key) {
        settings.remove(key);
        return settings;
    }
}
