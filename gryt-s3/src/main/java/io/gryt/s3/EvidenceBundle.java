package io.gryt.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.event.PromotionCompleted;
import io.gryt.api.event.PromotionRecovered;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.Generation;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.StoreException;
import io.gryt.api.spi.Store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code promotion.completed} (or {@code promotion.recovered}, completed): the release evidence bundle, in the generation's {@link ObjectKeys#evidence}
 * folder: the contract file, its evolutions, the gate report as recorded, the released artifacts' digests (and the
 * artifacts whose files still have them), the audit entries about the generation, and last the manifest listing
 * every object with its SHA-256 (its presence says the bundle is complete).
 */
final class EvidenceBundle {
    private final S3Bucket bucket;
    private final ObjectKeys keys;
    private final Store store;
    private final Path projectDir;

    EvidenceBundle(S3Bucket bucket, ObjectKeys keys, Store store, Path projectDir) {
        this.bucket = bucket;
        this.keys = keys;
        this.store = store;
        this.projectDir = projectDir;
    }

    /** Uploads the bundle of a completed promotion; returns the manifest's key. */
    String upload(String eventId, PromotionCompleted event) {
        return upload(eventId, event.type(), event.generation(), event.tag(), event.at());
    }

    /** Uploads the bundle of a promotion that recovery completed (after a crash between the tag and the record). */
    String upload(String eventId, PromotionRecovered event) {
        return upload(eventId, event.type(), event.generation(), event.tag(), event.at());
    }

    private String upload(String eventId, String eventType, String version, String tag, Instant at) {
        ReleaseStore releases = store.releases();
        Generation generation = releases.generation(version).orElseThrow(() -> new S3UploadException(
                "generation " + version + " is not in the store at " + store.location()));
        ReleaseStore.StoredPromotion promotion = releases.promotions(version).stream()
                .filter(p -> p.status() == PromotionStatus.COMPLETED && p.tag().equals(tag))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new S3UploadException("no completed promotion of " + version + " tagged "
                        + tag + " in the store at " + store.location()));
        Path contract = projectDir.resolve(".gryt").resolve("generations").resolve(version + ".yaml");
        if (!Files.isRegularFile(contract)) {
            throw new S3UploadException("the contract of " + version + " (" + contract + ") is gone: the evidence "
                    + "bundle waits for it");
        }
        String folder = keys.evidence(version);
        Manifest manifest = new Manifest("evidence", eventId, eventType);
        ObjectNode about = manifest.about();
        about.put("project", keys.project());
        about.put("generation", version);
        about.put("tag", tag);
        about.put("commit", promotion.commit());
        about.put("promoted_at", at.toString());
        about.put("contract_sha256", generation.contractHash());

        manifest.uploaded("contract", ".gryt/generations/" + version + ".yaml",
                bucket.upload(folder + "/generation.yaml", contract, "application/yaml"));
        manifest.uploaded("evolutions", "evolutions",
                bucket.upload(folder + "/evolutions.json", Manifest.bytes(evolutions(releases, generation)),
                        "application/json"));
        manifest.uploaded("gate-report", "gate report", bucket.upload(folder + "/gate-report.json",
                promotion.reportJson().getBytes(StandardCharsets.UTF_8), "application/json"));

        JsonNode released = artifacts(promotion.reportJson());
        ObjectNode digests = Manifest.JSON.createObjectNode();
        digests.put("generation", version);
        digests.put("tag", tag);
        digests.put("commit", promotion.commit());
        digests.set("artifacts", released);
        manifest.uploaded("artifacts", "artifact digests",
                bucket.upload(folder + "/artifacts.json", Manifest.bytes(digests), "application/json"));
        ArtifactUpload files = new ArtifactUpload(bucket, projectDir);
        for (JsonNode a : released) files.upload(folder, a.path("path").asText(), a.path("sha256").asText(), manifest);

        List<AuditEntry> entries = audit(version);
        if (entries == null) {
            manifest.missing("audit", "audit trail", "the store at " + store.location() + " keeps no audit trail");
        } else {
            manifest.uploaded("audit", "audit trail",
                    bucket.upload(folder + "/audit.json", Manifest.bytes(auditJson(version, entries)), "application/json"));
        }
        String manifestKey = folder + "/manifest.json";
        bucket.upload(manifestKey, manifest.toBytes(), "application/json");
        return manifestKey;
    }

    private static ObjectNode evolutions(ReleaseStore releases, Generation generation) {
        ObjectNode root = Manifest.JSON.createObjectNode();
        root.put("generation", generation.version());
        ArrayNode evolutions = root.putArray("evolutions");
        for (Evolution e : releases.evolutions(generation.version())) {
            ObjectNode n = evolutions.addObject();
            n.put("tag", e.tag());
            n.put("rc", e.rc());
            e.changes().forEach(n.putArray("changes")::add);
            n.put("status", e.status().name().toLowerCase(Locale.ROOT));
            n.put("commit", e.commit());
            n.put("run_id", e.runId());
            n.put("allow_dirty", e.allowDirty());
            n.put("created_at", e.createdAt() == null ? null : e.createdAt().toString());
            n.put("finished_at", e.finishedAt() == null ? null : e.finishedAt().toString());
        }
        ArrayNode changes = root.putArray("changes");
        for (ChangeEvidence c : releases.evidence(generation.version())) {
            ObjectNode n = changes.addObject();
            n.put("id", c.change().id());
            n.put("type", c.change().type().name().toLowerCase(Locale.ROOT));
            n.put("title", c.change().title());
            n.put("proven", c.proven());
            n.put("latest", tag(c.latest()));
            n.put("latest_pass", tag(c.latestPass()));
        }
        return root;
    }

    private static String tag(EvolutionRef ref) {
        return ref == null ? null : ref.tag();
    }

    /** The report's {@code artifacts} array ({@code path, size, sha256}), or an empty one. */
    private static JsonNode artifacts(String reportJson) {
        try {
            JsonNode artifacts = Manifest.JSON.readTree(reportJson).path("artifacts");
            return artifacts.isArray() ? artifacts : Manifest.JSON.createArrayNode();
        } catch (IOException e) {
            throw new S3UploadException("the stored gate report is not JSON: " + e.getMessage(), e);
        }
    }

    /** The entries about {@code version}, or null when the store keeps no audit trail. */
    private List<AuditEntry> audit(String version) {
        List<AuditEntry> entries = new ArrayList<>();
        try {
            store.audit().entriesAbout(version, entries::add);
        } catch (StoreException e) {
            if (!entries.isEmpty()) throw e;
            return null;
        }
        return entries;
    }

    /**
     * The entries as {@code docs/audit.md} describes them; {@code payload} is kept as the canonical text it was
     * hashed as, so that a reader can check each {@code hash}.
     */
    private static ObjectNode auditJson(String version, List<AuditEntry> entries) {
        ObjectNode root = Manifest.JSON.createObjectNode();
        root.put("generation", version);
        ArrayNode array = root.putArray("entries");
        for (AuditEntry e : entries) {
            ObjectNode n = array.addObject();
            n.put("seq", e.seq());
            n.put("at", e.at().toString());
            n.put("actor", e.actor());
            n.put("event", e.event());
            n.put("payload", e.payload());
            n.put("prev_hash", e.prevHash());
            n.put("hash", e.hash());
        }
        return root;
    }
}
