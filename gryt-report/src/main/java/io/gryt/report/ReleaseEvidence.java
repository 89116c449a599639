package io.gryt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gryt.api.GrytException;
import io.gryt.api.read.ArtifactRecord;
import io.gryt.api.read.EvolutionTally;
import io.gryt.api.read.PromotionRecord;
import io.gryt.api.read.StepTally;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.Versioning;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.release.Generations;
import io.gryt.core.format.TagMessages;
import io.gryt.report.ExportSink.GenerationRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The facts about one generation that compliance evidence points to, each read from the store, the
 * repository or the contract file: its promotions (with their gate results and artifacts), its release tag, its
 * contract file, its evolutions and their step results, and the data rows of the released artifacts.
 *
 * @param generation the stored generation
 * @param changes    how many changes its contract declares
 * @param promotions its promotion attempts, oldest first
 * @param tag        its release tag, or {@code null} when there is none (or no repository)
 * @param file       its contract file, or {@code null} when none is recorded
 * @param evolutions how many of its evolutions ended in each status, with the RC range
 * @param steps      how many step results its evolutions' runs recorded, by status
 * @param artifacts  the data rows of the completed promotion's artifacts
 */
record ReleaseEvidence(GenerationRow generation, long changes, List<PromotionFact> promotions, TagFact tag, FileFact file,
                       EvolutionFacts evolutions, StepFacts steps, List<ArtifactRow> artifacts) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The completed promotion, if the generation was released. */
    Optional<PromotionFact> release() {
        return promotions.stream().filter(p -> "completed".equals(p.status())).findFirst();
    }

    String version() {
        return generation.version();
    }

    /** A promotion row and its gate report. */
    record PromotionFact(long id, String status, String commit, String at, List<String> passedGates,
                         List<String> failedGates, List<ReleasedArtifact> artifacts, String contractHash) {
        int gates() {
            return passedGates.size() + failedGates.size();
        }
    }

    /** An artifact named in a promotion's report. */
    record ReleasedArtifact(String path, String sha256) {
    }

    /** The release tag as the repository has it. */
    record TagFact(String name, String commit, boolean annotated, boolean namesContractHash, String auditHead) {
    }

    /** The contract file as it is on disk now. */
    record FileFact(String path, boolean exists, String sha256, String contractHash) {
    }

    /** Evolutions by final status, and the first and last RC numbers. */
    record EvolutionFacts(Map<String, Long> byStatus, long firstRc, long lastRc) {
        long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        long count(String status) {
            return byStatus.getOrDefault(status, 0L);
        }

        String summary() {
            return byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
        }
    }

    /** Step results of the generation's runs, by status. */
    record StepFacts(Map<String, Long> byStatus, long runs) {
        long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        String summary() {
            return byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
        }
    }

    /** A recorded artifact row: a released file's digest, recorded by the evolution that built it. */
    record ArtifactRow(long id, String evolution, String path, String sha256) {
    }

    /** Gathers the evidence of {@code g}. */
    static ReleaseEvidence read(Store store, ProjectLayout layout, Optional<Versioning> vcs, GenerationRow g) {
        List<PromotionFact> promotions = promotions(store, g.version());
        Optional<PromotionFact> release = promotions.stream().filter(p -> "completed".equals(p.status())).findFirst();
        long changes = store.releases().generation(g.version()).map(s -> s.changes().size()).orElse(0);
        return new ReleaseEvidence(g, changes, promotions, vcs.flatMap(v -> tag(v, g)).orElse(null), file(layout, g),
                evolutions(store, g.version()), steps(store, g.version()),
                release.map(r -> artifacts(store, g.version(), r)).orElse(List.of()));
    }

    private static List<PromotionFact> promotions(Store store, String version) {
        List<PromotionFact> facts = new ArrayList<>();
        for (PromotionRecord r : store.reads().promotionRecords(version)) {
            JsonNode report = parse(r.report());
            List<String> passed = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (JsonNode gate : report.path("gates")) {
                (gate.path("passed").asBoolean(false) ? passed : failed).add(gate.path("gate").asText());
            }
            List<ReleasedArtifact> artifacts = new ArrayList<>();
            for (JsonNode a : report.path("artifacts")) {
                artifacts.add(new ReleasedArtifact(a.path("path").asText(), a.path("sha256").asText()));
            }
            Instant at = r.finishedAt() != null ? r.finishedAt() : r.startedAt();
            facts.add(new PromotionFact(r.id(), r.status(), r.commit(), ExportReader.iso(at),
                    passed, failed, artifacts, report.hasNonNull("contract_sha256")
                    ? report.get("contract_sha256").asText() : null));
        }
        return facts;
    }

    private static Optional<TagFact> tag(Versioning vcs, GenerationRow g) {
        Optional<Versioning.Tag> tag;
        try {
            tag = vcs.tag(g.version());
        } catch (GrytException e) {
            return Optional.empty();
        }
        return tag.map(t -> {
            String message = t.message() == null ? "" : t.message();
            String auditHead = message.lines().filter(l -> l.startsWith(TagMessages.AUDIT_HEAD))
                    .map(l -> l.substring(TagMessages.AUDIT_HEAD.length()).strip()).findFirst().orElse(null);
            boolean namesHash = g.contractHash() != null && message.contains("contract-sha256: " + g.contractHash());
            return new TagFact(t.name(), t.commit(), t.annotated(), namesHash, auditHead);
        });
    }

    private static FileFact file(ProjectLayout layout, GenerationRow g) {
        if (g.file() == null) return null;
        Path file = layout.root().resolve(g.file());
        if (!Files.isRegularFile(file)) return new FileFact(g.file(), false, null, null);
        String sha;
        try {
            sha = sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return new FileFact(g.file(), false, null, null);
        }
        String contract;
        try {
            contract = Generations.contractHashOf(file);
        } catch (GrytException e) {
            contract = null; // it no longer reads as a contract: the report says the hash does not match
        }
        return new FileFact(g.file(), true, sha, contract);
    }

    private static EvolutionFacts evolutions(Store store, String version) {
        EvolutionTally tally = store.reads().evolutionTally(Optional.of(version));
        return new EvolutionFacts(new TreeMap<>(tally.byStatus()), tally.firstRc(), tally.lastRc());
    }

    private static StepFacts steps(Store store, String version) {
        StepTally tally = store.reads().stepTally(version);
        return new StepFacts(new TreeMap<>(tally.byStatus()), tally.runs());
    }

    private static List<ArtifactRow> artifacts(Store store, String version, PromotionFact release) {
        if (release.artifacts().isEmpty()) return List.of();
        List<String> digests = release.artifacts().stream().map(ReleasedArtifact::sha256).distinct().toList();
        List<ArtifactRow> rows = new ArrayList<>();
        for (ArtifactRecord a : store.reads().passingArtifacts(version, digests)) {
            ArtifactRow row = new ArtifactRow(a.id(), a.evolution(), a.path(), a.sha256());
            if (release.artifacts().contains(new ReleasedArtifact(row.path(), row.sha256()))) rows.add(row);
        }
        return rows;
    }

    private static JsonNode parse(String json) {
        if (json == null) return JSON.createObjectNode();
        try {
            JsonNode n = JSON.readTree(json);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
