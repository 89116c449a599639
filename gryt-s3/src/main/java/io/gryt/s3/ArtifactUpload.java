package io.gryt.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Uploads a recorded artifact, but only the bytes gryt recorded: the file at the artifact's path (relative to the
 * run's working directory, else the project's) must still have the recorded SHA-256. A file that is gone or was
 * rebuilt since is listed in the manifest as missing, with why, rather than uploaded as evidence it is not.
 */
final class ArtifactUpload {
    private final S3Bucket bucket;
    private final List<Path> dirs;

    ArtifactUpload(S3Bucket bucket, Path... dirs) {
        this.bucket = bucket;
        Set<Path> unique = new LinkedHashSet<>();
        for (Path dir : dirs) if (dir != null) unique.add(dir.toAbsolutePath().normalize());
        this.dirs = List.copyOf(unique);
    }

    void upload(String folder, String path, String sha256, Manifest manifest) {
        String key = folder + "/artifacts/" + ObjectKeys.relative(path);
        String found = null;
        for (Path dir : dirs) {
            Path file = dir.resolve(path).normalize();
            if (!Files.isRegularFile(file)) continue;
            String actual;
            try {
                actual = Digests.sha256Hex(file);
            } catch (IOException e) {
                found = "cannot read " + file + ": " + e.getMessage();
                continue;
            }
            if (!actual.equals(sha256)) {
                found = file + " changed since it was recorded (SHA-256 " + actual + ", recorded " + sha256 + ")";
                continue;
            }
            UploadedObject o = bucket.upload(key, file, "application/octet-stream");
            if (!o.sha256().equals(sha256)) {
                throw new S3UploadException(file + " changed while it was uploaded to " + key + "; trying again later");
            }
            manifest.uploaded("artifact", path, o);
            return;
        }
        manifest.missing("artifact", path, found != null ? found : "no file " + path + " under " + dirs);
    }
}
