package io.gryt.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A small run of the benchmark: it builds, measures, and the three ways to read the evidence agree. */
class GateEvidenceBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void aSmallRunBuildsTheDatabaseAndTheThreeQueriesAgree() throws Exception {
        Path db = dir.resolve("bench.db");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        BenchmarkOptions options = BenchmarkOptions.parse("changes=25", "evolutions=1_000", "warmup=0",
                "repetitions=1", "db=" + db);

        boolean agree = GateEvidenceBenchmark.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(agree).as(report).isTrue();
        assertThat(report).contains("25 changes, 1,000 evolutions", "ratio naive / evidence:", "evidence under 1 s:",
                "results agree: yes");
        assertThat(db).isRegularFile(); // kept when named
        assertThatThrownBy(() -> GateEvidenceBenchmark.run(options, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(db + " exists: name a new file for the benchmark database");
    }

    @Test
    void argumentsHaveDefaultsAndUnknownOnesAreRefused() {
        assertThat(BenchmarkOptions.parse()).isEqualTo(new BenchmarkOptions(1000, 100_000, 3, 7, 42, null));
        assertThatThrownBy(() -> BenchmarkOptions.parse("evolution=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown argument 'evolution=5'; arguments: [changes=1000]");
        assertThatThrownBy(() -> BenchmarkOptions.parse("changes=many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a number");
    }
}
