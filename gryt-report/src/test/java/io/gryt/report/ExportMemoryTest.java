package io.gryt.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The export streams: 100,000 evolutions go out of a JVM whose heap could not hold them. */
class ExportMemoryTest {
    static final int EVOLUTIONS = 100_000;
    static final String HEAP = "-Xmx40m";

    @TempDir
    Path dir;

    @Test
    void oneHundredThousandEvolutionsAreExportedInASmallHeap() throws Exception {
        Path db = dir.resolve("gryt.db");
        BulkRecord.build(db, 50, EVOLUTIONS);
        Path prefix = dir.resolve("export");

        try (ChildJvm child = ChildJvm.of(ExportMain.class).jvmOptions(HEAP, "-XX:+ExitOnOutOfMemoryError")
                .args(db.toString(), prefix.toString(), "json", "html", "csv").start()) {
            int code = child.waitFor(Duration.ofMinutes(3));
            assertThat(code).as("child output: %s %s", child.lines(), child.errorLines()).isZero();
            assertThat(child.lines()).last().asString().startsWith("exported with a heap of at most");
        }

        JsonCounts json = JsonCounts.of(Path.of(prefix + ".json"));
        assertThat(json.evolutions).isEqualTo(EVOLUTIONS);
        assertThat(json.steps).isEqualTo(2L * EVOLUTIONS);
        assertThat(json.proofs).isEqualTo(EVOLUTIONS);
        assertThat(json.entries).as("every audit entry, streamed too").isEqualTo(auditEntries(db)).isGreaterThan(EVOLUTIONS);
        try (java.util.stream.Stream<String> csv = Files.lines(Path.of(prefix + ".csv"))) {
            assertThat(csv.skip(1).filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).count()).isEqualTo(json.entries);
        }
        assertThat(count(Path.of(prefix + ".html"), "<article class=\"evolution\"")).isEqualTo(EVOLUTIONS);
        assertThat(Files.size(Path.of(prefix + ".json"))).as("far larger than the heap").isGreaterThan(40L << 20);
    }

    private static long auditEntries(Path db) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Path file, String marker) throws Exception {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) if (line.startsWith(marker)) n++;
        }
        return n;
    }

    /** Counts objects by the array they are in, reading the document as a stream. */
    static final class JsonCounts {
        long evolutions;
        long steps;
        long proofs;
        long entries;

        static JsonCounts of(Path file) throws Exception {
            JsonCounts c = new JsonCounts();
            try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
                java.util.ArrayDeque<String> arrays = new java.util.ArrayDeque<>();
                String field = null;
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    switch (t) {
                        case FIELD_NAME -> field = p.currentName();
                        case START_ARRAY -> {
                            arrays.push(field == null ? "" : field);
                            field = null;
                        }
                        case END_ARRAY -> arrays.pop();
                        case START_OBJECT -> {
                            // an element of an array, not the value of a field ("run": {...})
                            String path = field != null ? "" : String.join("/", (Iterable<String>) arrays::descendingIterator);
                            switch (path) {
                                case "generations/evolutions" -> c.evolutions++;
                                case "generations/changes/evolutions" -> c.proofs++;
                                case "generations/evolutions/steps" -> c.steps++;
                                case "entries" -> c.entries++;
                                default -> { }
                            }
                            field = null;
                        }
                        default -> field = null;
                    }
                }
            }
            return c;
        }
    }
}
