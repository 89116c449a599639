package io.gryt.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.gryt.api.release.Change;
import io.gryt.api.release.Generation;
import io.gryt.core.Gryt;
import io.gryt.core.internal.release.SyncedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A draft whose file is unchanged since its last sync is neither parsed nor synced again ({@code .gryt/gryt.db.synced});
 * any other file is: an edit that keeps the file's size and time, a record the store does not agree with (restored,
 * or synced by another process), a damaged record, and a file whose changes name pipelines (which the store does
 * not keep).
 */
class SyncedGenerationFilesTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(".gryt/generations/v2.2.0.yaml");
    }

    private Path record() {
        return dir.resolve(".gryt/gryt.db.synced/v2.2.0");
    }

    private static String title(Generation g, String id) {
        return g.change(id).map(Change::title).orElseThrow();
    }

    @Test
    void anEditThatKeepsTheFilesSizeAndTimeIsSynced() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            assertThat(title(gryt.generations().load("v2.2.0"), "PAY-003")).isEqualTo("Support Apple Pay");
            assertThat(record()).exists();
            assertThat(title(gryt.generations().load("v2.2.0"), "PAY-003")).isEqualTo("Support Apple Pay");

            FileTime time = Files.getLastModifiedTime(file());
            long size = Files.size(file());
            Files.writeString(file(), Files.readString(file()).replace("Support Apple Pay", "Support Apple Fay"));
            Files.setLastModifiedTime(file(), time);
            assertThat(Files.size(file())).isEqualTo(size);

            assertThat(title(gryt.generations().load("v2.2.0"), "PAY-003")).isEqualTo("Support Apple Fay");
            assertThat(title(gryt.store().releases().generation("v2.2.0").orElseThrow(), "PAY-003")).isEqualTo("Support Apple Fay");
        }
    }

    @Test
    void aRecordTheStoreDoesNotAgreeWithIsIgnored() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        String original = Files.readString(file());
        String originalRecord;
        try (Gryt gryt = project.open()) {
            gryt.generations().load("v2.2.0");
            originalRecord = Files.readString(record());
            // the store gets another contract (as from a restored database, or another clone sharing it), the file
            // and its record are put back as they were
            Files.writeString(file(), original.replace("Support Apple Pay", "Support Google Pay"));
            gryt.generations().load("v2.2.0");
            Files.writeString(file(), original);
            Files.writeString(record(), originalRecord);
            assertThat(title(gryt.store().releases().generation("v2.2.0").orElseThrow(), "PAY-003")).isEqualTo("Support Google Pay");

            assertThat(title(gryt.generations().load("v2.2.0"), "PAY-003")).isEqualTo("Support Apple Pay");
            assertThat(title(gryt.store().releases().generation("v2.2.0").orElseThrow(), "PAY-003")).isEqualTo("Support Apple Pay");
        }
    }

    @Test
    void aDamagedRecordIsIgnoredAndWrittenAgain() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            gryt.generations().load("v2.2.0");
            String good = Files.readString(record());
            Files.writeString(record(), "garbage");
            Files.writeString(file(), Files.readString(file()).replace("Support Apple Pay", "Support Apple Pay and more"));
            assertThat(title(gryt.generations().load("v2.2.0"), "PAY-003")).isEqualTo("Support Apple Pay and more");
            assertThat(Files.readString(record())).isNotEqualTo("garbage").isNotEqualTo(good);
            assertThat(Files.readString(record()).strip())
                    .startsWith(SyncedFiles.key("v2.2.0", ".gryt/generations/v2.2.0.yaml", Files.readString(file())) + " ");
        }
    }

    @Test
    void aFileWhoseChangesNamePipelinesIsAlwaysRead() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        Files.writeString(file(), Files.readString(file()).replace("""
                    title: "Support Apple Pay"
                """, """
                    title: "Support Apple Pay"
                    pipeline: release-pipeline
                """));
        try (Gryt gryt = project.open()) {
            for (int i = 0; i < 2; i++) {
                Generation g = gryt.generations().load("v2.2.0");
                assertThat(g.change("PAY-003").orElseThrow().pipeline()).isEqualTo("release-pipeline");
            }
            assertThat(record()).doesNotExist();
        }
    }
}
