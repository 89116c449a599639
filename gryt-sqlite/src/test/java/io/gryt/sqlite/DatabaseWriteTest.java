package io.gryt.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link Database#write} commits. */
class DatabaseWriteTest {
    @TempDir
    Path dir;

    @Test
    void aStepPaceWriteSyncsNormallyAndEveryOtherWriteFully() {
        try (Database db = Database.open(dir.resolve("gryt.db"), "gryt.db", Migration.bundled())) {
            int relaxed = db.write("read the sync level", Database.Sync.NORMAL,
                    h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
            int full = db.write("read the sync level", h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());

            assertThat(relaxed).as("NORMAL").isEqualTo(1);
            assertThat(full).as("FULL, also on a connection made after a NORMAL write").isEqualTo(2);
        }
    }
}
