package io.gryt.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.event.RunFinished;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Generation;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code run.finished}: uploads each step's log and each artifact of the run, then its manifest, to the run's
 * folder ({@link ObjectKeys#run}, or {@link ObjectKeys#evolution} when the run proves an evolution).
 */
final class RunUpload {
    private final S3Bucket bucket;
    private final ObjectKeys keys;
    private final Store store;
    private final Path projectDir;

    RunUpload(S3Bucket bucket, ObjectKeys keys, Store store, Path projectDir) {
        this.bucket = bucket;
        this.keys = keys;
        this.store = store;
        this.projectDir = projectDir;
    }

    /** Uploads the run's files; returns the manifest's key. */
    String upload(String eventId, RunFinished event) {
        String runId = event.runId();
        PipelineRun run = store.runs().run(runId).orElseThrow(() -> new S3UploadException(
                "run " + runId + " is not in the store at " + store.location()));
        Optional<Evolution> evolution = evolutionOf(runId);
        String folder = evolution.map(e -> keys.evolution(e.generation(), e.tag())).orElseGet(() -> keys.run(runId));

        Manifest manifest = new Manifest("run", eventId, event.type());
        ObjectNode about = manifest.about();
        about.put("project", keys.project());
        about.put("run_id", runId);
        about.put("pipeline", event.pipeline());
        about.put("status", event.status().name().toLowerCase(Locale.ROOT));
        about.put("finished_at", event.at().toString());
        evolution.ifPresent(e -> {
            about.put("generation", e.generation());
            about.put("evolution", e.tag());
            about.put("commit", e.commit());
        });

        for (StepRun step : store.runs().steps(runId)) {
            if (step.logPath() == null) continue;
            Path log = projectDir.resolve(step.logPath());
            if (!Files.isRegularFile(log)) {
                manifest.missing("log", step.name(), "the log file " + log + " is gone");
                continue;
            }
            String key = folder + "/logs/" + ObjectKeys.relative(step.name()) + ".log";
            manifest.uploaded("log", step.name(), bucket.upload(key, log, "text/plain; charset=utf-8"));
        }
        Path workDir = run.workDir() == null ? projectDir : projectDir.resolve(run.workDir());
        ArtifactUpload artifacts = new ArtifactUpload(bucket, workDir, projectDir);
        for (DataRow row : store.runs().dataRows(runId)) {
            if (row.kind() == DataRow.Kind.ARTIFACT && row.sha256() != null) {
                artifacts.upload(folder, row.name(), row.sha256(), manifest);
            }
        }
        String manifestKey = folder + "/manifest.json";
        bucket.upload(manifestKey, manifest.toBytes(), "application/json");
        return manifestKey;
    }

    /** The evolution run {@code runId} proves, if any. */
    private Optional<Evolution> evolutionOf(String runId) {
        if (!store.recordsReleases()) return Optional.empty();
        for (Generation g : store.releases().generations()) {
            for (Evolution e : store.releases().evolutions(g.version())) {
                if (runId.equals(e.runId())) return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
